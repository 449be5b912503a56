import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NAME_ONLY_DIFF_OPTIONS, SESSIONS_PATH, sessionIdsOfPaths, toBranchRef } from './paths.js';
import { type DirtyPath, parseStatusZ, parseWorktreeListZ, type WorktreeInfo } from './porcelain.js';
import { revParse } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { runGitIn } from './runGit.js';
import { querySimpleGit } from './simpleGit.js';

/*
 * The worktrees and what is uncommitted in this one: `git worktree list`, `git status`, the stash, and which paths
 * a checkout of another commit would change. Through simple-git (runGit.ts says why): only heavier commands
 * (`roo session start/continue`) ask these.
 */

/** Every worktree of the repository (main first), from `git worktree list --porcelain -z`. */
export async function listWorktrees(repo: RepoContext): Promise<WorktreeInfo[]> {
  const args = ['worktree', 'list', '--porcelain', '-z'];
  const list = parseWorktreeListZ(await querySimpleGit(repo, args, (git) => git.raw(args)));
  for (const worktree of list) {
    const gitDir = worktree.isMain
      ? worktree.isBare
        ? undefined
        : repo.commonDir
      : readGitFile(worktree.path);
    if (gitDir !== undefined) worktree.gitDir = gitDir;
  }
  return list;
}

/**
 * The path of another worktree that holds branch `name` (checked out, or being rebased or bisected there, which
 * git also counts), or undefined.
 */
export async function worktreeForBranch(repo: RepoContext, name: string): Promise<string | undefined> {
  const ref = toBranchRef(name);
  const short = ref.slice('refs/heads/'.length);
  for (const worktree of await listWorktrees(repo)) {
    if (worktree.path === repo.topLevel || worktree.isBare) continue;
    if (worktree.branch === short) return worktree.path;
    if (worktree.branch === null && worktree.gitDir !== undefined) {
      const gitDir = worktree.gitDir;
      const busy = ['rebase-merge/head-name', 'rebase-apply/head-name']
        .map((file) => readTrimmed(join(gitDir, file)))
        .concat(readTrimmed(join(gitDir, 'BISECT_START')));
      if (busy.some((value) => value === ref || value === short)) return worktree.path;
    }
  }
  return undefined;
}

/** Uncommitted changes: staged, unstaged and untracked paths (every untracked file, not folders). */
export async function dirtyPaths(repo: Pick<RepoContext, 'topLevel' | 'env'>): Promise<DirtyPath[]> {
  const args = [
    // A read must not take index.lock to refresh stat data: it would make a concurrent `git commit` fail.
    '--no-optional-locks',
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
  ];
  // raw, not simple-git's status(): the NUL-separated records keep every path byte as git stores it.
  return parseStatusZ(await querySimpleGit(repo, args, (git) => git.raw(args)));
}

/** Paths that differ between two commits; a rename shows as its old and its new path. */
export async function pathsChangedBetween(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  a: string,
  b: string,
): Promise<string[]> {
  const options = [...NAME_ONLY_DIFF_OPTIONS, a, b, '--'];
  const stdout = await querySimpleGit(repo, ['diff', ...options], (git) => git.diff(options));
  return stdout.split('\0').filter((path) => path !== '');
}

/**
 * Stashes every uncommitted change, untracked files included, under `message` (what `git stash list` shows).
 * Returns the stash commit's sha (`git stash apply <sha>` brings it back), or undefined when there was nothing
 * to stash.
 */
export async function stashPush(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  message: string,
): Promise<string | undefined> {
  const before = await revParse(repo, 'refs/stash');
  const options = ['push', '--include-untracked', '-m', message];
  await querySimpleGit(repo, ['stash', ...options], (git) => git.stash(options));
  const after = await revParse(repo, 'refs/stash');
  return after !== undefined && after !== before ? after : undefined;
}

/** Whether `path` (relative to the worktree top) is tracked: in the index, as `git ls-files --error-unmatch` says. */
export async function isTracked(repo: Pick<RepoContext, 'topLevel' | 'env'>, path: string): Promise<boolean> {
  const r = await runGitIn(repo, ['ls-files', '--error-unmatch', '--', path], {
    // The path is a file name, never a glob.
    env: { GIT_LITERAL_PATHSPECS: '1' },
    allowFail: true,
  });
  return r.exitCode === 0;
}

/** Session folders with uncommitted changes in this worktree (staged, unstaged or untracked files). */
export async function sessionFoldersChangedInWorktree(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
): Promise<string[]> {
  const r = await runGitIn(repo, [
    // --no-optional-locks: a read must not take index.lock (a concurrent git command would fail on it).
    '--no-optional-locks',
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    // --no-renames: a rename shows both paths as separate entries, so both folders count.
    '--no-renames',
    '--',
    SESSIONS_PATH,
  ]);
  // Records: `XY <path>`; the path starts at offset 3.
  return sessionIdsOfPaths(
    r.stdout
      .split('\0')
      .filter((record) => record.length > 3)
      .map((record) => record.slice(3)),
  );
}

/** The git directory a linked worktree's `.git` file points to (`gitdir: <path>`), if readable. */
function readGitFile(worktreePath: string): string | undefined {
  const text = readTrimmed(join(worktreePath, '.git'));
  if (text === undefined || !text.startsWith('gitdir: ')) return undefined;
  return resolve(worktreePath, text.slice('gitdir: '.length));
}

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
