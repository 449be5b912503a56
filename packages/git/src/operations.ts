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

/** The error roo raises when `what` cannot run because `operation` is in progress in `worktree` (worded in core). */
export function operationInProgressError(
  operation: GitOperation,
  worktree: string,
  what: string,
): OperationInProgressError {
  return new OperationInProgressError({ op: operation, action: what, worktree });
}
