import { CatFileBatch, type GitObject, parseTree } from './catFileBatch.js';
import type { GitRepo } from './GitRepo.js';
import { SESSIONS_PATH } from './sessionLogs.js';

/** A local or remote-tracking branch tip, with its root tree. */
export type RefTip = {
  /** Full ref name (`refs/heads/session/X`, `refs/remotes/origin/main`). */
  ref: string;
  /** The tip commit. */
  sha: string;
  /** The tip commit's root tree. */
  tree: string;
  /** The tip's committer date. */
  committedAt: Date;
};

/** A session folder in a ref's tree: its name (the session ID) and the folder's tree object. */
export type SessionFolderAtRef = { id: string; tree: string };

/** What {@link readSessionCopies} found. */
export type SessionCopies = {
  /** Every branch tip that was looked at (symbolic refs such as `origin/HEAD` left out). */
  tips: RefTip[];
  /**
   * The session folders at each ref. Refs whose `.ruru/sessions` is the same tree share one
   * array. A ref without session folders maps to an empty array.
   */
  folders: Map<string, readonly SessionFolderAtRef[]>;
  /** Folder tree → its regular `session_log.md` blob (null: no such file). Known ones included. */
  logBlobs: Map<string, string | null>;
  /** The raw bytes of the log blobs the caller asked for (see `needBlob`). */
  blobs: Map<string, Buffer>;
};

/** Options of {@link readSessionCopies}. */
export type ReadSessionCopiesOptions = {
  /** for-each-ref patterns (default every local and remote-tracking branch). */
  patterns?: readonly string[];
  /**
   * The `session_log.md` blob of a folder tree when the caller already knows it (a cache: tree objects never
   * change, so the answer for a sha is forever). `undefined` = unknown, read the tree.
   */
  knownLogBlob?: (folderTree: string) => string | null | undefined;
  /** Whether the bytes of a log blob are needed (default: all). Blobs the caller has parsed before can be skipped. */
  needBlob?: (blob: string) => boolean;
};

const LOG_FILE = 'session_log.md';
// Regular files only: a symlink (120000) or a submodule (160000) named session_log.md is not a log.
const FILE_MODES = new Set(['100644', '100755']);

/**
 * The session folders on every branch tip, read from git objects without checking anything out, through ONE
 * `git cat-file --batch` process (issue 5 "team-wide list"). It walks level by level and asks for each object
 * once however many refs share it: root trees → `.ruru` → `sessions` → each distinct session folder tree →
 * each distinct `session_log.md` blob. Ten thousand sessions on twenty refs that mostly share their history
 * cost ten thousand small reads, not two hundred thousand; with `knownLogBlob`/`needBlob` answering from a
 * cache, only the few top trees are read at all.
 */
export async function readSessionCopies(
  repo: GitRepo,
  options: ReadSessionCopiesOptions = {},
): Promise<SessionCopies> {
  const tips = await listRefTips(repo, options.patterns ?? ['refs/heads/', 'refs/remotes/']);
  const folders = new Map<string, readonly SessionFolderAtRef[]>();
  const logBlobs = new Map<string, string | null>();
  const blobs = new Map<string, Buffer>();
  if (tips.length === 0) return { tips, folders, logBlobs, blobs };

  const batch = new CatFileBatch(repo.topLevel, repo.env);
  const cache = new Map<string, Promise<GitObject | null>>();
  const get = (sha: string): Promise<GitObject | null> => {
    let pending = cache.get(sha);
    if (pending === undefined) {
      pending = batch.get(sha);
      cache.set(sha, pending);
    }
    return pending;
  };
  /** The tree entries of `sha` (empty when it is not a tree). */
  const entriesOf = async (sha: string) => {
    const object = await get(sha);
    return object === null || object.type !== 'tree' ? [] : parseTree(object.data, sha.length / 2);
  };
  const childTree = async (sha: string | undefined, name: string): Promise<string | undefined> => {
    if (sha === undefined) return undefined;
    return (await entriesOf(sha)).find((entry) => entry.isTree && entry.name === name)?.sha;
  };

  try {
    // 1. root tree → .ruru → sessions, each distinct tree once.
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

    // 2. each distinct sessions tree → its folders. Branches forked from one another share most session folders:
    //    the tree most refs hold is read in full, the others as `git diff-tree` deltas against it (computed by
    //    git without reading the unchanged folders), and every list shares the folder objects of the full read.
    const counts = new Map<string, number>();
    for (const sha of sessionsOfRef) if (sha !== undefined) counts.set(sha, (counts.get(sha) ?? 0) + 1);
    const foldersOfTree = new Map<string, SessionFolderAtRef[]>();
    const distinct = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([sha]) => sha);
    const [baseTree, ...others] = distinct;
    if (baseTree !== undefined) {
      const baseFolders = (await entriesOf(baseTree))
        .filter((entry) => entry.isTree)
        .map((entry) => ({ id: entry.name, tree: entry.sha }));
      cache.delete(baseTree);
      foldersOfTree.set(baseTree, baseFolders);
      for (const [other, delta] of await diffSessionTrees(repo, baseTree, others)) {
        foldersOfTree.set(other, applyDelta(baseFolders, delta));
      }
      // A tree the diff did not account for is read in full (never expected; the answer must be complete).
      await Promise.all(
        others
          .filter((sha) => !foldersOfTree.has(sha))
          .map(async (sha) => {
            const list = (await entriesOf(sha))
              .filter((entry) => entry.isTree)
              .map((entry) => ({ id: entry.name, tree: entry.sha }));
            foldersOfTree.set(sha, list);
          }),
      );
    }
    const none: readonly SessionFolderAtRef[] = [];
    tips.forEach((tip, i) => {
      const sha = sessionsOfRef[i];
      folders.set(tip.ref, (sha === undefined ? undefined : foldersOfTree.get(sha)) ?? none);
    });

    // 3. each distinct folder tree the caller does not know → its session_log.md blob.
    const unknown: string[] = [];
    for (const list of foldersOfTree.values()) {
      for (const folder of list) {
        if (logBlobs.has(folder.tree)) continue;
        const known = options.knownLogBlob?.(folder.tree);
        if (known === undefined) {
          unknown.push(folder.tree);
          // Placeholder so a folder shared by many refs is asked for once.
          logBlobs.set(folder.tree, null);
        } else logBlobs.set(folder.tree, known);
      }
    }
    await Promise.all(
      unknown.map(async (tree) => {
        const log = (await entriesOf(tree)).find(
          (entry) => entry.name === LOG_FILE && FILE_MODES.has(entry.mode),
        );
        logBlobs.set(tree, log?.sha ?? null);
        // The folder tree is not needed again: let it go.
        cache.delete(tree);
      }),
    );

    // 4. each distinct log blob the caller needs.
    const wanted = new Set<string>();
    for (const blob of logBlobs.values()) {
      if (blob !== null && (options.needBlob?.(blob) ?? true)) wanted.add(blob);
    }
    await Promise.all(
      [...wanted].map(async (sha) => {
        const object = await get(sha);
        if (object !== null && object.type === 'blob') blobs.set(sha, object.data);
        cache.delete(sha);
      }),
    );
  } finally {
    await batch.close();
  }
  return { tips, folders, logBlobs, blobs };
}

