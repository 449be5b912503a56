import { BranchInOtherWorktreeError, DirtyTreeError, UsageError } from '@roo-session/core/errors';
import { shortBranchName, toBranchRef } from './paths.js';
import { readHead, refExists, revParse } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { GitCommandError, runGitIn } from './runGit.js';
import { shellQuote } from './shellQuote.js';
import { worktreeForBranch } from './worktree.js';

/*
 * The branch changes roo makes in a worktree: create a branch and switch to it (and undo that), switch to a
 * local branch, or create one tracking a remote branch. Each either switches or changes nothing, and says which.
 * Run with runGit, not simple-git: the exit code must be git's own (the repository's post-checkout hook's, when
 * it failed after git switched).
 */

/**
 * What a switch that went through reports: `hookFailure` when git switched but the repository's own
 * post-checkout hook exited non-zero (git then exits with the hook's code): its exit code and message.
 */
export type SwitchOutcome = { hookFailure?: { exitCode: number; message: string } };

/**
 * A checkout refused because uncommitted changes would be overwritten (exit 3). `paths` are the files git
 * named; nothing was changed.
 */
export class CheckoutBlockedError extends DirtyTreeError {
  override readonly code: string = 'checkout_blocked';
  constructor(
    readonly branch: string,
    readonly paths: readonly string[],
    readonly stderr: string,
  ) {
    super({ branch, paths });
  }
}

/**
 * Creates branch `name` at HEAD and switches to it (`git switch -c`); the worktree and index are kept. When git
 * switched but the repository's own post-checkout hook failed (git then exits with the hook's code), returns
 * the hook's message: the switch is done. When git did not switch, a branch it may have created anyway is
 * deleted again (compare-and-swap) and GitCommandError (exit 4) is thrown: nothing changed.
 */
export async function createBranchAndSwitch(repo: RepoContext, name: string): Promise<SwitchOutcome> {
  rejectOptionLike(name);
  const [before, existed] = await Promise.all([readHead(repo), refExists(repo, toBranchRef(name))]);
  const args = ['switch', '-c', name];
  const result = await runGitIn(repo, args, { allowFail: true });
  if (result.exitCode === 0) return {};
  if ((await readHead(repo)).branch === name) return { hookFailure: hookFailure(result) };
  const created = await revParse(repo, toBranchRef(name));
  if (!existed && created !== undefined && created === before.sha) {
    await runGitIn(repo, ['update-ref', '-d', toBranchRef(name), created], { allowFail: true });
  }
  throw new GitCommandError(args, result.exitCode, result.stderr);
}

/**
 * Best-effort undo of {@link createBranchAndSwitch} after a later step failed: switches back to `previous`
 * (a branch name, or a commit for a detached HEAD) if HEAD is still on `branch`, then deletes `branch` with a
 * compare-and-swap, but only while everything on it since `previous` is roo's own commits. Never throws (it
 * runs while another error is being reported): returns undefined when fully undone, otherwise what is left and
 * the command to clean it up.
 */
