import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conflictingBranches, gitOut, repoWithContext } from '../../../test/helpers/gitRepo.js';
import { discoverRepo } from './discover.js';
import { dirtyPaths, listWorktrees, pathsChangedBetween, stashPush, worktreeForBranch } from './worktree.js';

describe('worktree', () => {
  it('dirtyPaths(): staged, unstaged, untracked files one by one, renames, unusual names', async () => {
    const { repo, git } = await repoWithContext();
    await repo.commitFile('old name.txt', 'content\n', 'add');
    await repo.git(['mv', 'old name.txt', 'new ü.txt']);
    repo.write('README.md', 'changed\n');
    repo.write('deep/er/untracked.txt', 'u\n');
    repo.write('line\nbreak "q".txt', 'n\n');
    repo.write('partial.txt', 'v1\n');
    await repo.git(['add', 'partial.txt']);
    repo.write('partial.txt', 'v2\n');
    const paths = await dirtyPaths(git);
    expect(paths.map((p) => [p.index + p.worktree, p.path, p.origPath ?? null]).sort()).toEqual(
      [
        [' M', 'README.md', null],
        ['AM', 'partial.txt', null],
        ['R ', 'new ü.txt', 'old name.txt'],
        ['??', 'deep/er/untracked.txt', null],
        ['??', 'line\nbreak "q".txt', null],
      ].sort(),
    );
    expect(paths.find((p) => p.path === 'deep/er/untracked.txt')?.isUntracked).toBe(true);
    // A read leaves no index.lock behind and takes none (--no-optional-locks).
    expect(await dirtyPaths((await repoWithContext({ empty: true })).git)).toEqual([]);
  });

  it('pathsChangedBetween(): both sides of a rename, non-ASCII names', async () => {
    const { repo, git } = await repoWithContext();
    const a = await repo.commitFile('x.txt', 'x\n', 'x');
    await repo.git(['mv', 'x.txt', 'ÿ x.txt']);
    await repo.git(['commit', '-q', '-m', 'mv']);
    repo.write('README.md', 'changed\n');
    await repo.git(['commit', '-q', '-am', 'edit']);
    expect((await pathsChangedBetween(git, a, 'HEAD')).sort()).toEqual(['README.md', 'x.txt', 'ÿ x.txt']);
    expect(await pathsChangedBetween(git, 'HEAD', 'HEAD')).toEqual([]);
  });

  it('listWorktrees() and worktreeForBranch(), including a branch being rebased elsewhere', async () => {
    const { repo, git } = await repoWithContext();
    await conflictingBranches(repo);
    await repo.git(['switch', '-q', 'main']);
    const wtTopic = join(repo.root, 'wt-topic');
    const wtDetached = join(repo.root, 'wt-detached');
    await repo.git(['worktree', 'add', '-q', wtTopic, 'topic']);
    await repo.git(['worktree', 'add', '-q', '--detach', wtDetached, 'main']);
    const list = await listWorktrees(git);
    expect(list.map((w) => [w.path, w.branch, w.isMain, w.gitDir])).toEqual([
      [repo.dir, 'main', true, join(repo.dir, '.git')],
      // git lists linked worktrees sorted by path.
      [wtDetached, null, false, join(repo.dir, '.git', 'worktrees', 'wt-detached')],
      [wtTopic, 'topic', false, join(repo.dir, '.git', 'worktrees', 'wt-topic')],
    ]);
    expect(list.every((w) => w.head?.length === 40)).toBe(true);
    expect(await worktreeForBranch(git, 'topic')).toBe(wtTopic);
    expect(await worktreeForBranch(git, 'main')).toBeUndefined();
    const fromTopic = await discoverRepo(wtTopic, repo.env);
    expect(await worktreeForBranch(fromTopic, 'main')).toBe(repo.dir);
    // During a conflicted rebase the worktree's HEAD is detached, but the branch is still taken.
    await repo.git(['rebase', 'main'], { cwd: wtTopic, reject: false });
    expect((await listWorktrees(git)).find((w) => w.path === wtTopic)?.branch).toBeNull();
    expect(await worktreeForBranch(git, 'topic')).toBe(wtTopic);
  });

  it('stashPush stashes untracked files too and returns the stash commit', async () => {
    const { repo, git } = await repoWithContext();
    expect(await stashPush(git, 'roo: nothing')).toBeUndefined();
    repo.write('README.md', 'edited\n');
    repo.write('new/untracked ü.txt', 'u\n');
    const sha = await stashPush(git, 'roo: autostash before SESSION-X');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await gitOut(repo, ['stash', 'list', '--format=%H %gs'])).toBe(
      `${sha} On main: roo: autostash before SESSION-X\n`,
    );
    expect(await dirtyPaths(git)).toEqual([]);
    await repo.git(['stash', 'apply', '-q', sha!]);
    expect(readFileSync(join(repo.dir, 'new/untracked ü.txt'), 'utf8')).toBe('u\n');
  });
});
