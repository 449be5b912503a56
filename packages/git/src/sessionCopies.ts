import { MAX_SESSION_FILE_BYTES } from '@roo-session/core';
import { CatFileBatch, type GitObject, parseTree } from './catFileBatch.js';
import { SESSIONS_PATH } from './paths.js';
import { listRefTips, type RefTip } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { runGitIn } from './runGit.js';

/**
 * A session folder in a ref's tree: its name (the session ID) and the blob of its regular `session_log.md`
 * (null: the folder has files but no such log, or it is a symlink or a submodule).
 */
export type SessionFolderAtRef = { id: string; log: string | null };

/** What {@link readSessionCopies} found. */
export type SessionCopies = {
  /** Every branch tip that was looked at (symbolic refs such as `origin/HEAD` left out). */
  tips: RefTip[];
  /**
   * The session folders at each ref. Refs whose `.ruru/sessions` is the same tree share one array, and the
   * arrays share the folder objects that are the same in both: compare them by identity to do work once.
   * A ref without session folders maps to an empty array.
   */
  folders: Map<string, readonly SessionFolderAtRef[]>;
  /** The raw bytes of the log blobs the caller asked for (see `needBlob`). */
  blobs: Map<string, Buffer>;
  /** The log blobs asked for that are larger than MAX_SESSION_FILE_BYTES, with their sizes (never read). */
  oversized: Map<string, number>;
};

/** Options of {@link readSessionCopies}. */
export type ReadSessionCopiesOptions = {
  /** for-each-ref patterns (default every local and remote-tracking branch). */
  patterns?: readonly string[];
  /** Whether the bytes of a log blob are needed (default: all). Blobs the caller has parsed before can be skipped. */
  needBlob?: (blob: string) => boolean;
  /**
   * Settles when `needBlob` can answer: the caller may be reading the same logs from the worktree meanwhile, and
   * what it parsed there need not be read again here.
   */
  beforeBlobs?: Promise<unknown>;
};

const LOG_FILE = 'session_log.md';
// Regular files only: a symlink (120000) or a submodule (160000) named session_log.md is not a log.
const FILE_MODES = new Set(['100644', '100755']);

/**
 * The session folders on every branch tip, read from git objects without checking anything out (what
 * `list --all` shows); never one git call per session or per ref:
 * 1. `for-each-ref`: the tips and their root trees;
 * 2. ONE `git cat-file --batch` process walks root tree → `.ruru` → `sessions`, each distinct tree once;
 * 3. the sessions tree most refs hold is listed by one `git ls-tree -r` (every folder's `session_log.md` blob id
 *    without reading 10,000 folder trees one by one), the other refs' trees by one `git diff-tree -r --stdin`
 *    against it (git skips the folders they share without reading them);
 * 4. the same cat-file process reads the log blobs the caller needs (with a cache: only new ones).
 */
