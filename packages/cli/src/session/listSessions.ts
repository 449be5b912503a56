import { type Dirent, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CopyLocation,
  mergeSessionCopies,
  type SessionCopy,
  type SessionCopyMeta,
  type SessionListRow,
  unreadableCopyMeta,
} from '@roo-session/core';
import { readSessionCopies, type SessionFolderAtRef } from '@roo-session/git';
import type { Workspace } from '../workspace/Workspace.js';
import { blobId, type CachedMeta, MetaCache } from './metaCache.js';

export type { SessionListRow } from '@roo-session/core';

/**
 * Every copy of every session this command can see: the folders in this worktree and, with `all`, the
 * `.ruru/sessions/*` folders at every local and remote-tracking branch tip, read from git objects by one
 * `cat-file --batch` process without checking anything out. Copies with the same bytes (the same git blob) are
 * one copy with several locations. Only frontmatter is read, through a content-keyed cache (see MetaCache). An
 * unreadable log is a copy with an error, never a failure (SPEC 1.4).
 */
export async function listSessionCopies(ws: Workspace, opts: { all: boolean }): Promise<SessionCopy[]> {
  const cache = MetaCache.load(ws.repo.commonDir);
  // git works on the branches while this process stats the worktree (both take about as long).
  const branchRead = ws.repo.currentBranch();
  const refsRead = opts.all
    ? readSessionCopies(ws.repo, {
        knownLogBlob: (tree) => cache.tree(tree),
        needBlob: (blob) => !cache.hasMeta(blob),
      })
    : undefined;
  // The worktree's blob ids must be comparable with the refs' (SHA-1 or SHA-256 repository).
  const algorithm = objectFormat(ws.repo.commonDir);
  const copies = new Map<string, { id: string; meta: SessionCopyMeta; locations: CopyLocation[] }>();
  // The same copies by blob id alone. Looked up with the blob id string of the tree walk, the same string object
  // for every ref, so its hash is computed once: a composite key string per folder and ref would cost more than
  // everything else here.
  const byBlob = new Map<string, { id: string; meta: SessionCopyMeta; locations: CopyLocation[] }>();
  const addCopy = (key: string, id: string, meta: SessionCopyMeta, at: CopyLocation) => {
    const known = copies.get(key);
    if (known === undefined) copies.set(key, { id, meta, locations: [at] });
    else known.locations.push(at);
  };

  // Its branch is filled in once git has answered (the own-branch rule of mergeSessionCopies).
  const here: CopyLocation = { location: 'worktree', kind: 'worktree', branch: null, tipMs: null, order: 0 };
  const sessionsDir = ws.sessionsDir;
  let dirents: Dirent[] = [];
  try {
    dirents = readdirSync(sessionsDir, { withFileTypes: true });
  } catch {
    dirents = [];
  }
  for (const d of dirents) {
    if (!d.isDirectory()) continue;
    const folder = d.name;
    const file = join(sessionsDir, folder, 'session_log.md');
    const where = `${ws.sessionFolderRel(folder)}/session_log.md`;
    const unreadable = (why: string) =>
      addCopy(`worktree\0${folder}`, folder, unreadableCopyMeta(folder, `${where}: ${why}`), here);
    let st: Stats;
    try {
      st = statSync(file);
    } catch {
      unreadable('no such file');
      continue;
    }
    let blob = cache.fileBlob(sessionsDir, folder, st);
    let meta =
      blob === undefined || blob.length !== (algorithm === 'sha1' ? 40 : 64) ? undefined : cache.meta(blob);
    if (blob === undefined || meta === undefined) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        unreadable(`cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        continue;
      }
      blob = blobId(bytes, algorithm);
      meta = cache.metaOf(blob, bytes);
      cache.setFile(sessionsDir, folder, st, blob);
    }
    addCopy(`${folder}\0${blob}`, folder, toCopyMeta(folder, meta, where), here);
    if (!byBlob.has(blob)) byBlob.set(blob, copies.get(`${folder}\0${blob}`)!);
  }

  // Both awaited together: a failure of either is handled, never left as an unhandled rejection.
  const [branch, found] = await Promise.all([branchRead, refsRead]);
  here.branch = branch;
  if (found !== undefined) {
    for (const [tree, blob] of found.logBlobs) cache.setTree(tree, blob);
    for (const [blob, bytes] of found.blobs) cache.metaOf(blob, bytes);
    // Display order: local branches, then remote-tracking ones, each by name (after the worktree, order 0).
    const tips = [...found.tips].sort(
      (a, b) =>
        Number(a.ref.startsWith('refs/remotes/')) - Number(b.ref.startsWith('refs/remotes/')) ||
        (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
    );
    // Refs whose sessions tree is the same share one folder array: walk each array once, for all its refs.
    const refsOf = new Map<readonly SessionFolderAtRef[], CopyLocation[]>();
    tips.forEach((tip, i) => {
      const folders = found.folders.get(tip.ref) ?? [];
      const location = shortRefName(tip.ref);
      const isRemote = tip.ref.startsWith('refs/remotes/');
      const at: CopyLocation = {
        location,
        kind: isRemote ? 'remote' : 'local',
        branch: isRemote ? location.slice(location.indexOf('/') + 1) : location,
        tipMs: tip.committedAt.getTime(),
        order: i + 1,
      };
      const list = refsOf.get(folders);
      if (list === undefined) refsOf.set(folders, [at]);
      else list.push(at);
    });
    // Refs that differ by a few sessions still share the folder objects of the rest: gather each folder's
    // locations by object identity first, then look its blob up once.
    const atsOfFolder = new Map<SessionFolderAtRef, CopyLocation[]>();
    for (const [folders, ats] of refsOf) {
      for (const folder of folders) {
        const list = atsOfFolder.get(folder);
        if (list === undefined) atsOfFolder.set(folder, [...ats]);
        else for (const at of ats) list.push(at);
      }
    }
    for (const [folder, ats] of atsOfFolder) {
      const blob = found.logBlobs.get(folder.tree) ?? null;
      let copy = blob === null ? undefined : byBlob.get(blob);
      // The same bytes in two folders (a copied session) are two sessions.
      if (copy !== undefined && copy.id !== folder.id) copy = copies.get(`${folder.id}\0${blob}`);
      if (copy === undefined && blob === null) copy = copies.get(`${folder.id}\0tree:${folder.tree}`);
      if (copy !== undefined) {
        for (const at of ats) copy.locations.push(at);
        continue;
      }
      const cached = blob === null ? undefined : cache.meta(blob);
      const where = `${ats[0]!.location}:${ws.sessionFolderRel(folder.id)}/session_log.md`;
      const meta =
        cached === undefined
          ? unreadableCopyMeta(folder.id, `${where}: no such file`)
          : toCopyMeta(folder.id, cached, where);
      const created = { id: folder.id, meta, locations: ats };
      copies.set(`${folder.id}\0${blob ?? `tree:${folder.tree}`}`, created);
      if (blob !== null && !byBlob.has(blob)) byBlob.set(blob, created);
    }
  }
  cache.save();
  return [...copies.values()];
}

/** `roo session list`: one row per session ID (see `mergeSessionCopies` for which copy is the newest). */
export async function listSessions(ws: Workspace, opts: { all: boolean }): Promise<SessionListRow[]> {
  return mergeSessionCopies(await listSessionCopies(ws, opts));
}

/**
 * The hash of the repository's objects: `extensions.objectFormat` lives only in the repository's own config, so
 * reading that file answers without a git process.
 */
function objectFormat(commonDir: string): 'sha1' | 'sha256' {
  try {
    return /^\s*objectformat\s*=\s*sha256\s*$/im.test(readFileSync(join(commonDir, 'config'), 'utf8'))
      ? 'sha256'
      : 'sha1';
  } catch {
    return 'sha1';
  }
}

/** `session/X` for `refs/heads/session/X`, `origin/session/X` for `refs/remotes/origin/session/X`. */
export function shortRefName(ref: string): string {
  return ref.replace(/^refs\/(heads|remotes)\//, '');
}

function toCopyMeta(folder: string, cached: CachedMeta, where: string): SessionCopyMeta {
  if (cached.error !== undefined) {
    return unreadableCopyMeta(folder, `${where}:${cached.error.line}: ${cached.error.detail}`);
  }
  return {
    // A log without `id` is the session of its folder (as the full parser reads it).
    id: cached.id || folder,
    title: cached.title,
    status: cached.status ?? undefined,
    statusRaw: cached.statusRaw,
    branch: cached.branch,
    startTime: cached.startTime,
    endTime: cached.endTime,
    startMs: cached.startMs,
    endMs: cached.endMs,
  };
}