/** What changed at the top level of a sessions tree: folder name → its new tree, or null when removed. */
type FolderDelta = Map<string, string | null>;

/**
 * `git diff-tree --stdin` of `base` against each of `others` (one process for all), top level only: which session
 * folders each adds, changes or removes.
 */
async function diffSessionTrees(
  repo: GitRepo,
  base: string,
  others: readonly string[],
): Promise<Map<string, FolderDelta>> {
  const deltas = new Map<string, FolderDelta>();
  if (others.length === 0) return deltas;
  const r = await repo.run(
    // -z: paths verbatim (no quoting), each record `:<modes> <shas> <status>\0<path>\0`; --stdin prints each
    // pair as a `<tree> <tree>` header line first. No -r: session folders are the top-level entries.
    ['diff-tree', '--stdin', '-z', '--no-renames'],
    { input: others.map((other) => `${base} ${other}\n`).join('') },
  );
  const out = r.stdout;
  let delta: FolderDelta | undefined;
  let i = 0;
  while (i < out.length) {
    if (out[i] === ':') {
      const metaEnd = out.indexOf('\0', i);
      const pathEnd = out.indexOf('\0', metaEnd + 1);
      if (metaEnd < 0 || pathEnd < 0) break;
      const [oldMode, newMode, , newSha] = out.slice(i + 1, metaEnd).split(' ');
      const name = out.slice(metaEnd + 1, pathEnd);
      if (delta !== undefined) {
        if (newMode === '040000') delta.set(name, newSha ?? null);
        else if (oldMode === '040000') delta.set(name, null);
      }
      i = pathEnd + 1;
      continue;
    }
    const eol = out.indexOf('\n', i);
    const header = out
      .slice(i, eol < 0 ? out.length : eol)
      .trim()
      .split(' ');
    if (header.length === 2 && header[1] !== undefined) {
      delta = new Map();
      deltas.set(header[1], delta);
    }
    i = eol < 0 ? out.length : eol + 1;
  }
  return deltas;
}

/** `base` with `delta` applied (base order, then added folders); unchanged folders are the objects of `base`. */
function applyDelta(base: readonly SessionFolderAtRef[], delta: FolderDelta): SessionFolderAtRef[] {
  const out: SessionFolderAtRef[] = [];
  for (const folder of base) {
    if (!delta.has(folder.id)) out.push(folder);
  }
  for (const [id, tree] of delta) if (tree !== null) out.push({ id, tree });
  return out;
}

/**
 * Local and remote-tracking branch tips with their root trees and committer dates, from one `for-each-ref`.
 * Symbolic refs (`refs/remotes/origin/HEAD`) are left out: they are another name for a branch already listed.
 */
export async function listRefTips(
  repo: GitRepo,
  patterns: readonly string[] = ['refs/heads/', 'refs/remotes/'],
): Promise<RefTip[]> {
  const result = await repo.run([
    'for-each-ref',
    // %(tree) is the root tree of the tip commit: the walk starts there without reading the commit object.
    '--format=%(refname)%00%(objectname)%00%(tree)%00%(committerdate:unix)%00%(symref)',
    '--',
    ...patterns,
  ]);
  const tips: RefTip[] = [];
  for (const line of result.stdout.split('\n')) {
    const [ref, sha, tree, unix, symref] = line.split('\0');
    // A tag or a ref to a non-commit has no tree: nothing to read.
    if (!ref || !sha || !tree || symref) continue;
    tips.push({ ref, sha, tree, committedAt: new Date(Number(unix || 0) * 1000) });
  }
  return tips;
}
