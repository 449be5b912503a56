import { closeSync, type Dirent, lstatSync, readdirSync, readFileSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import {
  type CopyLocation,
  mergeSessionCopies,
  type SessionCopy,
  type SessionCopyMeta,
  type SessionListRow,
  UnsafeFileError,
  unreadableCopyMeta,
} from '@roo-session/core';
import { currentBranch, readSessionCopies, type SessionFolderAtRef } from '@roo-session/git';
import { blobId, type CachedMeta, MetaCache } from '../store/metaCache.js';
import {
  assertNoLinkBelow,
  MAX_SESSION_FILE_BYTES,
  openRegularFile,
  tooLargeError,
} from '../store/safeFiles.js';
import type { Workspace } from '../store/Workspace.js';

export type { SessionListRow } from '@roo-session/core';

const YIELD_EVERY = 500;

/**
 * Every copy of every session this command can see: the folders in this worktree and, with `all`, the
 * `.ruru/sessions/*` folders at every local and remote-tracking branch tip, read from git objects by one
 * `cat-file --batch` process without checking anything out. Copies with the same bytes (the same git blob) are
 * one copy with several locations. Only frontmatter is read, through a content-keyed cache (see MetaCache). An
 * unreadable log is a copy with an error, never a failure (docs/formats.md).
 */
export async function listSessionCopies(ws: Workspace, opts: { all: boolean }): Promise<SessionCopy[]> {
  const cache = MetaCache.load(ws.repo.commonDir);
  let worktreeDone = () => {};
  const worktreeRead = new Promise<void>((resolve) => {
    worktreeDone = resolve;
  });
  // git works on the branches while this process stats the worktree (both take about as long).
  const branchRead = currentBranch(ws.repo);
  const refsRead = opts.all
    ? readSessionCopies(ws.repo, { needBlob: (blob) => !cache.hasMeta(blob), beforeBlobs: worktreeRead })
    : undefined;
  // They are awaited after the worktree loop, which yields now and then: a failure meanwhile must wait for that
  // await (Promise.all below) instead of ending the process as an unhandled rejection.
  branchRead.catch(() => {});
  refsRead?.catch(() => {});
  // The worktree's blob ids must be comparable with the refs' (SHA-1 or SHA-256 repository).
  const algorithm = objectFormat(ws.repo.commonDir);
  const hexLength = algorithm === 'sha1' ? 40 : 64;
  const reader = new FileReader();
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
    // A `.ruru` or `.ruru/sessions` that is a symlink would list (and read) folders outside the repository.
    assertNoLinkBelow(ws.repo.topLevel, sessionsDir);
    dirents = readdirSync(sessionsDir, { withFileTypes: true });
  } catch {
    dirents = [];
  }
  try {
    for (const [index, d] of dirents.entries()) {
      // Reading thousands of logs is synchronous work; now and then let the git processes started above be
      // answered, so they run alongside instead of waiting for the whole loop.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      if (!d.isDirectory()) continue;
      const folder = d.name;
      const file = join(sessionsDir, folder, 'session_log.md');
      const where = () => `${ws.sessionFolderRel(folder)}/session_log.md`;
      const unreadable = (why: string) =>
        addCopy(`worktree\0${folder}`, folder, unreadableCopyMeta(folder, `${where()}: ${why}`), here);
      // A log the cache knows is stat-ed; one it does not is read at once (its stat then comes from the open file).
      let blob: string | undefined;
      let meta: CachedMeta | undefined;
      if (cache.knowsFile(sessionsDir, folder)) {
        let st: Stats;
        try {
          // lstat: a log replaced by a symlink no longer matches the cache and is read (and refused) below.
          st = lstatSync(file);
        } catch {
          unreadable('no such file');
          continue;
        }
        blob = cache.fileBlob(sessionsDir, folder, st);
        meta = blob === undefined || blob.length !== hexLength ? undefined : cache.meta(blob);
      }
      if (blob === undefined || meta === undefined) {
        let read: { bytes: Uint8Array; st: Stats };
        try {
          read = reader.read(file);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          unreadable(
            code === 'ENOENT'
              ? 'no such file'
              : error instanceof UnsafeFileError
                ? error.detail
                : `cannot read (${code ?? String(error)})`,
          );
          continue;
        }
        blob = blobId(read.bytes, algorithm);
        meta = cache.metaOf(blob, read.bytes);
        cache.setFile(sessionsDir, folder, read.st, blob);
      }
      addCopy(`${folder}\0${blob}`, folder, toCopyMeta(folder, meta, where), here);
      if (!byBlob.has(blob)) byBlob.set(blob, copies.get(`${folder}\0${blob}`)!);
    }
  } finally {
    // Also on a failure here: the git side must not wait for it forever (its cat-file process would stay).
    worktreeDone();
  }

  // Both awaited together: a failure of either is handled, never left as an unhandled rejection.
  const [branch, found] = await Promise.all([branchRead, refsRead]);
  here.branch = branch;
  if (found !== undefined) {
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
      const blob = folder.log;
      let copy = blob === null ? undefined : byBlob.get(blob);
      // The same bytes in two folders (a copied session) are two sessions.
      if (copy !== undefined && copy.id !== folder.id) copy = copies.get(`${folder.id}\0${blob}`);
      // Folders without a log are one unreadable copy, wherever they are.
      if (copy === undefined && blob === null) copy = copies.get(`${folder.id}\0no-log`);
      if (copy !== undefined) {
        for (const at of ats) copy.locations.push(at);
        continue;
      }
      const cached = blob === null ? undefined : cache.meta(blob);
      const where = () => `${ats[0]!.location}:${ws.sessionFolderRel(folder.id)}/session_log.md`;
      const oversize = blob === null ? undefined : found.oversized.get(blob);
      const meta =
        cached === undefined
          ? unreadableCopyMeta(
              folder.id,
              oversize === undefined
                ? `${where()}: no such file`
                : `${where()}: ${tooLargeError(oversize, MAX_SESSION_FILE_BYTES, '').detail}`,
            )
          : toCopyMeta(folder.id, cached, where);
      const created = { id: folder.id, meta, locations: ats };
      copies.set(`${folder.id}\0${blob ?? 'no-log'}`, created);
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

/**
 * Reads whole small files into one reused buffer: listing reads thousands of logs, and a fresh buffer for each
 * is most of what the garbage collector then has to do. The bytes are valid until the next read.
 */
class FileReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  read(file: string): { bytes: Uint8Array; st: Stats } {
    // No symlink followed, no FIFO waited on, nothing over the cap read (safeFiles.ts): repository content.
    const { fd, st } = openRegularFile(file);
    try {
      if (st.size > MAX_SESSION_FILE_BYTES) throw tooLargeError(st.size, MAX_SESSION_FILE_BYTES, file);
      if (st.size > this.buffer.length) this.buffer = Buffer.allocUnsafe(st.size * 2);
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          // Grew since the stat: make room and go on.
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length > MAX_SESSION_FILE_BYTES) {
          throw tooLargeError(`more than ${MAX_SESSION_FILE_BYTES}`, MAX_SESSION_FILE_BYTES, file);
        }
      }
      return { bytes: this.buffer.subarray(0, length), st };
    } finally {
      closeSync(fd);
    }
  }
}

/** `session/X` for `refs/heads/session/X`, `origin/session/X` for `refs/remotes/origin/session/X`. */
export function shortRefName(ref: string): string {
  return ref.replace(/^refs\/(heads|remotes)\//, '');
}

/** `where` names the log in an error (a function: 10,000 readable logs need no such text). */
function toCopyMeta(folder: string, cached: CachedMeta, where: () => string): SessionCopyMeta {
  const { error, ...facts } = cached;
  if (error !== undefined) return unreadableCopyMeta(folder, `${where()}:${error.line}: ${error.detail}`);
  // A log without `id` is the session of its folder (as the full parser reads it).
  if (facts.id === '') facts.id = folder;
  return facts;
}