export async function undoBranchCreation(
  repo: RepoContext,
  branch: string,
  previous: string | null,
): Promise<string | undefined> {
  const branchRef = toBranchRef(branch);
  const cleanup = `run \`git switch ${previous === null ? '-' : shellQuote(previous)} && git branch -D ${shellQuote(branch)}\``;
  try {
    if (previous === null) return `branch \`${branch}\` was left in place; ${cleanup}`;
    const isBranch = !/^[0-9a-f]{40,64}$/.test(previous) && (await refExists(repo, previous));
    const base = await revParse(repo, `${isBranch ? toBranchRef(previous) : previous}^{commit}`);
    const tip = await revParse(repo, branchRef);
    if (tip === undefined) return undefined;
    if (base === undefined) return `branch \`${branch}\` was left in place; ${cleanup}`;
    if (tip !== base) {
      const subjects = await runGitIn(repo, ['log', '--format=%s', `${base}..${tip}`, '--'], {
        allowFail: true,
      });
      const lines = subjects.stdout.split('\n').filter((line) => line !== '');
      const onlyRoo = subjects.exitCode === 0 && lines.every((line) => /^session\([^)]*\): /.test(line));
      if (!onlyRoo) return `branch \`${branch}\` has commits that are not roo's and was kept; ${cleanup}`;
    }
    if ((await readHead(repo)).branch === shortBranchName(branchRef)) {
      const args = isBranch ? ['switch', '--no-guess', previous] : ['switch', '--detach', previous];
      const switched = await runGitIn(repo, args, { allowFail: true });
      // A failing post-checkout hook of the repository's own makes git exit non-zero after switching back.
      const now = await readHead(repo);
      const back = isBranch
        ? now.branch === shortBranchName(toBranchRef(previous))
        : now.branch === null && now.sha === base;
      if (switched.exitCode !== 0 && !back)
        return `could not switch back (${switched.stderr.trim()}); ${cleanup}`;
    }
    // Compare-and-swap delete: if anything moved the branch meanwhile, it stays.
    const deleted = await runGitIn(repo, ['update-ref', '-d', branchRef, tip], { allowFail: true });
    return deleted.exitCode === 0 ? undefined : `branch \`${branch}\` could not be deleted; ${cleanup}`;
  } catch (error) {
    return `could not undo the creation of \`${branch}\` (${String(error)}); ${cleanup}`;
  }
}

/**
 * Switches to the existing local branch `name`. Throws BranchInOtherWorktreeError when another worktree has
 * it checked out and a DirtyTreeError ({@link CheckoutBlockedError}) naming the files when uncommitted
 * changes would be overwritten; in both cases nothing changed.
 */
export async function switchBranch(repo: RepoContext, name: string): Promise<SwitchOutcome> {
  rejectOptionLike(name);
  // --no-guess: never create a local branch from a same-named remote one behind the caller's back; that is
  // trackRemoteBranch's job.
  return switchOrExplain(repo, ['switch', '--no-guess', name], name);
}

/**
 * Creates local branch `name` from `remoteRef` (`origin/x` or `refs/remotes/origin/x`), set to track it, and
 * switches to it. Errors as in {@link switchBranch}.
 */
export async function trackRemoteBranch(
  repo: RepoContext,
  name: string,
  remoteRef: string,
): Promise<SwitchOutcome> {
  rejectOptionLike(name);
  rejectOptionLike(remoteRef);
  return switchOrExplain(repo, ['switch', '-c', name, '--track', remoteRef], name);
}

async function switchOrExplain(repo: RepoContext, args: string[], name: string): Promise<SwitchOutcome> {
  const result = await runGitIn(repo, args, { allowFail: true });
  if (result.exitCode === 0) return {};
  // git switched, then the repository's own post-checkout hook failed: the switch stands, say why it failed.
  if ((await readHead(repo)).branch === name) return { hookFailure: hookFailure(result) };
  const elsewhere = await worktreeForBranch(repo, name);
  if (elsewhere !== undefined) {
    throw new BranchInOtherWorktreeError({ branch: name, worktree: elsewhere });
  }
  // git lists the files that block the checkout one per line, indented with a tab (in every locale).
  const blocking = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('\t'))
    .map((line) => line.slice(1));
  if (blocking.length > 0) throw new CheckoutBlockedError(name, blocking, result.stderr);
  throw new GitCommandError(args, result.exitCode, result.stderr);
}

function hookFailure(result: { exitCode: number; stderr: string }): { exitCode: number; message: string } {
  // git's own "Switched to a new branch" line is not the hook's.
  const message = result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^Switched to (a new )?branch /.test(line))
    .join('\n')
    .trim();
  return { exitCode: result.exitCode, message };
}

function rejectOptionLike(name: string): void {
  // git rejects such names anyway, but as arguments they would be read as options first.
  if (name === '' || name.startsWith('-')) {
    throw new UsageError({
      what: `invalid branch name ${JSON.stringify(name)}: a branch name cannot start with \`-\`; nothing was changed`,
      next: 'roo session list --all',
      hint: 'to see the sessions and their branches',
    });
  }
}
