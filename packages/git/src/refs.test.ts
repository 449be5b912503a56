import { join } from 'node:path';
import { UsageError } from '@roo-session/core';
import { describe, expect, it } from 'vitest';
import { gitOut, repoWithContext } from '../../../test/helpers/gitRepo.js';
import { discoverRepo } from './discover.js';
import { assertBranchName, listLocalBranches, listRefTips, readHead, refExists, revParse } from './refs.js';

describe('refs', () => {
  it('readHead(): no commits yet, a branch, a detached HEAD', async () => {
    const { repo, git } = await repoWithContext({ empty: true });
    expect(await readHead(git)).toEqual({ sha: null, branch: 'main' });
    const sha = await repo.commitFile('a.txt', 'a\n', 'first');
    expect(await readHead(git)).toEqual({ sha, branch: 'main' });
    await repo.git(['switch', '-q', '--detach']);
    expect(await readHead(git)).toEqual({ sha, branch: null });
  });

  it('refExists and revParse', async () => {
    const { repo, git } = await repoWithContext();
    const tip = (await gitOut(repo, ['rev-parse', 'HEAD'])).trim();
    expect(await refExists(git, 'main')).toBe(true);
    expect(await refExists(git, 'refs/heads/main')).toBe(true);
    expect(await refExists(git, 'HEAD')).toBe(true);
    expect(await refExists(git, 'refs/heads/mai')).toBe(false);
    expect(await refExists(git, 'ma')).toBe(false);
    expect(await revParse(git, 'HEAD')).toBe(tip);
    expect(await revParse(git, 'main^{tree}')).toMatch(/^[0-9a-f]{40}$/);
    expect(await revParse(git, 'nope')).toBeUndefined();
    expect(await revParse(git, '--all')).toBeUndefined();
  });

  it('assertBranchName accepts what git accepts', async () => {
    const { repo, git } = await repoWithContext();
    await assertBranchName(git, 'session/SESSION-Café-2611260905');
    await repo.git(['switch', '-q', '-c', 'prev']);
    await repo.git(['switch', '-q', 'main']);
    for (const bad of ['', 'a b', 'x..y', 'end.lock', '-x', '@{-1}', '-', 'a:b', 'HEAD~1']) {
      await expect(assertBranchName(git, bad), bad).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('listRefTips(): local and remote-tracking tips with trees and dates, symrefs left out', async () => {
    const { repo } = await repoWithContext();
    await repo.git(['branch', 'session/one']);
    await repo.git(['branch', 'other']);
    const clone = join(repo.root, 'clone');
    await repo.git(['clone', '-q', repo.dir, clone], { cwd: repo.root });
    await repo.git(['branch', 'session/local'], { cwd: clone });
    const git = await discoverRepo(clone, repo.env);
    const tip = (await gitOut(repo, ['rev-parse', 'HEAD'])).trim();

    const tree = (await gitOut(repo, ['rev-parse', 'HEAD^{tree}'])).trim();

    // origin/HEAD is a symbolic ref: another name for origin/main, left out.
    expect((await gitOut(repo, ['symbolic-ref', 'refs/remotes/origin/HEAD'], clone)).trim()).toBe(
      'refs/remotes/origin/main',
    );
    const all = await listRefTips(git);
    expect(all.map((b) => b.ref)).toEqual([
      'refs/heads/main',
      'refs/heads/session/local',
      'refs/remotes/origin/main',
      'refs/remotes/origin/other',
      'refs/remotes/origin/session/one',
    ]);
    expect(all.every((b) => b.sha === tip && b.tree === tree && b.committedAt.getTime() > 0)).toBe(true);
    const sessions = await listRefTips(git, ['refs/heads/session/', 'refs/remotes/*/session/*']);
    expect(sessions.map((b) => b.ref)).toEqual([
      'refs/heads/session/local',
      'refs/remotes/origin/session/one',
    ]);
    expect(await listLocalBranches(git)).toEqual(['main', 'session/local']);
  });
});
