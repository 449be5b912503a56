import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { discoverRepo } from './discover.js';
import { operationInProgress } from './operations.js';
import type { RepoContext } from './repoContext.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(
  options: { empty?: boolean; bare?: boolean } = {},
): Promise<{ repo: TempRepo; git: RepoContext }> {
  const repo = await makeTempRepo(options);
  repos.push(repo);
  return { repo, git: options.bare ? (undefined as never) : await discoverRepo(repo.dir, repo.env) };
}

async function out(repo: TempRepo, args: string[], cwd?: string): Promise<string> {
  return (await repo.git(args, cwd === undefined ? {} : { cwd })).stdout;
}

/** Two branches that conflict on f.txt; HEAD on `topic`. */
async function conflicting(repo: TempRepo): Promise<void> {
  await repo.git(['switch', '-q', '-c', 'topic']);
  await repo.commitFile('f.txt', 'topic\n', 'topic change');
  await repo.git(['switch', '-q', 'main']);
  await repo.commitFile('f.txt', 'main\n', 'main change');
  await repo.git(['switch', '-q', 'topic']);
}

it('operationInProgress(): each operation, per worktree', async () => {
  const { repo, git } = await newRepo();
  expect(operationInProgress(git)).toBeNull();
  await conflicting(repo);
  const topic = (await out(repo, ['rev-parse', 'topic'])).trim();

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

  const patch = (await out(repo, ['format-patch', '--stdout', '-1', topic])).replace('+topic', '+other');
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
