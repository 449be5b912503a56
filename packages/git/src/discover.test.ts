import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BareRepositoryError, ExitCode, NotARepositoryError } from '@roo-session/core';
import { describe, expect, it } from 'vitest';
import { gitOut, repoWithContext } from '../../../test/helpers/gitRepo.js';
import { discoverRepo, discoverRepoAndGitPaths, guessRepo, isSameRepo } from './discover.js';
import { readHead } from './refs.js';
import { dirtyPaths } from './worktree.js';

describe('discoverRepo', () => {
  it('finds the repository from a subfolder, with absolute paths', async () => {
    const { repo } = await repoWithContext();
    mkdirSync(join(repo.dir, 'a', 'b ü'), { recursive: true });
    const git = await discoverRepo(join(repo.dir, 'a', 'b ü'), repo.env);
    expect(git.topLevel).toBe(repo.dir);
    expect(git.gitDir).toBe(join(repo.dir, '.git'));
    expect(git.commonDir).toBe(join(repo.dir, '.git'));
    // One plain value, nothing else: what every function of the package takes.
    expect(Object.keys(git).sort()).toEqual(['commonDir', 'env', 'gitDir', 'topLevel']);
    expect(Object.isFrozen(git)).toBe(true);
  });

  it('finds a linked worktree with its own git dir and the shared common dir', async () => {
    const { repo } = await repoWithContext();
    const wt = join(repo.root, 'linked');
    await repo.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    mkdirSync(join(wt, 'sub'));
    const git = await discoverRepo(join(wt, 'sub'), repo.env);
    expect(git.topLevel).toBe(wt);
    expect(git.gitDir).toBe(join(repo.dir, '.git', 'worktrees', 'linked'));
    expect(git.commonDir).toBe(join(repo.dir, '.git'));
    expect(await readHead(git)).toEqual({
      sha: await gitOut(repo, ['rev-parse', 'HEAD']).then((s) => s.trim()),
      branch: 'feature',
    });
  });

  it('ignores GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE inherited from a parent git', async () => {
    const { repo } = await repoWithContext();
    const { repo: other } = await repoWithContext();
    repo.write('mine.txt', 'x\n');
    const env = {
      ...repo.env,
      GIT_DIR: join(other.dir, '.git'),
      GIT_WORK_TREE: other.dir,
      GIT_INDEX_FILE: join(other.dir, '.git', 'bogus-index'),
    };
    const git = await discoverRepo(repo.dir, env);
    expect(git.topLevel).toBe(repo.dir);
    expect(git.env.GIT_DIR).toBeUndefined();
    expect(git.env.GIT_INDEX_FILE).toBeUndefined();
    expect((await dirtyPaths(git)).map((p) => p.path)).toEqual(['mine.txt']);
  });

  it('explains a folder that is not in a repository (exit 3)', async () => {
    const { repo } = await repoWithContext();
    const outside = join(repo.root, 'outside');
    mkdirSync(outside);
    // Stop git's upward search at the temp folder, whatever /tmp's parents are.
    const env = { ...repo.env, GIT_CEILING_DIRECTORIES: dirname(repo.root) };
    const error = await discoverRepo(outside, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotARepositoryError);
    expect((error as NotARepositoryError).exitCode).toBe(ExitCode.precondition);
    expect((error as Error).message).toMatch(
      /^not a git repository: .*outside.*run `git init` or cd into a repository/s,
    );
    await expect(discoverRepo(join(repo.root, 'missing'), env)).rejects.toBeInstanceOf(NotARepositoryError);
  });

  it('refuses a bare repository and the inside of .git', async () => {
    const { repo } = await repoWithContext({ bare: true });
    await expect(discoverRepo(repo.dir, repo.env)).rejects.toBeInstanceOf(BareRepositoryError);
    const { repo: normal } = await repoWithContext();
    await expect(discoverRepo(join(normal.dir, '.git'), normal.env)).rejects.toThrow(
      /inside the git directory .*, not in a working tree\ncd into the working tree/,
    );
  });
});

describe('discoverRepoAndGitPaths', () => {
  it('resolves --git-path hooks in the same process: default, relative core.hooksPath from a subfolder, linked', async () => {
    const { repo: t } = await repoWithContext();
    const sub = join(t.dir, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    const top = await discoverRepoAndGitPaths(t.dir, ['hooks'], t.env);
    expect(top.repo).toMatchObject({
      topLevel: t.dir,
      gitDir: join(t.dir, '.git'),
      commonDir: join(t.dir, '.git'),
    });
    expect(top.gitPaths).toEqual({ hooks: join(t.dir, '.git', 'hooks') });
    // Without gitPaths, nothing more is asked and the repository is the same.
    expect(await discoverRepo(sub, t.env)).toEqual(top.repo);

    // git resolves a relative core.hooksPath against the worktree top, wherever it runs.
    await t.git(['config', 'core.hooksPath', '.husky/_']);
    const fromSub = await discoverRepoAndGitPaths(sub, ['hooks'], t.env);
    expect(fromSub.repo.topLevel).toBe(t.dir);
    expect(fromSub.gitPaths.hooks).toBe(join(t.dir, '.husky', '_'));
    await t.git(['config', '--unset', 'core.hooksPath']);

    const linked = join(t.root, 'linked');
    await t.git(['worktree', 'add', '-q', '-b', 'other', linked]);
    const inLinked = await discoverRepoAndGitPaths(linked, ['hooks'], t.env);
    expect(inLinked.repo).toMatchObject({ topLevel: linked, commonDir: join(t.dir, '.git') });
    expect(inLinked.repo.gitDir).not.toBe(inLinked.repo.commonDir);
    expect(inLinked.gitPaths.hooks).toBe(join(t.dir, '.git', 'hooks'));
  });
});

describe('guessRepo', () => {
  it('guesses what discovery finds at the top of a main worktree, and nothing elsewhere', async () => {
    const { repo: t } = await repoWithContext();
    const guess = guessRepo(t.dir, t.env);
    const found = await discoverRepo(t.dir, t.env);
    expect(guess).toBeDefined();
    expect(isSameRepo(guess!, found)).toBe(true);
    expect(guess).toEqual(found);

    // A subfolder, a linked worktree (its .git is a file) and a folder outside any repository: no guess.
    const sub = join(t.dir, 'src');
    mkdirSync(sub);
    expect(guessRepo(sub, t.env)).toBeUndefined();
    const linked = join(t.root, 'linked');
    await t.git(['worktree', 'add', '-q', '-b', 'other', linked]);
    expect(guessRepo(linked, t.env)).toBeUndefined();
    expect(guessRepo(t.root, t.env)).toBeUndefined();
    // A different worktree is not the same repository.
    expect(isSameRepo(guess!, await discoverRepo(linked, t.env))).toBe(false);
  });
});