export async function readSessionCopies(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  options: ReadSessionCopiesOptions = {},
): Promise<SessionCopies> {
  const tips = await listRefTips(repo, options.patterns ?? ['refs/heads/', 'refs/remotes/']);
  const folders = new Map<string, readonly SessionFolderAtRef[]>();
  const blobs = new Map<string, Buffer>();
  const oversized = new Map<string, number>();
  if (tips.length === 0) return { tips, folders, blobs, oversized };

  const batch = new CatFileBatch(repo);
  const cache = new Map<string, Promise<GitObject | null>>();
  const get = (sha: string): Promise<GitObject | null> => {
    let pending = cache.get(sha);
    if (pending === undefined) {
      pending = batch.get(sha);
      cache.set(sha, pending);
    }
    return pending;
  };
  const childTree = async (sha: string | undefined, name: string): Promise<string | undefined> => {
    if (sha === undefined) return undefined;
    const object = await get(sha);
    if (object === null || object.type !== 'tree') return undefined;
    return parseTree(object.data, sha.length / 2).find((entry) => entry.isTree && entry.name === name)?.sha;
  };

  try {
    // 2. root tree → .ruru → sessions, each distinct tree once.
    const steps = SESSIONS_PATH.split('/');
    const sessionsTreeOf = new Map<string, Promise<string | undefined>>();
    const sessionsTree = (root: string) => {
      let pending = sessionsTreeOf.get(root);
      if (pending === undefined) {
        pending = steps.reduce<Promise<string | undefined>>(
          async (tree, name) => childTree(await tree, name),
          Promise.resolve(root),
        );
        sessionsTreeOf.set(root, pending);
      }
      return pending;
    };
    const sessionsOfRef = await Promise.all(tips.map((tip) => sessionsTree(tip.tree)));
    cache.clear();

    // 3. the most common sessions tree in full, the others as deltas against it.
    const counts = new Map<string, number>();
    for (const sha of sessionsOfRef) if (sha !== undefined) counts.set(sha, (counts.get(sha) ?? 0) + 1);
    const [baseTree, ...others] = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([sha]) => sha);
    const foldersOfTree = new Map<string, SessionFolderAtRef[]>();
    if (baseTree !== undefined) {
      const [listing, deltas] = await Promise.all([
        runGitIn(repo, ['ls-tree', '-r', '-z', '--full-tree', baseTree]),
        diffSessionTrees(repo, baseTree, others),
      ]);
      const base = foldersOfListing(listing.stdout);
      foldersOfTree.set(baseTree, base.list);
      for (const other of others) {
        const delta = deltas.get(other);
        // diff-tree prints every pair it was given, even an empty delta; a missing one would be a git bug.
        if (delta === undefined) throw new Error(`git diff-tree gave no answer for ${baseTree} ${other}`);
        foldersOfTree.set(other, applyDelta(base, delta));
      }
    }
    const none: readonly SessionFolderAtRef[] = [];
    tips.forEach((tip, i) => {
      const sha = sessionsOfRef[i];
      folders.set(tip.ref, (sha === undefined ? undefined : foldersOfTree.get(sha)) ?? none);
    });

    // 4. each distinct log blob the caller needs.
    await options.beforeBlobs;
    const wanted = new Set<string>();
    for (const list of foldersOfTree.values()) {
      for (const folder of list) {
        if (folder.log !== null && !wanted.has(folder.log) && (options.needBlob?.(folder.log) ?? true)) {
          wanted.add(folder.log);
        }
      }
    }
    await Promise.all(
      [...wanted].map(async (sha) => {
        // Bounded: a teammate's branch can hold a log of any size; past the cap its bytes are skipped unread.
        const object = await batch.get(sha, { maxSize: MAX_SESSION_FILE_BYTES });
        if (object?.tooLarge) oversized.set(sha, object.size);
        else if (object !== null && object.type === 'blob') blobs.set(sha, object.data);
      }),
    );
  } finally {
    await batch.close();
  }
  return { tips, folders, blobs, oversized };
}

/** A folder's log and how many files it holds, all subfolders included (a folder with none is gone). */
type FolderState = { log: string | null; files: number };

/** The base sessions tree: its folders in tree order, and each one's state by name. */
type BaseListing = { list: SessionFolderAtRef[]; byName: Map<string, FolderState> };

/** Splits `<folder>/<rest>` (a path relative to the sessions tree); top-level files are not folders. */
function splitPath(path: string): [folder: string, rest: string] | undefined {
  const slash = path.indexOf('/');
  return slash <= 0 ? undefined : [path.slice(0, slash), path.slice(slash + 1)];
}

