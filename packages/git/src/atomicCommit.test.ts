import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DetachedHeadError,
  NoCommitsError,
  OperationInProgressError,
  PreconditionError,
  RefMovedError,
  UnsafePathError,
} from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { appendTrailers, commitFolder, formatSessionCommitMessage } from './atomicCommit.js';
import { discoverRepo } from './discover.js';
import { readHead } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { runGitIn } from './runGit.js';

const ID = 'SESSION-Fix_login-2611260905';
const FOLDER = `.ruru/sessions/${ID}`;
const BRANCH = `session/${ID}`;
const WT_BRANCH = 'session/SESSION-Wt-2611260905';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function setup(options: { empty?: boolean } = {}): Promise<{ repo: TempRepo; git: RepoContext }> {
  const repo = await makeTempRepo(options);
  repos.push(repo);
  if (!options.empty) await repo.git(['switch', '-q', '-c', BRANCH]);
  return { repo, git: await discoverRepo(repo.dir, repo.env) };
}

async function out(repo: TempRepo, args: string[], cwd?: string): Promise<string> {
  return (await repo.git(args, cwd === undefined ? {} : { cwd })).stdout;
}

/** Everything about the user's own changes that commitFolder must leave byte-identical. */
async function userState(repo: TempRepo, cwd?: string) {
  return {
    staged: await out(repo, ['diff', '--cached', '--binary', '--', '.', `:(exclude)${FOLDER}`], cwd),
    unstaged: await out(repo, ['diff', '--binary', '--', '.', `:(exclude)${FOLDER}`], cwd),
    status: (await out(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all'], cwd))
      .split('\0')
      .filter((line) => line !== '' && !line.includes('.ruru/'))
      .sort(),
  };
}

function writeSession(repo: TempRepo, log = '+++\nid = "x"\n+++\n# Session Log\n', folder = FOLDER): void {
  repo.write(`${folder}/session_log.md`, log);
  repo.write(`${folder}/artifacts/notes/README.md`, '# Notes\n');
}

describe('formatSessionCommitMessage', () => {
  it('writes the subject, a blank line and the Roo-Session trailer', () => {
    expect(formatSessionCommitMessage(ID, 'start')).toBe(`session(${ID}): start\n\nRoo-Session: ${ID}\n`);
  });

  it('folds a multi-line event into the subject line and appends extra trailers to the block', () => {
    expect(formatSessionCommitMessage(ID, 'end\nnow', { 'Roo-Status': 'Completed' })).toBe(
      `session(${ID}): end now\n\nRoo-Session: ${ID}\nRoo-Status: Completed\n`,
    );
  });

  it('starts a trailer block when the message has none', () => {
    expect(appendTrailers('subject\n\nsome body text', { 'Roo-Session': ID })).toBe(
      `subject\n\nsome body text\n\nRoo-Session: ${ID}\n`,
    );
    expect(() => appendTrailers('s\n', { 'bad key': 'x' })).toThrow(TypeError);
  });
});

describe('commitFolder', () => {
  it('commits only the folder and leaves partially staged, staged and untracked changes byte-identical', async () => {
    const { repo, git } = await setup();
    await repo.commitFile('src/app.txt', 'v1\n', 'add app');
    // Partially staged: v2 staged, v3 in the worktree (what `git add -p` leaves).
    repo.write('src/app.txt', 'v2\n');
    await repo.git(['add', 'src/app.txt']);
    repo.write('src/app.txt', 'v3\n');
    // An unrelated new file, staged; an untracked file; a deleted tracked file.
    repo.write('src/new.txt', 'brand new\n');
    await repo.git(['add', 'src/new.txt']);
    repo.write('scratch.txt', 'untracked\n');
    rmSync(join(repo.dir, 'README.md'));
    writeSession(repo);
    const before = await userState(repo);
    const old = (await readHead(git)).sha!;

    const result = await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: formatSessionCommitMessage(ID, 'start'),
    });

    expect(result).toMatchObject({ changed: true, parent: old, indexSynced: true });
    expect((await readHead(git)).sha).toBe(result.commit);
    expect(await userState(repo)).toEqual(before);
    // The commit touches the folder and nothing else, and its message is exactly roo's.
    expect((await out(repo, ['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n')).toEqual([
      `${FOLDER}/artifacts/notes/README.md`,
      `${FOLDER}/session_log.md`,
    ]);
    expect(await out(repo, ['show', '-s', '--format=%B', 'HEAD'])).toBe(
      `session(${ID}): start\n\nRoo-Session: ${ID}\n\n`,
    );
    expect((await out(repo, ['rev-parse', 'HEAD^'])).trim()).toBe(old);
    // The real index knows the folder now: nothing of it is staged or untracked.
    expect(await out(repo, ['status', '--porcelain', '--', FOLDER])).toBe('');
    // The reflog says who moved the branch.
    expect(await out(repo, ['reflog', '-1', '--format=%gs', BRANCH])).toBe(`roo: session(${ID}): start\n`);
    // The temporary index is gone.
    expect(readdirSync(git.gitDir).filter((name) => name.startsWith('roo-index'))).toEqual([]);
  });

  it('returns changed: false without a commit when the folder already matches the tip', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    const first = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'm1\n' });
    const second = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'm2\n' });
    expect(second).toEqual({ commit: first.commit, parent: first.commit, changed: false, indexSynced: true });
    expect((await readHead(git)).sha).toBe(first.commit);
    expect(await out(repo, ['rev-list', '--count', 'HEAD'])).toBe('2\n');
  });

  it('records edits and deletions inside the folder, and a folder removed from disk', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'start\n' });
    repo.write(`${FOLDER}/session_log.md`, 'changed\n');
    rmSync(join(repo.dir, FOLDER, 'artifacts'), { recursive: true });
    // An absolute path reached through a symlink to the worktree is the same folder.
    symlinkSync(repo.dir, join(repo.root, 'link'));
    const edit = await commitFolder(git, {
      folder: join(repo.root, 'link', FOLDER),
      branch: BRANCH,
      message: 'edit\n',
    });
    expect(edit.changed).toBe(true);
    expect(await out(repo, ['show', '--name-status', '--format=', 'HEAD'])).toBe(
      `D\t${FOLDER}/artifacts/notes/README.md\nM\t${FOLDER}/session_log.md\n`,
    );
    rmSync(join(repo.dir, FOLDER), { recursive: true });
    const gone = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'gone\n' });
    expect(gone.changed).toBe(true);
    expect(await out(repo, ['ls-tree', '-r', '--name-only', 'HEAD'])).toBe('README.md\n');
    expect(await out(repo, ['status', '--porcelain'])).toBe('');
    // A folder that exists nowhere is nothing to commit.
    expect(
      (await commitFolder(git, { folder: '.ruru/sessions/none', branch: BRANCH, message: 'x\n' })).changed,
    ).toBe(false);
  });

  it('commits a gitignored folder and non-ASCII paths exactly', async () => {
    const { repo, git } = await setup();
    await repo.commitFile('.gitignore', '.ruru/\n*.md\n', 'ignore');
    const folder = '.ruru/sessions/SESSION-Café_ü_日本-2611260905';
    writeSession(repo, 'naïve ✓\n', folder);
    repo.write(`${folder}/artifacts/notes/résumé 日本 "q".md`, 'x\n');
    const result = await commitFolder(git, { folder, branch: BRANCH, message: 'start\n' });
    expect(result.changed).toBe(true);
    const files = (await out(repo, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', '.ruru']))
      .split('\0')
      .filter(Boolean);
    expect(files).toEqual([
      `${folder}/artifacts/notes/README.md`,
      `${folder}/artifacts/notes/résumé 日本 "q".md`,
      `${folder}/session_log.md`,
    ]);
    expect(await out(repo, ['show', `HEAD:${folder}/session_log.md`])).toBe('naïve ✓\n');
    expect(await out(repo, ['status', '--porcelain', '--ignored'])).toBe('');
  });

  it('works in a linked worktree and leaves the main worktree alone', async () => {
    const { repo } = await setup();
    await repo.git(['switch', '-q', 'main']);
    const wt = join(repo.root, 'wt ü');
    await repo.git(['worktree', 'add', '-q', '-b', WT_BRANCH, wt]);
    repo.write('main-only.txt', 'staged in main\n');
    await repo.git(['add', 'main-only.txt']);
    const mainBefore = await userState(repo);
    writeFileSync(join(wt, 'wt-file.txt'), 'untracked in wt\n');
    mkdirSync(join(wt, FOLDER, 'sub'), { recursive: true });
    writeFileSync(join(wt, FOLDER, 'session_log.md'), 'log\n');
    const git = await discoverRepo(join(wt, FOLDER, 'sub'), repo.env);
    expect(git.gitDir).not.toBe(git.commonDir);

    const result = await commitFolder(git, { folder: FOLDER, branch: WT_BRANCH, message: 'm\n' });
    expect(result.changed).toBe(true);
    expect((await out(repo, ['rev-parse', 'HEAD'], wt)).trim()).toBe(result.commit);
    expect(await out(repo, ['status', '--porcelain'], wt)).toBe('?? wt-file.txt\n');
    expect(await userState(repo)).toEqual(mainBefore);
    expect((await out(repo, ['rev-parse', 'HEAD'])).trim()).not.toBe(result.commit);
    expect(readdirSync(git.gitDir).filter((name) => name.startsWith('roo-index'))).toEqual([]);
  });

  it('refuses with RefMovedError and changes nothing when the branch moves before the swap', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    let moved = '';
    const attempt = commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: 'start\n',
      beforeUpdateRef: async () => {
        await repo.git(['commit', '-q', '--allow-empty', '-m', 'racing commit']);
        moved = (await out(repo, ['rev-parse', 'HEAD'])).trim();
      },
    });
    await expect(attempt).rejects.toThrow(RefMovedError);
    await expect(attempt).rejects.toThrow(
      /^HEAD moved while roo was committing; nothing was changed\nseen: `.*` was at \w+ and is now at \w+\nrun `roo session checkpoint` again$/,
    );
    expect((await out(repo, ['rev-parse', BRANCH])).trim()).toBe(moved);
    expect(await out(repo, ['log', '-1', '--format=%s'])).toBe('racing commit\n');
    // The folder is still untracked: the index was not touched.
    expect(await out(repo, ['status', '--porcelain', '--', '.ruru'])).toBe('?? .ruru/\n');
  });

  it('inspect sees the staged bytes, and the commit holds exactly those even if the files change meanwhile', async () => {
    const { repo, git } = await setup();
    writeSession(repo, 'staged log\n');
    repo.write(`${FOLDER}/artifacts/bin.dat`, '');
    writeFileSync(join(repo.dir, FOLDER, 'artifacts/bin.dat'), Buffer.from([0, 1, 2, 0xff, 0x0a]));
    let seen: { path: string; mode: string; data: string }[] = [];
    const result = await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: 'start\n',
      inspect: (files) => {
        seen = files.map((f) => ({ path: f.path, mode: f.mode, data: f.data.toString('latin1') }));
        // A writer racing the commit: changes a file, adds one, removes one, after the bytes were taken.
        repo.write(`${FOLDER}/session_log.md`, 'written after the scan: not to be committed\n');
        repo.write(`${FOLDER}/late.md`, 'late\n');
        rmSync(join(repo.dir, FOLDER, 'artifacts/notes/README.md'));
      },
    });
    expect(result.changed).toBe(true);
    expect(seen).toEqual([
      { path: `${FOLDER}/artifacts/bin.dat`, mode: '100644', data: '\x00\x01\x02\xff\n' },
      { path: `${FOLDER}/artifacts/notes/README.md`, mode: '100644', data: '# Notes\n' },
      { path: `${FOLDER}/session_log.md`, mode: '100644', data: 'staged log\n' },
    ]);
    // The committed tree is what was inspected, byte for byte, and nothing else.
    expect(await out(repo, ['ls-tree', '-r', '--name-only', result.commit, '--', FOLDER])).toBe(
      `${seen.map((f) => f.path).join('\n')}\n`,
    );
    for (const f of seen) {
      const blob = await repo.git(['cat-file', 'blob', `${result.commit}:${f.path}`]);
      expect(blob.stdout).toBe(Buffer.from(f.data, 'latin1').toString('utf8'));
    }
    const bin = await runGitIn(git, ['cat-file', 'blob', `${result.commit}:${FOLDER}/artifacts/bin.dat`], {
      stdoutEncoding: 'latin1',
    });
    expect(bin.stdout).toBe('\x00\x01\x02\xff\n');
  });

  it('a throw from inspect aborts: branch, index and temp files as before', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    const tip = (await out(repo, ['rev-parse', BRANCH])).trim();
    const refs = await out(repo, ['for-each-ref']);
    const attempt = commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: 'start\n',
      inspect: () => {
        throw new PreconditionError({ what: 'refused by the scan' });
      },
    });
    await expect(attempt).rejects.toThrow('refused by the scan');
    expect((await out(repo, ['rev-parse', BRANCH])).trim()).toBe(tip);
    expect(await out(repo, ['for-each-ref'])).toBe(refs);
    expect(await out(repo, ['status', '--porcelain', '--', '.ruru'])).toBe('?? .ruru/\n');
    expect(readdirSync(git.gitDir).filter((name) => name.startsWith('roo-index'))).toEqual([]);
  });

  it('inspect is not called when the folder has nothing new to commit', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'start\n' });
    let calls = 0;
    const again = await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: 'checkpoint\n',
      inspect: () => {
        calls++;
      },
    });
    expect(again.changed).toBe(false);
    expect(calls).toBe(0);
  });

  it('runs no hooks', async () => {
    const { repo, git } = await setup();
    const hooks = join(git.gitDir, 'hooks');
    for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\necho ${hook} >> "${repo.root}/hooks-ran"\nexit 1\n`);
      chmodSync(join(hooks, hook), 0o755);
    }
    writeSession(repo);
    const result = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'start\n' });
    expect(result.changed).toBe(true);
    expect(existsSync(join(repo.root, 'hooks-ran'))).toBe(false);
  });

  it('signs when commit.gpgSign is true, and the caller can override it', async () => {
    const { repo, git } = await setup();
    // A stand-in for gpg: git only needs a signature on stdout and SIG_CREATED on the status fd.
    const fakeGpg = join(repo.root, 'fake-gpg');
    writeFileSync(
      fakeGpg,
      '#!/bin/sh\ncat >/dev/null\necho "[GNUPG:] SIG_CREATED D 1 8 00 0 X" >&2\n' +
        'printf -- "-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n"\n',
    );
    chmodSync(fakeGpg, 0o755);
    await repo.git(['config', 'gpg.program', fakeGpg]);
    await repo.git(['config', 'user.signingKey', 'ROOTEST']);
    await repo.git(['config', 'commit.gpgSign', 'true']);
    writeSession(repo);
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'signed\n' });
    expect(await out(repo, ['cat-file', 'commit', 'HEAD'])).toContain('gpgsig -----BEGIN PGP SIGNATURE-----');
    repo.write(`${FOLDER}/session_log.md`, 'again\n');
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'unsigned\n', sign: false });
    expect(await out(repo, ['cat-file', 'commit', 'HEAD'])).not.toContain('gpgsig');
  });

  it('reports, without failing, when the real index is locked after the commit landed', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    const lock = join(git.gitDir, 'index.lock');
    const result = await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: 'start\n',
      beforeUpdateRef: () => writeFileSync(lock, ''),
    });
    rmSync(lock);
    expect(result.changed).toBe(true);
    expect(result.indexSynced).toBe(false);
    expect(result.warning).toMatch(/index\.lock.*git reset -q -- \.ruru\/sessions\//);
    expect((await readHead(git)).sha).toBe(result.commit);
    // The printed recovery fixes it.
    await repo.git(['reset', '-q', '--', FOLDER]);
    expect(await out(repo, ['status', '--porcelain'])).toBe('');
  });

  it('writes the tree git’s own index would, whatever surrounds the folder (names sorting next to it, non-UTF-8 names, links, submodules)', async () => {
    const { repo, git } = await setup();
    // Siblings at every level of the path whose names sort right next to the folder's in git's tree order.
    for (const rel of [
      '.ruru.txt',
      '.ruru-x/y.md',
      '.ruru0',
      '.ruru/sessions.md',
      '.ruru/sessions-old/a.md',
      `.ruru/sessions/${ID}.bak`,
      `.ruru/sessions/${ID}-2/session_log.md`,
      '.ruru/sessions/README.md',
    ]) {
      repo.write(rel, `${rel}\n`);
    }
    // A name that is not UTF-8, a symlink, an executable and a submodule entry at the top.
    writeFileSync(
      Buffer.concat([Buffer.from(join(repo.dir, 'bin-')), Buffer.from([0xff, 0xfe, 0x2e, 0x64])]),
      'x\n',
    );
    symlinkSync('README.md', join(repo.dir, 'link'));
    repo.write('run.sh', '#!/bin/sh\n');
    chmodSync(join(repo.dir, 'run.sh'), 0o755);
    await repo.git(['add', '-A']);
    const head = (await out(repo, ['rev-parse', 'HEAD'])).trim();
    await repo.git(['update-index', '--add', '--cacheinfo', `160000,${head},vendor/lib`]);
    await repo.git(['commit', '-q', '-m', 'surroundings']);

    /** The root tree git makes from the tip plus the folder as it is on disk, in a scratch index. */
    const expectedTree = async () => {
      const env = { GIT_INDEX_FILE: join(repo.root, 'expected-index') };
      await repo.git(['read-tree', 'HEAD'], { env });
      await repo.git(['add', '-A', '-f', '--', FOLDER], { env });
      const tree = (await repo.git(['write-tree'], { env })).stdout.trim();
      rmSync(env.GIT_INDEX_FILE);
      return tree;
    };
    writeSession(repo);
    let expected = await expectedTree();
    const started = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'start\n' });
    expect(started.changed).toBe(true);
    expect(await out(repo, ['rev-parse', 'HEAD^{tree}'])).toBe(`${expected}\n`);

    repo.write(`${FOLDER}/artifacts/notes/more.md`, 'more\n');
    expected = await expectedTree();
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'edit\n' });
    expect(await out(repo, ['rev-parse', 'HEAD^{tree}'])).toBe(`${expected}\n`);

    rmSync(join(repo.dir, FOLDER), { recursive: true });
    expected = await expectedTree();
    await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'gone\n' });
    expect(await out(repo, ['rev-parse', 'HEAD^{tree}'])).toBe(`${expected}\n`);
    // Every object roo wrote is well-formed, and the index matches the commit.
    expect((await repo.git(['fsck', '--strict', '--no-dangling'])).exitCode).toBe(0);
    expect(await out(repo, ['diff', '--cached', '--name-only'])).toBe('');
  });

  it('works in a SHA-256 repository', async () => {
    const { repo } = await setup({ empty: true });
    const dir = join(repo.root, 'sha256');
    await repo.git(['init', '-q', '-b', BRANCH, '--object-format=sha256', dir]);
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'initial commit'], { cwd: dir });
    const git = await discoverRepo(dir, repo.env);
    mkdirSync(join(dir, FOLDER), { recursive: true });
    writeFileSync(join(dir, FOLDER, 'session_log.md'), 'log\n');
    const result = await commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'start\n' });
    expect(result.changed).toBe(true);
    expect(result.commit).toMatch(/^[0-9a-f]{64}$/);
    expect(await out(repo, ['show', `HEAD:${FOLDER}/session_log.md`], dir)).toBe('log\n');
    expect(await out(repo, ['status', '--porcelain'], dir)).toBe('');
    expect((await repo.git(['fsck', '--strict'], { cwd: dir })).exitCode).toBe(0);
  });

  it('adds trailers to the message', async () => {
    const { repo, git } = await setup();
    writeSession(repo);
    await commitFolder(git, {
      folder: FOLDER,
      branch: BRANCH,
      message: formatSessionCommitMessage(ID, 'end'),
      trailers: { 'Roo-Status': 'Completed' },
    });
    expect(await out(repo, ['show', '-s', '--format=%(trailers:key=Roo-Status,valueonly)', 'HEAD'])).toBe(
      'Completed\n\n',
    );
  });

  describe('refuses, changing nothing', () => {
    async function expectUntouched(
      repo: TempRepo,
      run: () => Promise<unknown>,
      error: unknown,
      text?: RegExp,
    ) {
      const refs = await out(repo, ['for-each-ref']);
      const state = await userState(repo);
      const promise = run();
      await expect(promise).rejects.toBeInstanceOf(error);
      if (text) await expect(promise).rejects.toThrow(text);
      expect(await out(repo, ['for-each-ref'])).toBe(refs);
      expect(await userState(repo)).toEqual(state);
    }

    it('during a merge, naming the way out', async () => {
      const { repo, git } = await setup();
      await repo.commitFile('f.txt', 'session\n', 'on session');
      await repo.git(['switch', '-q', 'main']);
      await repo.commitFile('f.txt', 'main\n', 'on main');
      await repo.git(['switch', '-q', BRANCH]);
      await repo.git(['merge', 'main'], { reject: false });
      writeSession(repo);
      await expectUntouched(
        repo,
        () => commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'm\n' }),
        OperationInProgressError,
        /a merge is in progress.*\n.*`git merge --abort`/,
      );
    });

    it('during a rebase', async () => {
      const { repo, git } = await setup();
      await repo.commitFile('f.txt', 'session\n', 'on session');
      await repo.git(['switch', '-q', 'main']);
      await repo.commitFile('f.txt', 'main\n', 'on main');
      await repo.git(['switch', '-q', BRANCH]);
      await repo.git(['rebase', 'main'], { reject: false });
      writeSession(repo);
      await expectUntouched(
        repo,
        () => commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'm\n' }),
        OperationInProgressError,
        /a rebase is in progress.*\nrun `git rebase --continue`/,
      );
    });

    it('on a detached HEAD, on another branch, and for unsafe folders', async () => {
      const { repo, git } = await setup();
      writeSession(repo);
      await expectUntouched(
        repo,
        () => commitFolder(git, { folder: FOLDER, branch: 'main', message: 'm\n' }),
        PreconditionError,
        /HEAD is on `session\/.*`, not on the session's branch `main`/,
      );
      for (const folder of ['', '.', '..', '../x', '.ruru/../..', '/etc', '.git/hooks']) {
        await expectUntouched(
          repo,
          () => commitFolder(git, { folder, branch: BRANCH, message: 'm\n' }),
          UnsafePathError,
        );
      }
      await repo.git(['switch', '-q', '--detach']);
      await expectUntouched(
        repo,
        () => commitFolder(git, { folder: FOLDER, branch: BRANCH, message: 'm\n' }),
        DetachedHeadError,
        /HEAD is detached/,
      );
    });

    it('before the first commit', async () => {
      const { repo, git } = await setup({ empty: true });
      writeSession(repo);
      await expectUntouched(
        repo,
        () => commitFolder(git, { folder: FOLDER, branch: 'main', message: 'm\n' }),
        NoCommitsError,
        /has no commits yet/,
      );
    });
  });
});
