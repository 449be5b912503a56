import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  DetachedHeadError,
  isAtomicWriteLeftover,
  NoCommitsError,
  PreconditionError,
  RefMovedError,
} from '@roo-session/core';
import { crashPoint } from './crashPoint.js';
import { interruptedCommitMarker } from './discover.js';
import { operationInProgress, operationInProgressError } from './operations.js';
import { shortBranchName, toBranchRef, toRepoPath } from './paths.js';
import { revParse } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { GitCommandError, runGitIn } from './runGit.js';
import { shellQuote } from './shellQuote.js';
import { startSplice } from './spliceTree.js';

/** Input of {@link commitFolder}. */
export type CommitFolderOptions = {
  /** The folder to commit: relative to the top of the worktree (`.ruru/sessions/<ID>`) or absolute inside it. */
  folder: string;
  /** The branch HEAD must be on (short name or `refs/heads/…`); the commit lands on it. */
  branch: string;
  /** The full commit message, e.g. from {@link formatSessionCommitMessage}. */
  message: string;
  /** Extra trailers appended to the message's trailer block (`Key: value`). */
  trailers?: Readonly<Record<string, string>>;
  /** Sign the commit (`-S`). Default: the repository's `commit.gpgSign`. */
  sign?: boolean;
  /**
   * Checkpoints coalesce (docs/git-design.md): when the tip is this same kind of roo commit — the same subject
   * and the `Roo-Session` trailer of `session`, one parent — and no other branch or remote-tracking ref contains
   * it, the new commit replaces it (its parent becomes the tip's parent, compare-and-swap against the tip).
   */
  coalesce?: { session: string };
  /**
   * Test seam: called after the commit object exists and before the compare-and-swap of the branch, so a test
   * can move the branch in between and prove nothing is changed.
   */
  beforeUpdateRef?: (step: { old: string; new: string }) => void | Promise<void>;
  /**
   * Sees every file of the folder exactly as it goes into the commit (the staged blobs, not the files on disk,
   * which may change meanwhile), before the commit object is made; throwing aborts with nothing committed.
   * Not called when the folder has nothing new to commit. Used for the secret scan.
   */
  inspect?: (files: StagedFile[]) => void | Promise<void>;
};

/** One file of the folder as committed: repository path (`/`-separated), mode and the blob's bytes. */
export type StagedFile = { path: string; mode: string; data: Buffer };

/** Outcome of {@link commitFolder}. */
export type CommitFolderResult = {
  /** The branch tip afterwards: the new commit, or the old tip when the folder had nothing to commit. */
  commit: string;
  /** The new commit's parent: the tip before, or the tip's parent when the tip was replaced (coalesced). */
  parent: string;
  /** The roo commit the new one replaced (coalesced checkpoint), if any. */
  replaced?: string;
  /** False when the folder's tree already equalled the tip's: no commit was made. */
  changed: boolean;
  /**
   * Whether the real index now matches the commit for the folder. False only when the commit landed but the
   * index could not be updated (another git held `index.lock`, or HEAD left the branch meanwhile); `warning`
   * then says what to run.
   */
  indexSynced: boolean;
  warning?: string;
};

/**
 * The message of roo's own commits (docs/git-design.md): `session(<ID>): <event>`, a blank line, then the trailer
 * `Roo-Session: <ID>` and any extra trailers. Line breaks in `event` are folded into spaces (a subject is one
 * line).
 */
export function formatSessionCommitMessage(
  id: string,
  event: string,
  trailers: Readonly<Record<string, string>> = {},
): string {
  const subject = `session(${id}): ${event.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
  return appendTrailers(`${subject}\n\nRoo-Session: ${id}\n`, trailers);
}

/**
 * Adds `Key: value` lines to the message's final trailer block, or starts one after a blank line. Values are
 * folded onto one line; keys must be trailer tokens (letters, digits, `-`).
 */
export function appendTrailers(message: string, trailers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(trailers).map(([key, value]) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(key))
      throw new TypeError(`invalid trailer key ${JSON.stringify(key)}`);
    return `${key}: ${value.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
  });
  const body = message.replace(/\s+$/, '');
  if (lines.length === 0) return `${body}\n`;
  const lastParagraph = body.split(/\n[ \t]*\n/).pop() ?? '';
  const isTrailerBlock =
    body.includes('\n\n') && lastParagraph.split('\n').every((line) => /^[A-Za-z0-9-]+: /.test(line));
  return `${body}${isTrailerBlock ? '\n' : '\n\n'}${lines.join('\n')}\n`;
}

