import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  BareRepositoryError,
  BranchInOtherWorktreeError,
  DirtyTreeError,
  ExitCode,
  GitOperationError,
  NotARepositoryError,
  UsageError,
} from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CheckoutBlockedError, GitRepo } from './GitRepo.js';
import { parseStatusZ, parseWorktreeListZ } from './porcelain.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(
  options: { empty?: boolean; bare?: boolean } = {},
): Promise<{ repo: TempRepo; git: GitRepo }> {
  const repo = await makeTempRepo(options);
  repos.push(repo);
  return { repo, git: options.bare ? (undefined as never) : await GitRepo.discover(repo.dir, repo.env) };
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

describe('GitRepo.discover', () => {
  it('finds the repository from a subfolder, with absolute paths', async () => {
    const { repo } = await newRepo();
    mkdirSync(join(repo.dir, 'a', 'b ü'), { recursive: true });
    const git = await GitRepo.discover(join(repo.dir, 'a', 'b ü'), repo.env);
    expect(git.topLevel).toBe(repo.dir);
    expect(git.gitDir).toBe(join(repo.dir, '.git'));
    expect(git.commonDir).toBe(join(repo.dir, '.git'));
    expect(git.rooDir).toBe(join(repo.dir, '.git', 'roo'));
    expect(git.isLinkedWorktree).toBe(false);
  });

  it('finds a linked worktree with its own git dir and the shared common dir', async () => {
    const { repo } = await newRepo();
    const wt = join(repo.root, 'linked');
    await repo.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    mkdirSync(join(wt, 'sub'));
    const git = await GitRepo.discover(join(wt, 'sub'), repo.env);
    expect(git.topLevel).toBe(wt);
    expect(git.gitDir).toBe(join(repo.dir, '.git', 'worktrees', 'linked'));
    expect(git.commonDir).toBe(join(repo.dir, '.git'));
    expect(git.isLinkedWorktree).toBe(true);
    expect(await git.head()).toEqual({
      sha: await out(repo, ['rev-parse', 'HEAD']).then((s) => s.trim()),
      branch: 'feature',
    });
  });

  it('ignores GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE inherited from a parent git', async () => {
    const { repo } = await newRepo();
    const { repo: other } = await newRepo();
    repo.write('mine.txt', 'x\n');
    const env = {
      ...repo.env,
      GIT_DIR: join(other.dir, '.git'),
      GIT_WORK_TREE: other.dir,
      GIT_INDEX_FILE: join(other.dir, '.git', 'bogus-index'),
    };
    const git = await GitRepo.discover(repo.dir, env);
    expect(git.topLevel).toBe(repo.dir);
    expect(git.env.GIT_DIR).toBeUndefined();
    expect(git.env.GIT_INDEX_FILE).toBeUndefined();
    expect((await git.dirtyPaths()).map((p) => p.path)).toEqual(['mine.txt']);
  });

  it('explains a folder that is not in a repository (exit 3)', async () => {
    const { repo } = await newRepo();
    const outside = join(repo.root, 'outside');
    mkdirSync(outside);
    // Stop git's upward search at the temp folder, whatever /tmp's parents are.
    const env = { ...repo.env, GIT_CEILING_DIRECTORIES: dirname(repo.root) };
    const error = await GitRepo.discover(outside, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotARepositoryError);
    expect((error as NotARepositoryError).exitCode).toBe(ExitCode.precondition);
    expect((error as Error).message).toMatch(
      /^not a git repository: .*outside.*run `git init` or cd into a repository/s,
    );
    await expect(GitRepo.discover(join(repo.root, 'missing'), env)).rejects.toBeInstanceOf(
      NotARepositoryError,
    );
  });

  it('refuses a bare repository and the inside of .git', async () => {
    const { repo } = await newRepo({ bare: true });
    await expect(GitRepo.discover(repo.dir, repo.env)).rejects.toBeInstanceOf(BareRepositoryError);
    const { repo: normal } = await newRepo();
    await expect(GitRepo.discover(join(normal.dir, '.git'), normal.env)).rejects.toThrow(
      /inside the git directory .*cd into the working tree/,
    );
  });
});

describe('GitRepo queries', () => {
  it('head(): no commits yet, a branch, a detached HEAD', async () => {
    const { repo, git } = await newRepo({ empty: true });
    expect(await git.head()).toEqual({ sha: null, branch: 'main' });
    const sha = await repo.commitFile('a.txt', 'a\n', 'first');
    expect(await git.head()).toEqual({ sha, branch: 'main' });
    await repo.git(['switch', '-q', '--detach']);
    expect(await git.head()).toEqual({ sha, branch: null });
  });

  it('refExists, revParse, configGet and configGetBool', async () => {
    const { repo, git } = await newRepo();
    const head = (await out(repo, ['rev-parse', 'HEAD'])).trim();
    expect(await git.refExists('main')).toBe(true);
    expect(await git.refExists('refs/heads/main')).toBe(true);
    expect(await git.refExists('HEAD')).toBe(true);
    expect(await git.refExists('refs/heads/mai')).toBe(false);
    expect(await git.refExists('ma')).toBe(false);
    expect(await git.revParse('HEAD')).toBe(head);
    expect(await git.revParse('main^{tree}')).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.revParse('nope')).toBeUndefined();
    expect(await git.revParse('--all')).toBeUndefined();
    expect(await git.configGet('user.name')).toBe('Roo Test');
    expect(await git.configGet('roo.unset')).toBeUndefined();
    await repo.git(['config', 'roo.flag', 'yes']);
    await repo.git(['config', 'roo.text', ' spaced value ']);
    expect(await git.configGetBool('roo.flag')).toBe(true);
    expect(await git.configGetBool('commit.gpgSign')).toBe(false);
    expect(await git.configGetBool('roo.unset')).toBeUndefined();
    expect(await git.configGet('roo.text')).toBe(' spaced value ');
    await expect(git.configGetBool('roo.text')).rejects.toBeInstanceOf(GitOperationError);
  });

  it('operationInProgress(): each operation, per worktree', async () => {
    const { repo, git } = await newRepo();
    expect(git.operationInProgress()).toBeNull();
    await conflicting(repo);
    const topic = (await out(repo, ['rev-parse', 'topic'])).trim();

    await repo.git(['merge', 'main'], { reject: false });
    expect(git.operationInProgress()).toBe('merge');
    await repo.git(['merge', '--abort']);

    await repo.git(['rebase', 'main'], { reject: false });
    expect(git.operationInProgress()).toBe('rebase');
    await repo.git(['rebase', '--abort']);

    await repo.git(['rebase', '--apply', 'main'], { reject: false });
    expect(git.operationInProgress()).toBe('rebase');
    await repo.git(['rebase', '--abort']);

    await repo.git(['cherry-pick', 'main'], { reject: false });
    expect(git.operationInProgress()).toBe('cherry-pick');
    await repo.git(['cherry-pick', '--abort']);

    await repo.commitFile('r.txt', '1\n', 'r one');
    await repo.commitFile('r.txt', '2\n', 'r two');
    // Reverting the older change conflicts with the newer one.
    await repo.git(['revert', '--no-edit', 'HEAD~1'], { reject: false });
    expect(git.operationInProgress()).toBe('revert');
    await repo.git(['revert', '--abort']);

    const patch = (await out(repo, ['format-patch', '--stdout', '-1', topic])).replace('+topic', '+other');
    writeFileSync(join(repo.root, 'p.patch'), patch);
    await repo.git(['am', join(repo.root, 'p.patch')], { reject: false });
    expect(git.operationInProgress()).toBe('am');
    await repo.git(['am', '--abort']);

    await repo.git(['bisect', 'start']);
    expect(git.operationInProgress()).toBe('bisect');
    await repo.git(['bisect', 'reset']);
    expect(git.operationInProgress()).toBeNull();

    // A merge in a linked worktree does not block this one.
    await repo.git(['switch', '-q', 'main']);
    const wt = join(repo.root, 'wt');
    await repo.git(['worktree', 'add', '-q', wt, 'topic']);
    await repo.git(['merge', 'main'], { cwd: wt, reject: false });
    expect((await GitRepo.discover(wt, repo.env)).operationInProgress()).toBe('merge');
    expect(git.operationInProgress()).toBeNull();
  });

  it('dirtyPaths(): staged, unstaged, untracked files one by one, renames, unusual names', async () => {
    const { repo, git } = await newRepo();
    await repo.commitFile('old name.txt', 'content\n', 'add');
    await repo.git(['mv', 'old name.txt', 'new ü.txt']);
    repo.write('README.md', 'changed\n');
    repo.write('deep/er/untracked.txt', 'u\n');
    repo.write('line\nbreak "q".txt', 'n\n');
    repo.write('partial.txt', 'v1\n');
    await repo.git(['add', 'partial.txt']);
    repo.write('partial.txt', 'v2\n');
    const paths = await git.dirtyPaths();
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
    expect(await (await newRepo({ empty: true })).git.dirtyPaths()).toEqual([]);
  });

  it('pathsChangedBetween(): both sides of a rename, non-ASCII names', async () => {
    const { repo, git } = await newRepo();
    const a = await repo.commitFile('x.txt', 'x\n', 'x');
    await repo.git(['mv', 'x.txt', 'ÿ x.txt']);
    await repo.git(['commit', '-q', '-m', 'mv']);
    repo.write('README.md', 'changed\n');
    await repo.git(['commit', '-q', '-am', 'edit']);
    expect((await git.pathsChangedBetween(a, 'HEAD')).sort()).toEqual(['README.md', 'x.txt', 'ÿ x.txt']);
    expect(await git.pathsChangedBetween('HEAD', 'HEAD')).toEqual([]);
  });

  it('listBranches(): local and remote-tracking, with tips and dates, symrefs left out', async () => {
    const { repo } = await newRepo();
    await repo.git(['branch', 'session/one']);
    await repo.git(['branch', 'other']);
    const clone = join(repo.root, 'clone');
    await repo.git(['clone', '-q', repo.dir, clone], { cwd: repo.root });
    await repo.git(['branch', 'session/local'], { cwd: clone });
    const git = await GitRepo.discover(clone, repo.env);
    const head = (await out(repo, ['rev-parse', 'HEAD'])).trim();

    const all = await git.listBranches();
    expect(all.map((b) => [b.ref, b.name, b.remote])).toEqual([
      ['refs/heads/main', 'main', null],
      ['refs/heads/session/local', 'session/local', null],
      ['refs/remotes/origin/main', 'origin/main', 'origin'],
      ['refs/remotes/origin/other', 'origin/other', 'origin'],
      ['refs/remotes/origin/session/one', 'origin/session/one', 'origin'],
    ]);
    expect(all.every((b) => b.sha === head && b.committedAt.getTime() > 0)).toBe(true);
    const sessions = await git.listBranches(['refs/heads/session/', 'refs/remotes/*/session/*']);
    expect(sessions.map((b) => b.name)).toEqual(['session/local', 'origin/session/one']);
  });

  it('reflog(): HEAD moves of a worktree, oldest first', async () => {
    const { repo, git } = await newRepo();
    await repo.git(['switch', '-q', '-c', 'topic']);
    const second = await repo.commitFile('t.txt', 't\n', 'on topic');
    await repo.git(['switch', '-q', 'main']);
    const log = await git.reflog();
    expect(log.map((e) => e.message)).toEqual([
      'commit (initial): initial commit',
      'checkout: moving from main to topic',
      'commit: on topic',
      'checkout: moving from topic to main',
    ]);
    expect(log[2]?.new).toBe(second);
    expect(log[3]?.old).toBe(second);
    expect(log[0]?.date).toBeInstanceOf(Date);
    const wt = join(repo.root, 'wt');
    await repo.git(['worktree', 'add', '-q', '--detach', wt, 'topic']);
    const linked = await GitRepo.discover(wt, repo.env);
    expect((await git.reflog(linked.gitDir)).map((e) => e.new)).toEqual([second]);
    expect(await git.reflog(join(repo.root, 'nowhere'))).toEqual([]);
  });
});

