import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { commitFolder, formatSessionCommitMessage } from './atomicCommit.js';
import { discoverRepo } from './discover.js';
import {
  branchesWithSessionStart,
  commitInfo,
  commitsLeftBehind,
  findRenamedBranch,
  formerBranchNames,
  isOwnRooCommit,
  readBranchReflog,
  readHeadReflog,
  resolveSessionHistory,
  sessionHistory,
} from './history.js';
import type { RepoContext } from './repoContext.js';

const ID = 'SESSION-History_ü-2611260905';
const BRANCH = `session/${ID}`;
const FOLDER = `.ruru/sessions/${ID}`;

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function sha(repo: TempRepo, rev: string): Promise<string> {
  return (await repo.git(['rev-parse', rev])).stdout.trim();
}

/** A repo on the session branch with the session started (roo's start commit) on top of `main`. */
async function startedSession(): Promise<{ repo: TempRepo; git: RepoContext; base: string; start: string }> {
  const repo = await makeTempRepo();
  repos.push(repo);
  const base = await sha(repo, 'HEAD');
  await repo.git(['switch', '-q', '-c', BRANCH]);
  const git = await discoverRepo(repo.dir, repo.env);
  repo.write(`${FOLDER}/session_log.md`, 'log\n');
  const { commit } = await commitFolder(git, {
    folder: FOLDER,
    branch: BRANCH,
    message: formatSessionCommitMessage(ID, 'start'),
  });
  return { repo, git, base, start: commit };
}