/**
 * Config for the git commands that work on roo's temporary index. Hooks are pointed at a folder that does not
 * exist (a `post-index-change` hook has no business seeing an index that is about to be deleted), and index
 * side-features that keep state outside the index file (split index's shared files, the fsmonitor token, the
 * untracked cache) are off so the temporary index leaves nothing behind.
 */
function tempIndexConfig(gitDir: string): string[] {
  return [
    '-c',
    `core.hooksPath=${join(gitDir, 'roo-no-hooks')}`,
    '-c',
    'core.splitIndex=false',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.untrackedCache=false',
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * docs/git-design.md: commits `folder` alone on `branch` (HEAD must be on it) without touching anything else the
 * user has staged or changed, and without running hooks: the folder's tree from a temporary index holding only
 * the folder (`add -A -f`, `write-tree --prefix`), spliced into the tip's tree by rewriting the trees on its path
 * (the same tree docs/git-design.md's `read-tree` of the tip would give, at a cost that does not grow with the
 * repository: docs/performance.md), `commit-tree` (signed when `commit.gpgSign`), compare-and-swap `update-ref`,
 * then the real index is updated for the folder only (`update-index --index-info`). Returns `changed: false` (no
 * commit) when the folder already matches the tip. Throws OperationInProgressError, DetachedHeadError,
 * NoCommitsError, PreconditionError (HEAD on another branch), UnsafePathError (a folder that is not strictly
 * inside the worktree) and RefMovedError (the branch moved meanwhile: nothing changed).
 */
export async function commitFolder(
  repo: RepoContext,
  options: CommitFolderOptions,
): Promise<CommitFolderResult> {
  if (options.message.trim() === '') throw new TypeError('commitFolder needs a commit message');
  const folder = toRepoPath(repo.topLevel, options.folder);
  const branchRef = toBranchRef(options.branch);
  const branch = shortBranchName(branchRef);
  const what = `commit ${folder}`;

  const operation = operationInProgress(repo);
  if (operation) throw operationInProgressError(operation, repo.topLevel, what);

  const [symbolic, tip, signConfig] = await Promise.all([
    // -q: exit 1 without a message when HEAD is detached.
    runGitIn(repo, ['symbolic-ref', '-q', 'HEAD'], { allowFail: true }),
    // Commit and tree of the tip in one process; fails when the branch has no commits yet.
    runGitIn(repo, ['rev-parse', '--verify', '-q', '--end-of-options', `${branchRef}^{commit}`], {
      allowFail: true,
    }),
    options.sign === undefined ? configGetBool(repo, 'commit.gpgSign') : Promise.resolve(options.sign),
  ]);
  const headRef = symbolic.exitCode === 0 ? symbolic.stdout.trim() : null;
  if (headRef === null) {
    throw new DetachedHeadError({
      what: `cannot ${what}: HEAD is detached in ${repo.topLevel}; roo commits the session folder on its branch \`${branch}\``,
      next: `git switch ${shellQuote(branch)}`,
      hint: 'first',
    });
  }
  if (headRef !== branchRef) {
    throw new PreconditionError({
      what: `cannot ${what}: HEAD is on \`${shortBranchName(headRef)}\`, not on the session's branch \`${branch}\``,
      next: `git switch ${shellQuote(branch)}`,
      hint: `or \`roo session continue ${shellQuote(basename(folder))}\``,
    });
  }
  const old = tip.exitCode === 0 ? tip.stdout.trim() : '';
  if (old === '') {
    throw new NoCommitsError({ branch });
  }

  // The folder's own tree comes from a temporary index holding only the folder; it is put into the tip's tree
  // by rewriting the few trees on its path (spliceTree.ts). Neither step reads the rest of the repository, so
  // the cost does not grow with it (docs/performance.md). The tip's trees on the path are read meanwhile.
  const [splice, folderState] = await Promise.all([
    startSplice(repo, old, folder),
    folderTreeOf(repo, folder),
  ]);
  const { tree, oldTree } = await splice(folderState.tree);
  if (tree === oldTree) return { commit: old, parent: old, changed: false, indexSynced: true };
  if (options.inspect) await options.inspect(await readStagedFiles(repo, folderState.entries));

  const message = appendTrailers(options.message, options.trailers ?? {});
  const subject = message.split('\n', 1)[0] ?? '';
  // The tip's tree differs from its parent's only in the folder (roo commits nothing else), so the spliced tree
  // is right on top of the parent too.
  const replaced =
    options.coalesce === undefined
      ? undefined
      : await coalescibleTip(repo, old, branchRef, subject, options.coalesce.session);
  const parent = replaced ?? old;
  // commit-tree runs no hooks and does not read commit.gpgSign itself (plumbing): -S asks for the signature,
  // and git picks user.signingKey / gpg.format as `git commit -S` would.
  const created = await runGitIn(
    repo,
    ['commit-tree', tree, '-p', parent, ...(signConfig ? ['-S'] : []), '-F', '-'],
    {
      input: message,
    },
  );
  const commit = created.stdout.trim();

  await options.beforeUpdateRef?.({ old, new: commit });

  // Written before the branch moves and removed once the index matches the commit: a roo killed in between, or
  // an index held by another git, leaves it behind, and the next roo command finishes the job
  // (repairInterruptedCommit).
  const marker = interruptedCommitMarker(repo.gitDir);
  writeFileSync(marker, `${folder}\n`);
  crashPoint('before-update-ref');
  // Compare-and-swap: git locks the ref and moves it only if it still points at `old`.
  const update = await runGitIn(repo, ['update-ref', '-m', `roo: ${subject}`, branchRef, commit, old], {
    allowFail: true,
  });
  if (update.exitCode !== 0) {
    rmSync(marker, { force: true });
    const now = await revParse(repo, branchRef);
    if (now !== old) {
      throw new RefMovedError({
        what: 'HEAD moved while roo was committing; nothing was changed',
        seen: `\`${branch}\` was at ${old.slice(0, 12)} and is now at ${now?.slice(0, 12) ?? 'nothing'}`,
        next: 'roo session checkpoint',
        hint: 'again',
        cause: update,
      });
    }
    throw new GitCommandError(
      ['update-ref', '-m', `roo: ${subject}`, branchRef, commit, old],
      update.exitCode,
      update.stderr,
      undefined,
      {
        hint:
          'nothing was changed; if no other git command is running, remove the stale lock file named above and ' +
          'run the command again',
      },
    );
  }

  crashPoint('after-update-ref');
  const synced = await syncIndex(repo, folder, branchRef, commit, folderState.entries);
  // Left behind when HEAD moved to another branch meanwhile too: the repair only acts when the folder's working
  // files equal HEAD's and its index entries do not, which is not the case on a branch without this commit.
  if (synced.indexSynced) rmSync(marker, { force: true });
  return {
    commit,
    parent,
    changed: true,
    ...(replaced !== undefined ? { replaced: old } : {}),
    ...synced,
  };
}

/**
 * Finishes an atomic commit whose index update did not happen (another git held `index.lock`, or roo was killed
 * after moving the branch): when the folder's tracked files in the working tree equal HEAD's but its index
 * entries do not, the index is set to HEAD's for that folder only, so the user's next `git commit` cannot undo
 * roo's commit. Costs one `stat` when nothing was interrupted. Returns the folder repaired, if any.
 */
export async function repairInterruptedCommit(repo: RepoContext): Promise<string | undefined> {
  const marker = interruptedCommitMarker(repo.gitDir);
  let folder: string;
  try {
    folder = readFileSync(marker, 'utf8').trim();
  } catch {
    return undefined;
  }
  const result = folder === '' ? 'clean' : await resetIndexFolderIfStale(repo, folder);
  if (result !== 'locked') rmSync(marker, { force: true });
  return result === 'reset' ? folder : undefined;
}

/**
 * The second half of {@link repairInterruptedCommit}: when the folder's tracked files in the working tree equal
 * HEAD's but the index does not (the commit moved the branch, the index update never happened), the index is set
 * to HEAD's for that folder only. `clean` when there was nothing to do, `locked` when another git holds the index.
 */
async function resetIndexFolderIfStale(
  repo: RepoContext,
  folder: string,
): Promise<'reset' | 'clean' | 'locked'> {
  const env = { GIT_LITERAL_PATHSPECS: '1' };
  const [worktree, staged] = await Promise.all([
    // --quiet: exit 1 when they differ. The working tree against HEAD, then the index against HEAD.
    runGitIn(repo, ['diff', '--quiet', 'HEAD', '--', folder], { env, allowFail: true }),
    runGitIn(repo, ['diff', '--cached', '--quiet', '--', folder], { env, allowFail: true }),
  ]);
  if (worktree.exitCode !== 0 || staged.exitCode !== 1) return 'clean';
  const reset = await runGitIn(repo, ['reset', '-q', '--', folder], { env, allowFail: true });
  if (reset.exitCode === 0) return 'reset';
  return reset.stderr.includes('index.lock') ? 'locked' : 'clean';
}

/**
 * A boolean config key read the way git reads it (`yes`, `on`, `1`, a bare key…); undefined when unset.
 * Throws GitCommandError for a value git itself rejects.
 */
async function configGetBool(repo: RepoContext, key: string): Promise<boolean | undefined> {
  const args = ['config', '--type=bool', '--get', key];
  const result = await runGitIn(repo, args, { allowFail: true });
  if (result.exitCode === 1) return undefined;
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  return result.stdout.trim() === 'true';
}

/**
 * The parent of `tip` when `tip` may be replaced by the next checkpoint: it is roo's own commit with `subject` and
 * the `Roo-Session: <session>` trailer, it has one parent, and no ref but `branchRef` among local branches and
 * remote-tracking refs contains it (nobody else has it, so rewriting it loses nothing). Else undefined.
 */
async function coalescibleTip(
  repo: RepoContext,
  tip: string,
  branchRef: string,
  subject: string,
  session: string,
): Promise<string | undefined> {
  const [object, containing] = await Promise.all([
    runGitIn(repo, ['cat-file', 'commit', tip], { allowFail: true }),
    // --contains: every ref whose history holds the tip; only the session branch itself may.
    runGitIn(repo, ['for-each-ref', '--contains', tip, '--format=%(refname)', 'refs/heads', 'refs/remotes'], {
      allowFail: true,
    }),
  ]);
  if (object.exitCode !== 0 || containing.exitCode !== 0) return undefined;
  if (containing.stdout.split('\n').some((ref) => ref !== '' && ref !== branchRef)) return undefined;
  const text = object.stdout;
  const split = text.indexOf('\n\n');
  if (split < 0) return undefined;
  const headers = text.slice(0, split).split('\n');
  const parents = headers.filter((line) => line.startsWith('parent ')).map((line) => line.slice(7));
  const body = text.slice(split + 2);
  if (parents.length !== 1 || body.split('\n', 1)[0] !== subject) return undefined;
  const hasTrailer = body.split('\n').some((line) => line === `Roo-Session: ${session}`);
  return hasTrailer ? parents[0] : undefined;
}

/**
 * The tree of `folder` as it is on disk (null when it is gone or holds no file) and its entries in
 * `ls-files -s -z` form (latin1, byte-exact), built in a temporary index that holds nothing else: `add -A -f`
 * (deletions too; the folder may be gitignored, roo commits it anyway), then `write-tree --prefix`.
 */
async function folderTreeOf(
  repo: RepoContext,
  folder: string,
): Promise<{ tree: string | null; entries: string }> {
  if (!existsSync(join(repo.topLevel, folder))) return { tree: null, entries: '' };
  const tempIndex = join(repo.gitDir, `roo-index-${process.pid}-${randomBytes(6).toString('hex')}`);
  // GIT_LITERAL_PATHSPECS: the folder name is a path, never a glob.
  const env = { GIT_INDEX_FILE: tempIndex, GIT_LITERAL_PATHSPECS: '1' };
  const config = tempIndexConfig(repo.gitDir);
  try {
    await runGitIn(repo, [...config, 'add', '-A', '-f', '--', folder], { env });
    let listed = await runGitIn(repo, [...config, 'ls-files', '-s', '-z'], { env, stdoutEncoding: 'latin1' });
    // The temp file of a write that was killed before its rename (`session_log.md.<n>`) is a partial copy, never
    // session content: out of the commit, whatever the folder holds (`roo session check` flags it).
    const leftovers = listed.stdout
      .split('\0')
      .map((record) => record.slice(record.indexOf('\t') + 1))
      .filter((path) => path !== '' && isAtomicWriteLeftover(path.slice(path.lastIndexOf('/') + 1)));
    if (leftovers.length > 0) {
      const input = Buffer.from(leftovers.map((path) => `${path}\0`).join(''), 'latin1');
      await runGitIn(repo, [...config, 'update-index', '-z', '--force-remove', '--stdin'], { env, input });
      listed = await runGitIn(repo, [...config, 'ls-files', '-s', '-z'], { env, stdoutEncoding: 'latin1' });
    }
    if (listed.stdout === '') return { tree: null, entries: '' };
    const written = await runGitIn(repo, [...config, 'write-tree', `--prefix=${folder}/`], { env });
    return { tree: written.stdout.trim(), entries: listed.stdout };
  } finally {
    rmSync(tempIndex, { force: true });
    rmSync(`${tempIndex}.lock`, { force: true });
  }
}

/**
 * The blobs named by `ls-files -s -z` records, read with one `cat-file --batch`: the bytes the tree holds.
 * Submodule entries (no blob) are left out.
 */
async function readStagedFiles(repo: RepoContext, entries: string): Promise<StagedFile[]> {
  const staged = entries
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const tab = record.indexOf('\t');
      const [mode = '', sha = ''] = record.slice(0, tab).split(' ');
      // latin1 in, so the path's bytes are exact; decoded as UTF-8 for the caller.
      return { mode, sha, path: Buffer.from(record.slice(tab + 1), 'latin1').toString('utf8') };
    })
    .filter((e) => e.mode !== '160000');
  if (staged.length === 0) return [];
  const out = Buffer.from(
    (
      await runGitIn(repo, ['cat-file', '--batch'], {
        input: staged.map((e) => `${e.sha}\n`).join(''),
        stdoutEncoding: 'latin1',
      })
    ).stdout,
    'latin1',
  );
  const files: StagedFile[] = [];
  let at = 0;
  for (const e of staged) {
    // `<sha> blob <size>\n<content>\n`
    const nl = out.indexOf(0x0a, at);
    const header = out.subarray(at, nl).toString('latin1').split(' ');
    if (header[0] !== e.sha || header[1] !== 'blob') {
      throw new GitCommandError(
        ['cat-file', '--batch'],
        0,
        `unexpected output for ${e.sha}: ${header.join(' ')}`,
      );
    }
    const size = Number(header[2]);
    files.push({ path: e.path, mode: e.mode, data: out.subarray(nl + 1, nl + 1 + size) });
    at = nl + 1 + size + 1;
  }
  return files;
}

