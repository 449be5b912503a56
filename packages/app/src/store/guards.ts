import { OperationInProgressError } from '@roo-session/core';
import { operationInProgress, type RepoContext } from '@roo-session/git';

/** Refuses while git is in the middle of a merge, rebase, cherry-pick, revert, bisect or am (docs/git-design.md). */
export async function assertNoOperation(repo: Pick<RepoContext, 'gitDir'>, what: string): Promise<void> {
  const op = operationInProgress(repo);
  if (op !== null) throw new OperationInProgressError({ op, action: what });
}
