import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { discoverRepo } from './discover.js';
import { commitsInRange, sessionFoldersChangedSince } from './history.js';
import { sessionIdOfPath } from './paths.js';
import { defaultBaseRef, resolveCommitish } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { readSessionCopies } from './sessionCopies.js';
import { sessionFoldersChangedInWorktree } from './worktree.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(): Promise<{ repo: TempRepo; git: RepoContext }> {
  const repo = await makeTempRepo();
  repos.push(repo);
  return { repo, git: await discoverRepo(repo.dir, repo.env) };
}

async function commitAll(repo: TempRepo, message: string, ...extra: string[]): Promise<string> {
  await repo.git(['add', '-A']);
  await repo.git(['commit', '-q', '-m', message, ...extra]);
  return (await repo.git(['rev-parse', 'HEAD'])).stdout.trim();
}

const S = '.ruru/sessions';
const folderIds = (list: readonly { id: string }[] | undefined) => (list ?? []).map((f) => f.id).sort();

describe('readSessionCopies', () => {
  it('lists every ref’s session folders (deltas against the common tree), their logs and blobs', async () => {
    const { repo, git } = await newRepo();
    repo.write(`${S}/SESSION-A-2611260905/session_log.md`, 'a\n');
    repo.write(`${S}/SESSION-B-2611260905/session_log.md`, 'b\n');
    repo.write(`${S}/SESSION-D-2611260905/session_log.md`, 'd\n');
    repo.write(`${S}/SESSION-D-2611260905/artifacts/notes.md`, 'notes\n');
    repo.write(`${S}/SESSION-E-2611260905/session_log.md`, 'e\n');
    repo.write(`${S}/SESSION-E-2611260905/notes.md`, 'stays\n');
    repo.write(`${S}/SESSION-F-2611260905/session_log.md`, 'f\n');
    repo.write(`${S}/README.md`, 'not a session\n');
    await commitAll(repo, 'base');
    await repo.git(['branch', 'copy-of-main']);
    await repo.git(['switch', '-q', '-c', 'feature']);
    repo.write(`${S}/SESSION-B-2611260905/session_log.md`, 'b changed\n');
    repo.write(`${S}/SESSION-C-2611260905/session_log.md`, 'c\n');
    repo.write(`${S}/SESSION-NoLog-2611260905/notes.md`, 'x\n');
    repo.write(`${S}/SESSION-Link-2611260905/real.md`, 'x\n');
    symlinkSync('real.md', join(repo.dir, S, 'SESSION-Link-2611260905', 'session_log.md'));
    await repo.git(['rm', '-q', '-r', `${S}/SESSION-A-2611260905`]);
    // On the branch, E loses its log but keeps a note; F's log becomes a symlink.
    await repo.git([
      'rm',
      '-q',
      `${S}/SESSION-E-2611260905/session_log.md`,
      `${S}/SESSION-F-2611260905/session_log.md`,
    ]);
    mkdirSync(join(repo.dir, S, 'SESSION-F-2611260905'), { recursive: true });
    symlinkSync(
      '../SESSION-D-2611260905/session_log.md',
      join(repo.dir, S, 'SESSION-F-2611260905', 'session_log.md'),
    );
    await commitAll(repo, 'feature');
    await repo.git(['switch', '-q', '--orphan', 'empty']);
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'no sessions']);

    const found = await readSessionCopies(git);
    expect(found.tips.map((t) => t.ref).sort()).toEqual([
      'refs/heads/copy-of-main',
      'refs/heads/empty',
      'refs/heads/feature',
      'refs/heads/main',
    ]);
    expect(folderIds(found.folders.get('refs/heads/main'))).toEqual([
      'SESSION-A-2611260905',
      'SESSION-B-2611260905',
      'SESSION-D-2611260905',
      'SESSION-E-2611260905',
      'SESSION-F-2611260905',
    ]);
    // Refs with the same sessions tree share one list.
    expect(found.folders.get('refs/heads/copy-of-main')).toBe(found.folders.get('refs/heads/main'));
    expect(folderIds(found.folders.get('refs/heads/feature'))).toEqual([
      'SESSION-B-2611260905',
      'SESSION-C-2611260905',
      'SESSION-D-2611260905',
      'SESSION-E-2611260905',
      'SESSION-F-2611260905',
      'SESSION-Link-2611260905',
      'SESSION-NoLog-2611260905',
    ]);
    expect(found.folders.get('refs/heads/empty')).toEqual([]);

    const logOf = (ref: string, id: string) => {
      const folder = found.folders.get(ref)?.find((f) => f.id === id);
      const blob = folder?.log;
      return blob ? found.blobs.get(blob)?.toString('utf8') : blob;
    };
    expect(logOf('refs/heads/main', 'SESSION-B-2611260905')).toBe('b\n');
    expect(logOf('refs/heads/feature', 'SESSION-B-2611260905')).toBe('b changed\n');
    expect(logOf('refs/heads/feature', 'SESSION-C-2611260905')).toBe('c\n');
    // A folder without a regular session_log.md (none, or a symlink) has no log.
    expect(logOf('refs/heads/feature', 'SESSION-NoLog-2611260905')).toBeNull();
    expect(logOf('refs/heads/feature', 'SESSION-Link-2611260905')).toBeNull();

    expect(logOf('refs/heads/feature', 'SESSION-D-2611260905')).toBe('d\n');
    expect(logOf('refs/heads/main', 'SESSION-E-2611260905')).toBe('e\n');
    expect(logOf('refs/heads/feature', 'SESSION-E-2611260905')).toBeNull();
    expect(logOf('refs/heads/main', 'SESSION-F-2611260905')).toBe('f\n');
    expect(logOf('refs/heads/feature', 'SESSION-F-2611260905')).toBeNull();
    // A folder unchanged between refs is one object in both lists (callers do their work once per folder).
    const folderD = (ref: string) => found.folders.get(ref)?.find((f) => f.id === 'SESSION-D-2611260905');
    expect(folderD('refs/heads/main')).toBeDefined();
    expect(folderD('refs/heads/feature')).toBe(folderD('refs/heads/main'));

    // With every blob known, none is read.
    const again = await readSessionCopies(git, { needBlob: () => false });
    expect(again.blobs.size).toBe(0);
    expect(folderIds(again.folders.get('refs/heads/feature'))).toEqual(
      folderIds(found.folders.get('refs/heads/feature')),
    );
  });
});

