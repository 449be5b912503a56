import { OperationInProgressError } from '@roo-session/core';
import { operationInProgress, type RepoContext } from '@roo-session/git';

const NEXT: Record<string, string> = {
  merge: '`git merge --continue` or `git merge --abort`',
  rebase: '`git rebase --continue` or `git rebase --abort`',
  'cherry-pick': '`git cherry-pick --continue` or `git cherry-pick --abort`',
  revert: '`git revert --continue` or `git revert --abort`',
  bisect: '`git bisect reset`',
  am: '`git am --continue` or `git am --abort`',
};

/** Refuses while git is in the middle of a merge, rebase, cherry-pick, revert, bisect or am (docs/git-design.md). */
export async function assertNoOperation(repo: Pick<RepoContext, 'gitDir'>, what: string): Promise<void> {
  const op = operationInProgress(repo);
  if (op !== null) {
    throw new OperationInProgressError(
      `a ${op} is in progress in this worktree, so roo will not ${what} now; nothing was changed\n` +
        `finish it with ${NEXT[op] ?? '`git status`'}, then run the command again`,
    );
  }
}
