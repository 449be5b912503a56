import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempRepo } from '../../../test/helpers/tempRepo.js';
import { discoverRepoPaths, guessRepoPaths, isSameRepo } from './discover.js';

describe('discoverRepoPaths with gitPaths', () => {
  it('resolves --git-path hooks in the same process: default, relative core.hooksPath from a subfolder, linked', async () => {
    const t = await makeTempRepo();
    const sub = join(t.dir, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    const top = await discoverRepoPaths(t.dir, t.env, { gitPaths: ['hooks'] });
    expect(top).toMatchObject({
      topLevel: t.dir,
      gitDir: join(t.dir, '.git'),
      commonDir: join(t.dir, '.git'),
    });
    expect(top.gitPaths).toEqual({ hooks: join(t.dir, '.git', 'hooks') });
    // Without gitPaths, nothing more is asked and the other paths are the same.
    expect(await discoverRepoPaths(sub, t.env)).toEqual({ ...top, gitPaths: {} });

    // git resolves a relative core.hooksPath against the worktree top, wherever it runs.
    await t.git(['config', 'core.hooksPath', '.husky/_']);
    const fromSub = await discoverRepoPaths(sub, t.env, { gitPaths: ['hooks'] });
    expect(fromSub.topLevel).toBe(t.dir);
    expect(fromSub.gitPaths.hooks).toBe(join(t.dir, '.husky', '_'));
    await t.git(['config', '--unset', 'core.hooksPath']);

    const linked = join(t.root, 'linked');
    await t.git(['worktree', 'add', '-q', '-b', 'other', linked]);
    const inLinked = await discoverRepoPaths(linked, t.env, { gitPaths: ['hooks'] });
    expect(inLinked).toMatchObject({ topLevel: linked, commonDir: join(t.dir, '.git') });
    expect(inLinked.gitDir).not.toBe(inLinked.commonDir);
    expect(inLinked.gitPaths.hooks).toBe(join(t.dir, '.git', 'hooks'));
  });
});

describe('guessRepoPaths', () => {
  it('guesses what discovery finds at the top of a main worktree, and nothing elsewhere', async () => {
    const t = await makeTempRepo();
    const guess = guessRepoPaths(t.dir, t.env);
    const found = await discoverRepoPaths(t.dir, t.env, { gitPaths: ['hooks'] });
    expect(guess).toBeDefined();
    expect(isSameRepo(guess!, found)).toBe(true);
    expect(guess!.env).toEqual(found.env);

    // A subfolder, a linked worktree (its .git is a file) and a folder outside any repository: no guess.
    const sub = join(t.dir, 'src');
    mkdirSync(sub);
    expect(guessRepoPaths(sub, t.env)).toBeUndefined();
    const linked = join(t.root, 'linked');
    await t.git(['worktree', 'add', '-q', '-b', 'other', linked]);
    expect(guessRepoPaths(linked, t.env)).toBeUndefined();
    expect(guessRepoPaths(t.root, t.env)).toBeUndefined();
    // A different worktree is not the same repository.
    expect(isSameRepo(guess!, await discoverRepoPaths(linked, t.env))).toBe(false);
  });
});
