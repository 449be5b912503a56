import { join } from 'node:path';
import {
  BranchInOtherWorktreeError,
  DirtyTreeError,
  ExitCode,
  GitOperationError,
  UsageError,
} from '@roo-session/core';
import { describe, expect, it } from 'vitest';
import { gitOut, repoWithContext } from '../../../test/helpers/gitRepo.js';
import {
  CheckoutBlockedError,
  createBranchAndSwitch,
  switchBranch,
  trackRemoteBranch,
  undoBranchCreation,
} from './branchSwitch.js';
import { discoverRepo } from './discover.js';
import { readHead, refExists } from './refs.js';

describe('branch changes', () => {
  it('createBranchAndSwitch and switchBranch keep the worktree and index', async () => {
    const { repo, git } = await repoWithContext();
    repo.write('README.md', 'local edit\n');
    await createBranchAndSwitch(git, 'session/SESSION-ü-2611260905');
    expect((await readHead(git)).branch).toBe('session/SESSION-ü-2611260905');
    await switchBranch(git, 'main');
    expect((await readHead(git)).branch).toBe('main');
    expect(repo.read('README.md')).toBe('local edit\n');
    await expect(createBranchAndSwitch(git, '-f')).rejects.toBeInstanceOf(UsageError);
    await expect(switchBranch(git, 'no-such-branch')).rejects.toBeInstanceOf(GitOperationError);
  });

  it('undoBranchCreation switches back and deletes the branch, roo commits included', async () => {
    const { repo, git } = await repoWithContext();
    const before = await gitOut(repo, ['for-each-ref']);
    await createBranchAndSwitch(git, 'session/undo');
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'session(X): start']);
    expect(await undoBranchCreation(git, 'session/undo', 'main')).toBeUndefined();
    expect(await readHead(git)).toMatchObject({ branch: 'main' });
    expect(await gitOut(repo, ['for-each-ref'])).toBe(before);

    // From a detached HEAD, back to the same commit, detached.
    const sha = (await gitOut(repo, ['rev-parse', 'HEAD'])).trim();
    await repo.git(['switch', '-q', '--detach']);
    await createBranchAndSwitch(git, 'session/undo2');
    expect(await undoBranchCreation(git, 'session/undo2', sha)).toBeUndefined();
    expect(await readHead(git)).toEqual({ sha, branch: null });
    expect(await refExists(git, 'session/undo2')).toBe(false);
  });

  it('undoBranchCreation keeps a branch holding someone else’s work, and says so', async () => {
    const { repo, git } = await repoWithContext();
    await createBranchAndSwitch(git, 'session/kept');
    await repo.commitFile('work.txt', 'w\n', 'real work');
    const message = await undoBranchCreation(git, 'session/kept', 'main');
    expect(message).toMatch(/not roo's and was kept; run `git switch main && git branch -D session\/kept`/);
    expect(await readHead(git)).toMatchObject({ branch: 'session/kept' });
    expect(await undoBranchCreation(git, 'session/gone', 'main')).toBeUndefined();
  });

  it('switchBranch names the files that block the checkout and changes nothing', async () => {
    const { repo, git } = await repoWithContext();
    await repo.git(['switch', '-q', '-c', 'topic']);
    await repo.commitFile('README.md', 'topic\n', 'topic edit');
    await repo.commitFile('new file.txt', 'tracked on topic\n', 'topic add');
    await repo.git(['switch', '-q', 'main']);
    repo.write('README.md', 'uncommitted\n');
    repo.write('new file.txt', 'untracked here\n');
    const error = await switchBranch(git, 'topic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutBlockedError);
    expect(error).toBeInstanceOf(DirtyTreeError);
    expect((error as CheckoutBlockedError).exitCode).toBe(ExitCode.precondition);
    expect((error as CheckoutBlockedError).paths).toEqual(['README.md', 'new file.txt']);
    expect((error as CheckoutBlockedError).seen).toBe('README.md\nnew file.txt');
    expect((error as CheckoutBlockedError).next).toBe('git stash push --include-untracked');
    expect((error as Error).message).toMatch(
      /^uncommitted changes would be overwritten by switching to `topic` \(nothing was changed\):\n/,
    );
    expect((await readHead(git)).branch).toBe('main');
    expect(repo.read('README.md')).toBe('uncommitted\n');
  });

  it('switchBranch says where a branch is checked out in another worktree', async () => {
    const { repo, git } = await repoWithContext();
    const wt = join(repo.root, 'other wt');
    await repo.git(['worktree', 'add', '-q', '-b', 'busy', wt]);
    const error = await switchBranch(git, 'busy').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BranchInOtherWorktreeError);
    expect((error as Error).message).toContain(wt);
  });

  it('trackRemoteBranch creates the local branch from the remote one, tracking it', async () => {
    const { repo } = await repoWithContext();
    await repo.git(['branch', 'session/remote']);
    const clone = join(repo.root, 'clone');
    await repo.git(['clone', '-q', repo.dir, clone], { cwd: repo.root });
    const git = await discoverRepo(clone, repo.env);
    await expect(switchBranch(git, 'session/remote')).rejects.toBeInstanceOf(GitOperationError);
    await trackRemoteBranch(git, 'session/remote', 'origin/session/remote');
    expect((await readHead(git)).branch).toBe('session/remote');
    expect(await gitOut(repo, ['config', '--get', 'branch.session/remote.merge'], clone)).toBe(
      'refs/heads/session/remote\n',
    );
    expect(await gitOut(repo, ['config', '--get', 'branch.session/remote.remote'], clone)).toBe('origin\n');
  });
});
