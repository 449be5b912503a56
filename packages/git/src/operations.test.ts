import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { conflictingBranches, gitOut, repoWithContext } from '../../../test/helpers/gitRepo.js';
import { discoverRepo } from './discover.js';
import { operationInProgress } from './operations.js';

it('operationInProgress(): each operation, per worktree', async () => {
  const { repo, git } = await repoWithContext();
  expect(operationInProgress(git)).toBeNull();
  await conflictingBranches(repo);
  const topic = (await gitOut(repo, ['rev-parse', 'topic'])).trim();

  await repo.git(['merge', 'main'], { reject: false });
  expect(operationInProgress(git)).toBe('merge');
  await repo.git(['merge', '--abort']);

  await repo.git(['rebase', 'main'], { reject: false });
  expect(operationInProgress(git)).toBe('rebase');
  await repo.git(['rebase', '--abort']);

  await repo.git(['rebase', '--apply', 'main'], { reject: false });
  expect(operationInProgress(git)).toBe('rebase');
  await repo.git(['rebase', '--abort']);

  await repo.git(['cherry-pick', 'main'], { reject: false });
  expect(operationInProgress(git)).toBe('cherry-pick');
  await repo.git(['cherry-pick', '--abort']);

  await repo.commitFile('r.txt', '1\n', 'r one');
  await repo.commitFile('r.txt', '2\n', 'r two');
  // Reverting the older change conflicts with the newer one.
  await repo.git(['revert', '--no-edit', 'HEAD~1'], { reject: false });
  expect(operationInProgress(git)).toBe('revert');
  await repo.git(['revert', '--abort']);

  const patch = (await gitOut(repo, ['format-patch', '--stdout', '-1', topic])).replace('+topic', '+other');
  writeFileSync(join(repo.root, 'p.patch'), patch);
  await repo.git(['am', join(repo.root, 'p.patch')], { reject: false });
  expect(operationInProgress(git)).toBe('am');
  await repo.git(['am', '--abort']);

  await repo.git(['bisect', 'start']);
  expect(operationInProgress(git)).toBe('bisect');
  await repo.git(['bisect', 'reset']);
  expect(operationInProgress(git)).toBeNull();

  // A merge in a linked worktree does not block this one.
  await repo.git(['switch', '-q', 'main']);
  const wt = join(repo.root, 'wt');
  await repo.git(['worktree', 'add', '-q', wt, 'topic']);
  await repo.git(['merge', 'main'], { cwd: wt, reject: false });
  expect(operationInProgress(await discoverRepo(wt, repo.env))).toBe('merge');
  expect(operationInProgress(git)).toBeNull();
});