describe('review queries', () => {
  it('finds the base, the folders a range changed, the worktree changes and the trailers', async () => {
    const { repo, git } = await newRepo();
    expect(await defaultBaseRef(git)).toEqual({ ref: 'main', source: 'main' });
    repo.write(`${S}/SESSION-Old-2611260900/session_log.md`, 'old\n');
    const base = await commitAll(repo, 'old session');
    await repo.git(['switch', '-q', '-c', 'pr']);
    repo.write(`${S}/SESSION-New-2611260905/session_log.md`, 'new\n');
    const c1 = await commitAll(repo, 'new session', '-m', 'Roo-Session: SESSION-New-2611260905');
    repo.write('src.txt', 'x\n');
    const c2 = await commitAll(
      repo,
      'work',
      '-m',
      'Roo-Session: SESSION-Elsewhere-2611260800\nRoo-Session: not one id',
    );
    // main moves on meanwhile: base...HEAD still only sees the PR's changes.
    await repo.git(['switch', '-q', 'main']);
    repo.write(`${S}/SESSION-Main-2611261000/session_log.md`, 'main\n');
    await commitAll(repo, 'main moves');
    await repo.git(['switch', '-q', 'pr']);

    expect(await sessionFoldersChangedSince(git, 'main')).toEqual(['SESSION-New-2611260905']);
    expect(await commitsInRange(git, 'main')).toEqual([
      expect.objectContaining({ sha: c1, subject: 'new session', sessionIds: ['SESSION-New-2611260905'] }),
      expect.objectContaining({ sha: c2, subject: 'work', sessionIds: ['SESSION-Elsewhere-2611260800'] }),
    ]);
    expect(await resolveCommitish(git, 'main~1', '--base')).toBe(base);
    await expect(resolveCommitish(git, '--all', '--base')).rejects.toThrow(/is not a git revision/);
    await expect(resolveCommitish(git, 'nope', '--base')).rejects.toThrow(/--base nope: no such commit/);

    repo.write(`${S}/SESSION-Old-2611260900/session_log.md`, 'edited\n');
    repo.write(`${S}/SESSION-Untracked-2611261100/session_log.md`, 'u\n');
    expect((await sessionFoldersChangedInWorktree(git)).sort()).toEqual([
      'SESSION-Old-2611260900',
      'SESSION-Untracked-2611261100',
    ]);
    expect(sessionIdOfPath(`${S}/X/a.md`)).toBe('X');
    expect(sessionIdOfPath(`${S}/README.md`)).toBeUndefined();
    expect(sessionIdOfPath('src/x')).toBeUndefined();
  });
});