describe('sessionHistory', () => {
  it('lists first-parent commits after the start commit, oldest first, flagging roo’s own', async () => {
    const { repo, git, base, start } = await startedSession();
    const w1 = await repo.commitFile('a.txt', '1\n', 'first work');
    // A user commit carrying the trailer (prepare-commit-msg adds it) is still work, not roo's.
    repo.write('b.txt', '2\n');
    await repo.git(['add', 'b.txt']);
    await repo.git(['commit', '-q', '-m', `second work\n\nRoo-Session: ${ID}`]);
    const w2 = await sha(repo, 'HEAD');
    repo.write(`${FOLDER}/session_log.md`, 'log 2\n');
    const checkpoint = await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: formatSessionCommitMessage(ID, 'checkpoint'),
    });

    const history = await sessionHistory(git, { id: ID, branch: BRANCH });
    expect(history.startCommit).toBe(start);
    expect(history.baseCommit).toBe(base);
    expect(history.commits.map((c) => [c.sha, c.subject, c.isRoo, c.isMerge, c.mergedCount])).toEqual([
      [w1, 'first work', false, false, 0],
      [w2, 'second work', false, false, 0],
      [checkpoint.commit, `session(${ID}): checkpoint`, true, false, 0],
    ]);
    expect(history.commits[0]?.parents).toEqual([start]);
    expect(history.commits[0]?.committedAt).toBeInstanceOf(Date);
    // git's own committer date of the commit, to the second (not the clock: a loaded machine may be slow).
    const committed = Number((await repo.git(['log', '-1', '--format=%ct', w1])).stdout.trim());
    expect(history.commits[0]?.committedAt.getTime()).toBe(committed * 1000);
    // The same answer through a full ref name.
    expect(await sessionHistory(git, { id: ID, branch: `refs/heads/${BRANCH}` })).toEqual(history);
  });

  it('sums up a merge from main as one entry with the number of commits it brought in', async () => {
    const { repo, git } = await startedSession();
    const w1 = await repo.commitFile('a.txt', '1\n', 'work');
    await repo.git(['switch', '-q', 'main']);
    await repo.commitFile('m1.txt', '1\n', 'main one');
    await repo.commitFile('m2.txt', '2\n', 'main two');
    await repo.git(['switch', '-q', BRANCH]);
    await repo.git(['merge', '-q', '--no-ff', '-m', 'Merge main into session', 'main']);
    const merge = await sha(repo, 'HEAD');

    const { commits } = await sessionHistory(git, { id: ID, branch: BRANCH });
    expect(commits.map((c) => [c.sha, c.subject, c.isMerge, c.mergedCount])).toEqual([
      [w1, 'work', false, 0],
      [merge, 'Merge main into session', true, 2],
    ]);
    expect(commits[1]?.parents).toEqual([w1, await sha(repo, 'main')]);
  });

  it('finds the start commit again after a rebase onto an updated main, with the new SHAs', async () => {
    const { repo, git, start } = await startedSession();
    await repo.commitFile('a.txt', '1\n', 'work one');
    await repo.commitFile('b.txt', '2\n', 'work two');
    await repo.git(['switch', '-q', 'main']);
    const mainline = await repo.commitFile('m.txt', 'm\n', 'mainline change');
    await repo.git(['switch', '-q', BRANCH]);
    await repo.git(['rebase', '-q', 'main']);

    const history = await sessionHistory(git, { id: ID, branch: BRANCH });
    expect(history.startCommit).not.toBeNull();
    expect(history.startCommit).not.toBe(start);
    expect(history.startCommit).toBe(await sha(repo, 'HEAD~2'));
    expect(history.baseCommit).toBe(mainline);
    expect(history.commits.map((c) => [c.sha, c.subject])).toEqual([
      [await sha(repo, 'HEAD~1'), 'work one'],
      [await sha(repo, 'HEAD'), 'work two'],
    ]);
  });

  it('returns no start commit when there is none (wrong ID, no trailer, unknown branch)', async () => {
    const { repo, git } = await startedSession();
    const empty = { startCommit: null, baseCommit: null, commits: [] };
    expect(await sessionHistory(git, { id: `${ID}_2`, branch: BRANCH })).toEqual(empty);
    expect(await sessionHistory(git, { id: ID.slice(0, -1), branch: BRANCH })).toEqual(empty);
    expect(await sessionHistory(git, { id: ID, branch: 'session/nope' })).toEqual(empty);
    expect(await sessionHistory(git, { id: ID, branch: 'main' })).toEqual(empty);
    // Subject alone is not enough: roo's start commit always carries the trailer.
    await repo.git(['switch', '-q', '-c', 'other', 'main']);
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'session(SESSION-X-2611260905): start']);
    expect(await sessionHistory(git, { id: 'SESSION-X-2611260905', branch: 'other' })).toEqual(empty);
  });

  it('works on a detached HEAD and on a remote-tracking ref', async () => {
    const { repo, start } = await startedSession();
    await repo.commitFile('a.txt', '1\n', 'work');
    const clone = `${repo.root}/clone`;
    await repo.git(['clone', '-q', repo.dir, clone], { cwd: repo.root });
    await repo.git(['switch', '-q', '--detach', 'HEAD'], { cwd: clone });
    const git = await discoverRepo(clone, repo.env);
    const history = await sessionHistory(git, { id: ID, branch: `refs/remotes/origin/${BRANCH}` });
    expect(history.startCommit).toBe(start);
    expect(history.commits.map((c) => c.subject)).toEqual(['work']);
  });
});

describe('commitInfo', () => {
  it('reads many commits in one batch and skips unknown ones', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const first = await sha(repo, 'HEAD');
    repo.write('x.txt', 'x\n');
    await repo.git(['add', 'x.txt']);
    await repo.git(['commit', '-q', '-m', 'subject über\ncontinued line\n\nbody']);
    const second = await sha(repo, 'HEAD');
    const tree = await sha(repo, 'HEAD^{tree}');
    const git = await discoverRepo(repo.dir, repo.env);

    const info = await commitInfo(git, [first, second, 'f'.repeat(40), tree, second]);
    expect([...info.keys()]).toEqual([first, second]);
    expect(info.get(first)).toMatchObject({ subject: 'initial commit', parents: [] });
    const expected = (await repo.git(['log', '-1', '--format=%s%x00%ct', second])).stdout.trim().split('\0');
    expect(info.get(second)?.subject).toBe(expected[0]);
    expect(info.get(second)?.committedAt.getTime()).toBe(Number(expected[1]) * 1000);
    expect(info.get(second)?.parents).toEqual([first]);
    expect((await commitInfo(git, [])).size).toBe(0);
  });
});

