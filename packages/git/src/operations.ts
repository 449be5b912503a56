import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationInProgressError } from '@roo-session/core/errors';
import type { RepoContext } from './repoContext.js';

/** A multi-step git operation that has stopped half-way in a worktree. */
export type GitOperation = 'merge' | 'rebase' | 'am' | 'cherry-pick' | 'revert' | 'bisect';

/** The merge, rebase, `am`, cherry-pick, revert or bisect stopped half-way in `repo`'s worktree, if any. */
export function operationInProgress(repo: Pick<RepoContext, 'gitDir'>): GitOperation | null {
  return detectOperation(repo.gitDir);
}

/**
 * Which operation is in progress in the worktree whose git directory is `gitDir`, from the marker files git
 * leaves there (all of them are per-worktree, so a rebase in one linked worktree does not block another).
 */
export function detectOperation(gitDir: string): GitOperation | null {
  const has = (name: string) => existsSync(join(gitDir, name));
  // rebase first: an interactive rebase stopped on a conflicting pick may also leave CHERRY_PICK_HEAD or MERGE_HEAD.
  if (has('rebase-merge')) return 'rebase';
  // `git am` and `git rebase --apply` share rebase-apply/; am marks it with an `applying` file.
  if (has('rebase-apply')) return has('rebase-apply/applying') ? 'am' : 'rebase';
  if (has('MERGE_HEAD')) return 'merge';
  if (has('CHERRY_PICK_HEAD')) return 'cherry-pick';
  if (has('REVERT_HEAD')) return 'revert';
  // A multi-commit cherry-pick/revert between steps (conflict resolved and committed, `--continue` not yet run)
  // has no *_HEAD file, only the sequencer's todo list.
  const todo = readFirstLine(join(gitDir, 'sequencer', 'todo'));
  if (todo !== undefined) return /^(revert|r)\b/.test(todo) ? 'revert' : 'cherry-pick';
  if (has('BISECT_LOG')) return 'bisect';
  return null;
}

function readFirstLine(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
}

/** The commands that finish or abandon each operation, for messages. */
export const OPERATION_ADVICE: Readonly<Record<GitOperation, string>> = {
  merge: 'finish it with `git merge --continue` or abandon it with `git merge --abort`',
  rebase: 'finish it with `git rebase --continue` or abandon it with `git rebase --abort`',
  am: 'finish it with `git am --continue` or abandon it with `git am --abort`',
  'cherry-pick': 'finish it with `git cherry-pick --continue` or abandon it with `git cherry-pick --abort`',
  revert: 'finish it with `git revert --continue` or abandon it with `git revert --abort`',
  bisect: 'end it with `git bisect reset`',
};

const OPERATION_LABEL: Readonly<Record<GitOperation, string>> = {
  merge: 'a merge',
  rebase: 'a rebase',
  am: 'a `git am`',
  'cherry-pick': 'a cherry-pick',
  revert: 'a revert',
  bisect: 'a bisect',
};

/** The error roo raises when `what` cannot run because `operation` is in progress in `worktree`. */
export function operationInProgressError(
  operation: GitOperation,
  worktree: string,
  what: string,
): OperationInProgressError {
  return new OperationInProgressError(
    `cannot ${what}: ${OPERATION_LABEL[operation]} is in progress in ${worktree}; ` +
      `${OPERATION_ADVICE[operation]}, then run roo again`,
  );
}
