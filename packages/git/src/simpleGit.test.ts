import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitOperationError } from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CheckoutBlockedError, GitRepo } from './GitRepo.js';
import { GitCommandError } from './runGit.js';
import { createSimpleGit, runSimpleGit } from './simpleGit.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(): Promise<TempRepo> {
  const repo = await makeTempRepo();
  repos.push(repo);
  return repo;
}

describe('simple-git runner', () => {
  it('works with the variables simple-git blocks by default in the environment (EDITOR, PAGER, …)', async () => {
    const repo = await newRepo();
    // Each of these alone makes simple-git ≥ 3.36 refuse to spawn git unless its `unsafe` flag is on; users
    // export EDITOR and PAGER routinely, and CI sets GIT_CONFIG_COUNT. GIT_CONFIG_GLOBAL is in repo.env already.
    const env = {
      ...repo.env,
      EDITOR: 'vi',
      VISUAL: 'vi',
      GIT_EDITOR: 'vi',
      PAGER: 'less',
      GIT_PAGER: 'less',
      GIT_SSH_COMMAND: 'ssh',
      GIT_ASKPASS: 'true',
      SSH_ASKPASS: 'true',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_PARAMETERS: "'roo.test'='1'",
    };
    const git = await GitRepo.discover(repo.dir, env);
    repo.write('new.txt', 'x\n');
    expect((await git.dirtyPaths()).map((p) => p.path)).toEqual(['new.txt']);
    expect((await git.listBranches()).map((b) => b.name)).toEqual(['main']);
    expect((await git.worktrees()).map((w) => w.path)).toEqual([repo.dir]);
    await git.createBranchAndSwitch('session/env');
    await git.switchBranch('main');
    expect((await git.head()).branch).toBe('main');
  });

  it('fails on any non-zero exit, even one that prints nothing, with the arguments and git’s stderr', async () => {
    const repo = await newRepo();
    const git = createSimpleGit(repo.dir, repo.env);
    // `config --get` of an unset key exits 1 and prints nothing: simple-git alone would resolve with ''.
    const silent = await runSimpleGit(git, ['config', '--get', 'roo.unset']).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(GitCommandError);
    expect(silent).toBeInstanceOf(GitOperationError);
    expect(silent).toMatchObject({ args: ['config', '--get', 'roo.unset'], gitExitCode: 1, stderr: '' });
    expect(await runSimpleGit(git, ['config', '--get', 'roo.unset'], { allowFail: true })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: '',
    });
    // stdout is returned as git printed it (no trimming), and stays out of the error's stderr.
    expect((await runSimpleGit(git, ['rev-parse', '--show-toplevel'])).stdout).toBe(`${repo.dir}\n`);
    const failed = await runSimpleGit(git, ['rev-parse', '--verify', 'nope']).catch((e: unknown) => e);
    expect(failed).toMatchObject({ args: ['rev-parse', '--verify', 'nope'], gitExitCode: 128 });
    expect((failed as GitCommandError).stderr).toMatch(/^fatal: Needed a single revision/);
  });

  it('reports a git that cannot start as a GitCommandError', async () => {
    const repo = await newRepo();
    const error = await runSimpleGit(createSimpleGit(repo.dir, { PATH: join(repo.root, 'no-bin') }), [
      'status',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as Error).message).toMatch(/^`git status` failed: .*ENOENT/);
  });

  it('turns git’s refusals into typed errors: unknown branch, blocked checkout', async () => {
    const repo = await newRepo();
    const git = await GitRepo.discover(repo.dir, repo.env);
    const unknown = await git.switchBranch('no-such-branch').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GitCommandError);
    expect(unknown).toMatchObject({ args: ['switch', '--no-guess', 'no-such-branch'] });
    expect((unknown as GitCommandError).stderr).toMatch(/no-such-branch/);
    await repo.git(['switch', '-q', '-c', 'topic']);
    await repo.commitFile('README.md', 'topic\n', 'topic edit');
    await repo.git(['switch', '-q', 'main']);
    repo.write('README.md', 'dirty\n');
    const blocked = await git.switchBranch('topic').catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(CheckoutBlockedError);
    expect((blocked as CheckoutBlockedError).stderr).toMatch(/README\.md/);
  });
});

// `roo session current` must never load simple-git or execa (docs/performance.md): both are imported inside functions only.
it('imports simple-git and execa lazily, from no module at load time', () => {
  const dir = import.meta.dirname;
  const staticImport = /^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+['"](?:simple-git|execa)['"]/m;
  const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .filter((file) => staticImport.test(readFileSync(join(dir, file), 'utf8')));
  expect(offenders).toEqual([]);
});