describe('GitRepo branch changes', () => {
  it('createBranchAndSwitch and switchBranch keep the worktree and index', async () => {
    const { repo, git } = await newRepo();
    repo.write('README.md', 'local edit\n');
    await git.createBranchAndSwitch('session/SESSION-ü-2611260905');
    expect((await git.head()).branch).toBe('session/SESSION-ü-2611260905');
    await git.switchBranch('main');
    expect((await git.head()).branch).toBe('main');
    expect(repo.read('README.md')).toBe('local edit\n');
    await expect(git.createBranchAndSwitch('-f')).rejects.toBeInstanceOf(UsageError);
    await expect(git.switchBranch('no-such-branch')).rejects.toBeInstanceOf(GitOperationError);
  });

  it('assertBranchName accepts what git accepts', async () => {
    const { repo, git } = await newRepo();
    await git.assertBranchName('session/SESSION-Café-2611260905');
    await repo.git(['switch', '-q', '-c', 'prev']);
    await repo.git(['switch', '-q', 'main']);
    for (const bad of ['', 'a b', 'x..y', 'end.lock', '-x', '@{-1}', '-', 'a:b', 'HEAD~1']) {
      await expect(git.assertBranchName(bad), bad).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('undoBranchCreation switches back and deletes the branch, roo commits included', async () => {
    const { repo, git } = await newRepo();
    const before = await out(repo, ['for-each-ref']);
    await git.createBranchAndSwitch('session/undo');
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'session(X): start']);
    expect(await git.undoBranchCreation('session/undo', 'main')).toBeUndefined();
    expect(await git.head()).toMatchObject({ branch: 'main' });
    expect(await out(repo, ['for-each-ref'])).toBe(before);

    // From a detached HEAD, back to the same commit, detached.
    const sha = (await out(repo, ['rev-parse', 'HEAD'])).trim();
    await repo.git(['switch', '-q', '--detach']);
    await git.createBranchAndSwitch('session/undo2');
    expect(await git.undoBranchCreation('session/undo2', sha)).toBeUndefined();
    expect(await git.head()).toEqual({ sha, branch: null });
    expect(await git.refExists('session/undo2')).toBe(false);
  });

  it('undoBranchCreation keeps a branch holding someone else’s work, and says so', async () => {
    const { repo, git } = await newRepo();
    await git.createBranchAndSwitch('session/kept');
    await repo.commitFile('work.txt', 'w\n', 'real work');
    const message = await git.undoBranchCreation('session/kept', 'main');
    expect(message).toMatch(/not roo's and was kept; run `git switch main && git branch -D session\/kept`/);
    expect(await git.head()).toMatchObject({ branch: 'session/kept' });
    expect(await git.undoBranchCreation('session/gone', 'main')).toBeUndefined();
  });

  it('switchBranch names the files that block the checkout and changes nothing', async () => {
    const { repo, git } = await newRepo();
    await repo.git(['switch', '-q', '-c', 'topic']);
    await repo.commitFile('README.md', 'topic\n', 'topic edit');
    await repo.commitFile('new file.txt', 'tracked on topic\n', 'topic add');
    await repo.git(['switch', '-q', 'main']);
    repo.write('README.md', 'uncommitted\n');
    repo.write('new file.txt', 'untracked here\n');
    const error = await git.switchBranch('topic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutBlockedError);
    expect(error).toBeInstanceOf(DirtyTreeError);
    expect((error as CheckoutBlockedError).exitCode).toBe(ExitCode.precondition);
    expect((error as CheckoutBlockedError).paths).toEqual(['README.md', 'new file.txt']);
    expect((error as Error).message).toMatch(
      /^cannot switch to `topic`: uncommitted changes would be overwritten/,
    );
    expect((await git.head()).branch).toBe('main');
    expect(repo.read('README.md')).toBe('uncommitted\n');
  });

  it('switchBranch says where a branch is checked out in another worktree', async () => {
    const { repo, git } = await newRepo();
    const wt = join(repo.root, 'other wt');
    await repo.git(['worktree', 'add', '-q', '-b', 'busy', wt]);
    const error = await git.switchBranch('busy').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BranchInOtherWorktreeError);
    expect((error as Error).message).toContain(wt);
  });

  it('trackRemoteBranch creates the local branch from the remote one, tracking it', async () => {
    const { repo } = await newRepo();
    await repo.git(['branch', 'session/remote']);
    const clone = join(repo.root, 'clone');
    await repo.git(['clone', '-q', repo.dir, clone], { cwd: repo.root });
    const git = await GitRepo.discover(clone, repo.env);
    await expect(git.switchBranch('session/remote')).rejects.toBeInstanceOf(GitOperationError);
    await git.trackRemoteBranch('session/remote', 'origin/session/remote');
    expect((await git.head()).branch).toBe('session/remote');
    expect(await git.configGet('branch.session/remote.merge')).toBe('refs/heads/session/remote');
    expect(await git.configGet('branch.session/remote.remote')).toBe('origin');
  });

  it('worktrees() and worktreeForBranch(), including a branch being rebased elsewhere', async () => {
    const { repo, git } = await newRepo();
    await conflicting(repo);
    await repo.git(['switch', '-q', 'main']);
    const wtTopic = join(repo.root, 'wt-topic');
    const wtDetached = join(repo.root, 'wt-detached');
    await repo.git(['worktree', 'add', '-q', wtTopic, 'topic']);
    await repo.git(['worktree', 'add', '-q', '--detach', wtDetached, 'main']);
    const list = await git.worktrees();
    expect(list.map((w) => [w.path, w.branch, w.isMain, w.gitDir])).toEqual([
      [repo.dir, 'main', true, join(repo.dir, '.git')],
      // git lists linked worktrees sorted by path.
      [wtDetached, null, false, join(repo.dir, '.git', 'worktrees', 'wt-detached')],
      [wtTopic, 'topic', false, join(repo.dir, '.git', 'worktrees', 'wt-topic')],
    ]);
    expect(list.every((w) => w.head?.length === 40)).toBe(true);
    expect(await git.worktreeForBranch('topic')).toBe(wtTopic);
    expect(await git.worktreeForBranch('main')).toBeUndefined();
    const fromTopic = await GitRepo.discover(wtTopic, repo.env);
    expect(await fromTopic.worktreeForBranch('main')).toBe(repo.dir);
    // During a conflicted rebase the worktree's HEAD is detached, but the branch is still taken.
    await repo.git(['rebase', 'main'], { cwd: wtTopic, reject: false });
    expect((await git.worktrees()).find((w) => w.path === wtTopic)?.branch).toBeNull();
    expect(await git.worktreeForBranch('topic')).toBe(wtTopic);
  });

  it('stashPush stashes untracked files too and returns the stash commit', async () => {
    const { repo, git } = await newRepo();
    expect(await git.stashPush('roo: nothing')).toBeUndefined();
    repo.write('README.md', 'edited\n');
    repo.write('new/untracked ü.txt', 'u\n');
    const sha = await git.stashPush('roo: autostash before SESSION-X');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await out(repo, ['stash', 'list', '--format=%H %gs'])).toBe(
      `${sha} On main: roo: autostash before SESSION-X\n`,
    );
    expect(await git.dirtyPaths()).toEqual([]);
    await repo.git(['stash', 'apply', '-q', sha!]);
    expect(readFileSync(join(repo.dir, 'new/untracked ü.txt'), 'utf8')).toBe('u\n');
  });
});

describe('porcelain parsers', () => {
  it('parseStatusZ handles copies and empty output', () => {
    expect(parseStatusZ('')).toEqual([]);
    expect(parseStatusZ('C  b\0a\0 M c\0')).toEqual([
      { path: 'b', origPath: 'a', index: 'C', worktree: ' ', isUntracked: false },
      { path: 'c', index: ' ', worktree: 'M', isUntracked: false },
    ]);
  });

  it('parseWorktreeListZ handles bare, locked, prunable and unborn entries', () => {
    const zero = '0'.repeat(40);
    const list = parseWorktreeListZ(
      `worktree /r\0bare\0\0worktree /a\0HEAD ${zero}\0branch refs/heads/new\0locked why\0\0` +
        'worktree /b\0HEAD abc\0detached\0prunable gone\0\0',
    );
    expect(list.map((w) => [w.path, w.isBare, w.head, w.branch, w.isLocked, w.isPrunable, w.isMain])).toEqual(
      [
        ['/r', true, null, null, false, false, true],
        ['/a', false, null, 'new', true, false, false],
        ['/b', false, 'abc', null, false, true, false],
      ],
    );
  });
});

// Keep the temp-folder root honest: tests must never point git at this checkout.
it('runs outside the project', () => {
  expect(realpathSync(tmpdir())).not.toContain('/work/main');
});
