import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitOperationError } from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CheckoutBlockedError, createBranchAndSwitch, switchBranch } from './branchSwitch.js';
import { discoverRepo } from './discover.js';
import { readHead } from './refs.js';
import { GitCommandError } from './runGit.js';
import { querySimpleGit, simpleGitOf } from './simpleGit.js';
import { dirtyPaths, listWorktrees, pathsChangedBetween, stashPush } from './worktree.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(): Promise<TempRepo> {
  const repo = await makeTempRepo();
  repos.push(repo);
  return repo;
}

describe('simple-git queries', () => {
  it('work with the variables simple-git blocks by default in the environment (EDITOR, PAGER, …)', async () => {
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
    const git = await discoverRepo(repo.dir, env);
    repo.write('new.txt', 'x\n');
    expect((await dirtyPaths(git)).map((p) => p.path)).toEqual(['new.txt']);
    expect((await listWorktrees(git)).map((w) => w.path)).toEqual([repo.dir]);
    expect(await pathsChangedBetween(git, 'HEAD', 'HEAD')).toEqual([]);
    expect(await stashPush(git, 'roo: test')).toMatch(/^[0-9a-f]{40}$/);
    await createBranchAndSwitch(git, 'session/env');
    await switchBranch(git, 'main');
    expect((await readHead(git)).branch).toBe('main');
  });

  it('make one simple-git instance per repository', async () => {
    const repo = await newRepo();
    const git = await discoverRepo(repo.dir, repo.env);
    expect(await simpleGitOf(git)).toBe(await simpleGitOf(git));
    expect(await simpleGitOf(git)).not.toBe(await simpleGitOf(await discoverRepo(repo.dir, repo.env)));
  });

  it('fail on any non-zero exit, even one that prints nothing, with the arguments and git’s stderr', async () => {
    const repo = await newRepo();
    const git = await discoverRepo(repo.dir, repo.env);
    // `config --get` of an unset key exits 1 and prints nothing: simple-git alone would resolve with ''.
    const args = ['config', '--get', 'roo.unset'];
    const silent = await querySimpleGit(git, args, (g) => g.raw(args)).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(GitCommandError);
    expect(silent).toBeInstanceOf(GitOperationError);
    expect(silent).toMatchObject({ args, gitExitCode: 1, stderr: '' });
    // stdout is returned as git printed it (no trimming).
    const top = ['rev-parse', '--show-toplevel'];
    expect(await querySimpleGit(git, top, (g) => g.raw(top))).toBe(`${repo.dir}\n`);
    // A failing query of the package: git's exit code and its stderr, which stdout never mixes into.
    const failed = await pathsChangedBetween(git, 'HEAD', 'nope').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(GitCommandError);
    expect(failed).toMatchObject({ gitExitCode: 128 });
    expect((failed as GitCommandError).args.slice(0, 2)).toEqual(['diff', '--name-only']);
    expect((failed as GitCommandError).stderr).toMatch(/nope/);
  });

  it('report a git that cannot start as a GitCommandError', async () => {
    const repo = await newRepo();
    const git = { topLevel: repo.dir, env: { PATH: join(repo.root, 'no-bin') } };
    const error = await dirtyPaths(git).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as Error).message).toMatch(/^`git --no-optional-locks status .*` failed\nseen: .*ENOENT/);
  });

  it('turn git’s refusals into typed errors: unknown branch, blocked checkout', async () => {
    const repo = await newRepo();
    const git = await discoverRepo(repo.dir, repo.env);
    const unknown = await switchBranch(git, 'no-such-branch').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GitCommandError);
    expect(unknown).toMatchObject({ args: ['switch', '--no-guess', 'no-such-branch'] });
    expect((unknown as GitCommandError).stderr).toMatch(/no-such-branch/);
    await repo.git(['switch', '-q', '-c', 'topic']);
    await repo.commitFile('README.md', 'topic\n', 'topic edit');
    await repo.git(['switch', '-q', 'main']);
    repo.write('README.md', 'dirty\n');
    const blocked = await switchBranch(git, 'topic').catch((e: unknown) => e);
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
