import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitOperationError } from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CatFileBatch } from './catFileBatch.js';
import { GitCommandError } from './runGit.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

describe('CatFileBatch failures', () => {
  it('rejects pending and later requests with the arguments and git’s stderr when git fails', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const outside = join(repo.root, 'outside');
    mkdirSync(outside);
    const batch = new CatFileBatch(outside, { ...repo.env, GIT_CEILING_DIRECTORIES: dirname(repo.root) });
    try {
      const error = await batch.get('HEAD').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitCommandError);
      expect(error).toBeInstanceOf(GitOperationError);
      expect(error).toMatchObject({ args: ['cat-file', '--batch'], gitExitCode: 128 });
      expect((error as GitCommandError).stderr).toMatch(/not a git repository/);
      await expect(batch.get('HEAD')).rejects.toBe(error);
    } finally {
      await batch.close();
    }
  });

  it('reports a git that cannot start', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const batch = new CatFileBatch(repo.dir, { PATH: join(repo.root, 'no-bin') });
    try {
      const error = await batch.get('HEAD').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitCommandError);
      expect((error as Error).message).toMatch(/^`git cat-file --batch` failed: .*ENOENT/);
    } finally {
      await batch.close();
    }
  });

  it('answers everything asked before close, then exits cleanly', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const batch = new CatFileBatch(repo.dir, repo.env);
    // Asked before execa has even loaded, and closed in the same tick: nothing is lost or left waiting.
    const answers = Promise.all(['HEAD', 'HEAD^{tree}', 'HEAD:README.md'].map((name) => batch.get(name)));
    await batch.close();
    expect((await answers).map((object) => object?.type)).toEqual(['commit', 'tree', 'blob']);
    await expect(batch.get('HEAD')).rejects.toThrow(/after close/);
  });
});
