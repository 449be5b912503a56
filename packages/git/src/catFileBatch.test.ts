import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitOperationError } from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CatFileBatch, parseCommit, parseTree } from './catFileBatch.js';
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
    const batch = new CatFileBatch({
      topLevel: outside,
      env: { ...repo.env, GIT_CEILING_DIRECTORIES: dirname(repo.root) },
    });
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
    const batch = new CatFileBatch({ topLevel: repo.dir, env: { PATH: join(repo.root, 'no-bin') } });
    try {
      const error = await batch.get('HEAD').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitCommandError);
      expect((error as Error).message).toMatch(/^`git cat-file --batch` failed\nseen: .*ENOENT/);
      expect(error).toMatchObject({
        what: '`git cat-file --batch` failed',
        seen: expect.stringContaining('ENOENT'),
      });
    } finally {
      await batch.close();
    }
  });

  it('answers everything asked before close, then exits cleanly', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const batch = new CatFileBatch({ topLevel: repo.dir, env: repo.env });
    // Asked before execa has even loaded, and closed in the same tick: nothing is lost or left waiting.
    const answers = Promise.all(['HEAD', 'HEAD^{tree}', 'HEAD:README.md'].map((name) => batch.get(name)));
    await batch.close();
    expect((await answers).map((object) => object?.type)).toEqual(['commit', 'tree', 'blob']);
    await expect(batch.get('HEAD')).rejects.toThrow(/after close/);
  });
});

describe('CatFileBatch', () => {
  it('answers pipelined requests in order, binary-safe, with null for missing names', async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    const bytes = Buffer.from([0, 10, 13, 255, 0x20, 10]);
    writeFileSync(join(repo.root, 'bytes.bin'), bytes);
    const blob = (await repo.git(['hash-object', '-w', join(repo.root, 'bytes.bin')])).stdout.trim();
    const batch = new CatFileBatch({ topLevel: repo.dir, env: repo.env });
    try {
      const [commit, missing, tree, raw, nl, spaced] = await Promise.all([
        batch.get('HEAD'),
        batch.get('refs/heads/none'),
        batch.get('HEAD^{tree}'),
        batch.get(blob),
        batch.get('a\nb'),
        batch.get('HEAD:a folder 0 blob 12'),
      ]);
      expect(spaced).toBeNull();
      expect(commit?.type).toBe('commit');
      expect(parseCommit(commit!.data).subject).toBe('initial commit');
      expect(missing).toBeNull();
      expect(nl).toBeNull();
      expect(parseTree(tree!.data, 20).map((e) => [e.mode, e.name, e.isTree])).toEqual([
        ['100644', 'README.md', false],
      ]);
      expect(raw?.size).toBe(bytes.length);
      expect(raw?.data.equals(bytes)).toBe(true);
    } finally {
      await batch.close();
      await batch.close();
    }
  });

  it('parses commit objects with multi-line headers and a folded subject', () => {
    const raw = Buffer.from(
      'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent aaaa\nparent bbbb\n' +
        'author A <a@x> 1700000000 +0100\ncommitter C D <c@x> 1700000500 -0230\n' +
        'gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\n' +
        'Merge branch x\n into y\n\nbody\n',
    );
    expect(parseCommit(raw)).toMatchObject({
      tree: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      parents: ['aaaa', 'bbbb'],
      committedAt: new Date(1700000500 * 1000),
      subject: 'Merge branch x into y',
    });
  });
});