describe('history: what the fold needs to keep the log true', () => {
  it('only this session’s own commits are roo’s; authors are read', async () => {
    const { repo, git } = await startedSession();
    await repo.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      `session(api): add endpoint\n\nRoo-Session: ${ID}`,
    ]);
    await repo.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      `session(${ID}): checkpoint\n\nRoo-Session: OTHER`,
    ]);
    const history = await sessionHistory(git, { id: ID, branch: BRANCH });
    expect(history.commits.map((c) => c.isRoo)).toEqual([false, false]);
    expect(history.commits[0]?.author).toMatch(/^roo@example\.test \d+$/);
    expect(isOwnRooCommit(ID, `session(${ID}): end`, [ID])).toBe(true);
    expect(isOwnRooCommit(ID, 'session(api): x', [ID])).toBe(false);
  });

  it('follows a renamed branch through its reflog (and, with reflogs off, the start commit)', async () => {
    const { repo, git, start } = await startedSession();
    const work = await repo.commitFile('a.txt', '1\n', 'work');
    await repo.git(['branch', '-m', BRANCH, 'renamed/once']);
    await repo.git(['branch', '-m', 'renamed/once', 'renamed-twice']);
    const reflog = readBranchReflog(git.commonDir, 'renamed-twice');
    expect(formerBranchNames(reflog, 'renamed-twice')).toEqual(['renamed/once', BRANCH]);
    expect(findRenamedBranch(git.commonDir, BRANCH)).toBe('renamed-twice');
    expect(findRenamedBranch(git.commonDir, 'never-existed')).toBeUndefined();
    const resolved = await resolveSessionHistory(git, { id: ID, branch: BRANCH });
    expect(resolved.branch).toBe('renamed-twice');
    expect(resolved.startCommit).toBe(start);
    expect(resolved.commits.map((c) => c.sha)).toEqual([work]);
    expect(resolved.formerBranches).toEqual(['renamed/once', BRANCH]);

    // No reflog: only an Active session's start commit finds it.
    rmSync(join(git.commonDir, 'logs'), { recursive: true, force: true });
    expect((await resolveSessionHistory(git, { id: ID, branch: BRANCH })).startCommit).toBeNull();
    const found = await resolveSessionHistory(git, { id: ID, branch: BRANCH, searchStart: true });
    expect(found.branch).toBe('renamed-twice');
    expect(await branchesWithSessionStart(git, ID)).toEqual(['renamed-twice']);
  });

  it('reads what a reset left behind, per commit the branch moved away from, in one git process', async () => {
    const { repo, git } = await startedSession();
    const a = await repo.commitFile('a.txt', '1\n', 'a');
    const b = await repo.commitFile('b.txt', '2\n', 'b');
    const c = await repo.commitFile('c.txt', '3\n', 'c');
    await repo.git(['reset', '-q', '--hard', a]);
    const left = await commitsLeftBehind(git, ID, [c, b], a);
    expect(left.get(c)?.map((x) => x.subject)).toEqual(['b', 'c']);
    expect(left.get(b)?.map((x) => x.sha)).toEqual([b]);
    expect(await commitsLeftBehind(git, ID, [], a)).toEqual(new Map());
    expect((await commitsLeftBehind(git, ID, ['0'.repeat(40)], a)).size).toBe(0);
    const [entry] = readBranchReflog(git.commonDir, BRANCH).slice(-1);
    expect(entry).toMatchObject({ old: c, new: a, message: `reset: moving to ${a}` });
  });
});

describe('reflogs', () => {
  it('readHeadReflog(): HEAD moves of a worktree, oldest first', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const git = await discoverRepo(repo.dir, repo.env);
    await repo.git(['switch', '-q', '-c', 'topic']);
    const second = await repo.commitFile('t.txt', 't\n', 'on topic');
    await repo.git(['switch', '-q', 'main']);
    const log = readHeadReflog(git.gitDir);
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
    const linked = await discoverRepo(wt, repo.env);
    expect(readHeadReflog(linked.gitDir).map((e) => e.new)).toEqual([second]);
    expect(readHeadReflog(join(repo.root, 'nowhere'))).toEqual([]);
  });
});
