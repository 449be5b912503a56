import { UsageError } from '@roo-session/core/errors';
import { readHeadBranch } from './discover.js';
import { toBranchRef } from './paths.js';
import type { RepoContext } from './repoContext.js';
import { runGitIn } from './runGit.js';

/*
 * Refs: what HEAD points at, whether a ref exists and what it names, branch names git accepts, the branch tips
 * (`for-each-ref`), and the base a pull request is compared with. Every read here is one small git process.
 */

/** What HEAD points at in a worktree. */
export type HeadInfo = {
  /** The commit checked out; null when the branch has no commits yet. */
  sha: string | null;
  /** Short branch name (`main`, `session/SESSION-…`); null when HEAD is detached. */
  branch: string | null;
};

/** What HEAD points at: the commit (null before the first commit) and the branch (null when detached). */
export async function readHead(repo: Pick<RepoContext, 'topLevel' | 'env'>): Promise<HeadInfo> {
  const [symbolic, commit] = await Promise.all([
    // -q: exit 1 silently when HEAD is detached; works before the first commit too.
    runGitIn(repo, ['symbolic-ref', '-q', 'HEAD'], { allowFail: true }),
    runGitIn(repo, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { allowFail: true }),
  ]);
  const ref = symbolic.exitCode === 0 ? symbolic.stdout.trim() : null;
  return {
    sha: commit.exitCode === 0 ? commit.stdout.trim() : null,
    branch: ref === null ? null : ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref,
  };
}

/**
 * The branch checked out in this worktree (null when detached), without starting git: `<gitDir>/HEAD` is a
 * plain file (`ref: refs/heads/<name>`) in the files ref backend. Anything else there (a reftable stub, a
 * detached SHA we double-check) falls back to `git symbolic-ref`. This keeps `roo session current` at one git
 * process in all.
 */
export async function currentBranch(repo: RepoContext): Promise<string | null> {
  return readHeadBranch(repo.gitDir) ?? (await readHead(repo)).branch;
}

/**
 * Whether a ref exists. `ref` is a full ref name (`refs/heads/x`, `refs/remotes/origin/x`) or `HEAD`; a short
 * name means the local branch `refs/heads/<ref>`.
 */
export async function refExists(repo: Pick<RepoContext, 'topLevel' | 'env'>, ref: string): Promise<boolean> {
  const args =
    ref === 'HEAD'
      ? ['rev-parse', '--verify', '-q', 'HEAD']
      : // --verify: the exact ref, not a pattern or an abbreviation.
        ['show-ref', '--verify', '--quiet', toBranchRef(ref)];
  return (await runGitIn(repo, args, { allowFail: true })).exitCode === 0;
}

/** The object id `rev` names (any revision syntax), or undefined when it names nothing. */
export async function revParse(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  rev: string,
): Promise<string | undefined> {
  // --end-of-options: a revision that starts with `-` is never taken for an option.
  const result = await runGitIn(repo, ['rev-parse', '--verify', '-q', '--end-of-options', rev], {
    allowFail: true,
  });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Throws UsageError (exit 2) unless git accepts `name` as a new branch name (`git check-ref-format --branch`).
 */
export async function assertBranchName(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  name: string,
): Promise<void> {
  // `-…` would be read as an option, and `@{-N}` / `-` are expanded by --branch to an existing branch's name.
  // `refs/…` and `heads/…` are accepted by check-ref-format but name a ref, not a branch: `git switch -c
  // refs/heads/x` makes `refs/heads/refs/heads/x`. `HEAD` is not a branch either.
  const isValid =
    name !== '' &&
    !name.startsWith('-') &&
    !name.includes('@{') &&
    !/^(refs|heads|remotes)\//.test(name) &&
    name !== 'HEAD' &&
    (await runGitIn(repo, ['check-ref-format', '--branch', name], { allowFail: true })).stdout.trim() ===
      name;
  if (!isValid) {
    throw new UsageError({
      what:
        `invalid branch name ${JSON.stringify(name)}: git does not accept it as a branch name, or it names a ref ` +
        '(`refs/…`) rather than a branch; use letters, digits, `-`, `_`, `/` and `.` (no spaces, `..`, ' +
        '`~^:?*[\\`, or a leading `-`); nothing was changed',
      next: 'roo session start --branch <name> <goal>',
      hint: 'with a plain branch name such as `feature/login`',
    });
  }
}

/** The short names of every local branch (`refs/heads/…`), from one `for-each-ref`. */
export async function listLocalBranches(repo: Pick<RepoContext, 'topLevel' | 'env'>): Promise<string[]> {
  const result = await runGitIn(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads/']);
  return result.stdout
    .split('\n')
    .filter((ref) => ref.startsWith('refs/heads/'))
    .map((ref) => ref.slice('refs/heads/'.length));
}

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

/**
 * Local and remote-tracking branch tips with their root trees and committer dates, from one `for-each-ref`
 * (`patterns`: a prefix up to a `/`, or an fnmatch glob). Symbolic refs (`refs/remotes/origin/HEAD`) are left out:
 * they are another name for a branch already listed.
 */
export async function listRefTips(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  patterns: readonly string[] = ['refs/heads/', 'refs/remotes/'],
): Promise<RefTip[]> {
  const result = await runGitIn(repo, [
    'for-each-ref',
    // %(tree) is the root tree of the tip commit: a walk starts there without reading the commit object.
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

/** The base a PR is compared with, and how it was chosen (for messages). */
export type BaseRef = { ref: string; source: 'origin/HEAD' | 'main' };

/**
 * The remote default branch (`refs/remotes/origin/HEAD` → its target, e.g. `origin/main`), else `main`.
 * Never fails: whether the answer exists is checked where it is used ({@link resolveCommitish}).
 */
export async function defaultBaseRef(repo: Pick<RepoContext, 'topLevel' | 'env'>): Promise<BaseRef> {
  // -q: exit 1 silently when origin/HEAD is not set (a clone made by an old git, or no remote at all).
  const r = await runGitIn(repo, ['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], { allowFail: true });
  const target = r.stdout.trim();
  if (r.exitCode === 0 && target.startsWith('refs/remotes/')) {
    return { ref: target.slice('refs/remotes/'.length), source: 'origin/HEAD' };
  }
  return { ref: 'main', source: 'main' };
}

/**
 * The commit `rev` names, or a UsageError (exit 2) that says what was given and what to run. `what` names the
 * option in the message (`--base`, `--changed-since`).
 */
export async function resolveCommitish(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  rev: string,
  what: string,
): Promise<string> {
  if (rev === '' || rev.startsWith('-')) {
    throw new UsageError({
      what: `${what} ${JSON.stringify(rev)} is not a git revision`,
      hint: `run the command again with a branch name, e.g. \`${what} origin/main\``,
    });
  }
  // --verify: exactly one object or fail; ^{commit}: a tag or a tree-ish is not a base; --end-of-options: `rev`
  // is never read as an option.
  const r = await runGitIn(repo, ['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`], {
    allowFail: true,
  });
  if (r.exitCode !== 0) {
    throw new UsageError({
      what: `${what} ${rev}: no such commit in this repository`,
      next: 'git fetch origin',
      hint: 'to fetch it first, or name an existing branch (`git branch -a` lists them)',
    });
  }
  return r.stdout.trim();
}