/**
 * Makes the real index match `commit` for `folder` only: one `update-index --index-info` sets every file of the
 * folder to its committed blob and removes whatever else the index holds under it. Nothing outside the folder is
 * touched, and unlike `git reset -- <folder>` git does not compare the rest of the index with the tree. Another
 * git holding `index.lock` is waited for briefly, then reported: the commit stands, and `git status` would show
 * the folder as staged back to the old version until the printed command is run.
 */
async function syncIndex(
  repo: RepoContext,
  folder: string,
  branchRef: string,
  commit: string,
  entries: string,
): Promise<{ indexSynced: boolean; warning?: string }> {
  const recovery = `run \`git reset -q -- ${shellQuote(folder)}\` once no other git command is running`;
  const [symbolic, present] = await Promise.all([
    runGitIn(repo, ['symbolic-ref', '-q', 'HEAD'], { allowFail: true }),
    runGitIn(repo, ['ls-files', '-z', '--', folder], {
      env: { GIT_LITERAL_PATHSPECS: '1' },
      stdoutEncoding: 'latin1',
    }),
  ]);
  if (symbolic.stdout.trim() !== branchRef) {
    // The user switched away while we were committing: their index now belongs to another branch.
    return {
      indexSynced: false,
      warning: `committed ${commit.slice(0, 12)} on \`${shortBranchName(branchRef)}\`, but HEAD is no longer on it; the index was left alone`,
    };
  }
  // `ls-files -s -z` records (`<mode> <sha> <stage>\t<path>\0`) are what --index-info -z reads; mode 0 removes.
  const keep = new Set(
    entries
      .split('\0')
      .filter((record) => record !== '')
      .map((record) => record.slice(record.indexOf('\t') + 1)),
  );
  const zero = '0'.repeat(commit.length);
  const removals = [...new Set(present.stdout.split('\0'))]
    .filter((path) => path !== '' && !keep.has(path))
    .map((path) => `0 ${zero}\t${path}\0`)
    .join('');
  const input = Buffer.from(entries + removals, 'latin1');
  let stderr = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await sleep(40 * attempt);
    const update = await runGitIn(repo, ['update-index', '-z', '--index-info'], { input, allowFail: true });
    if (update.exitCode === 0) {
      // --index-info records no stat data, so git would see every file of the folder as possibly modified
      // (`git reset --keep` then refuses: "not uptodate"). Naming the files makes update-index stat them (and hash
      // them: the folder's files only, so the cost does not grow with the repository).
      if (keep.size > 0) {
        await runGitIn(repo, ['update-index', '-q', '-z', '--stdin'], {
          input: Buffer.from(`${[...keep].join('\0')}\0`, 'latin1'),
          env: { GIT_LITERAL_PATHSPECS: '1' },
          allowFail: true,
        });
      }
      return { indexSynced: true };
    }
    // git's first line names the problem (and the lock file); the rest is generic advice.
    stderr = update.stderr.trim().split('\n', 1)[0] ?? '';
    if (!stderr.includes('index.lock')) break;
  }
  return {
    indexSynced: false,
    warning: `committed ${commit.slice(0, 12)}, but could not update the index for ${folder} (${stderr}); ${recovery}`,
  };
}