/** Parses `ls-tree -r -z` (`<mode> <type> <sha>\t<path>\0` records) into the folders it shows. */
function foldersOfListing(out: string): BaseListing {
  const byName = new Map<string, FolderState>();
  let i = 0;
  while (i < out.length) {
    const end = out.indexOf('\0', i);
    const record = out.slice(i, end < 0 ? out.length : end);
    i = end < 0 ? out.length : end + 1;
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const parts = splitPath(record.slice(tab + 1));
    if (parts === undefined) continue;
    const [name, rest] = parts;
    let folder = byName.get(name);
    if (folder === undefined) {
      folder = { log: null, files: 0 };
      byName.set(name, folder);
    }
    folder.files++;
    if (rest === LOG_FILE) {
      const [mode, , sha] = record.slice(0, tab).split(' ');
      if (mode !== undefined && FILE_MODES.has(mode) && sha !== undefined) folder.log = sha;
    }
  }
  // The folder objects of this list are shared by every list derived from it (applyDelta).
  const list = [...byName].map(([id, folder]): SessionFolderAtRef => ({ id, log: folder.log }));
  return { list, byName };
}

/** One changed file of a diff, relative to the sessions tree. */
type FileChange = { folder: string; rest: string; oldMode: string; newMode: string; newSha: string };

/**
 * `git diff-tree -r --stdin` of `base` against each of `others` (one process for all): the files each one
 * adds, changes or removes, grouped per other tree.
 */
async function diffSessionTrees(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  base: string,
  others: readonly string[],
): Promise<Map<string, FileChange[]>> {
  const deltas = new Map<string, FileChange[]>();
  if (others.length === 0) return deltas;
  const r = await runGitIn(
    repo,
    // -z: paths verbatim (no quoting), each record `:<modes> <shas> <status>\0<path>\0`; --stdin prints each
    // pair as a `<tree> <tree>` header line first.
    ['diff-tree', '--stdin', '-r', '-z', '--no-renames'],
    { input: others.map((other) => `${base} ${other}\n`).join('') },
  );
  const out = r.stdout;
  let delta: FileChange[] | undefined;
  let i = 0;
  while (i < out.length) {
    if (out[i] === ':') {
      const metaEnd = out.indexOf('\0', i);
      const pathEnd = out.indexOf('\0', metaEnd + 1);
      if (metaEnd < 0 || pathEnd < 0) break;
      const [oldMode = '', newMode = '', , newSha = ''] = out.slice(i + 1, metaEnd).split(' ');
      const parts = splitPath(out.slice(metaEnd + 1, pathEnd));
      if (delta !== undefined && parts !== undefined) {
        delta.push({ folder: parts[0], rest: parts[1], oldMode, newMode, newSha });
      }
      i = pathEnd + 1;
      continue;
    }
    // A header `<tree> <tree>` (with -z, ended by a NUL or a newline depending on the git version).
    let eol = i;
    while (eol < out.length && out[eol] !== '\n' && out[eol] !== '\0') eol++;
    const header = out.slice(i, eol).trim().split(' ');
    if (header.length === 2 && header[1] !== undefined && header[1] !== '') {
      delta = [];
      deltas.set(header[1], delta);
    }
    i = eol + 1;
  }
  return deltas;
}

/**
 * The folders of a tree that differs from the base by `delta`: base order, then new folders. Unchanged folders
 * are the base's own objects.
 */
function applyDelta(base: BaseListing, delta: readonly FileChange[]): SessionFolderAtRef[] {
  const changed = new Map<string, FolderState>();
  for (const change of delta) {
    let state = changed.get(change.folder);
    if (state === undefined) {
      const known = base.byName.get(change.folder);
      state = { log: known?.log ?? null, files: known?.files ?? 0 };
      changed.set(change.folder, state);
    }
    // Added (no old mode) or deleted (no new mode); a modified file leaves the count as it is.
    if (change.oldMode === '000000') state.files++;
    else if (change.newMode === '000000') state.files--;
    if (change.rest === LOG_FILE) {
      state.log = FILE_MODES.has(change.newMode) ? change.newSha : null;
    }
  }
  const out: SessionFolderAtRef[] = [];
  for (const folder of base.list) {
    if (!changed.has(folder.id)) out.push(folder);
  }
  for (const [id, state] of changed) {
    if (state.files > 0) out.push({ id, log: state.log });
  }
  return out;
}
