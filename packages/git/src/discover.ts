/*
 * Discovery, which makes the RepoContext every other function takes, and the reads of a git directory that need no
 * git process (HEAD's branch, the interrupted-commit marker). The CLI's fast paths (`roo session current`,
 * `status`) need only these: this module imports nothing but the process runner, which keeps the commit and
 * simple-git modules out of the code they load (docs/performance.md's start-up budget).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BareRepositoryError, NotARepositoryError } from '@roo-session/core/errors';
import type { RepoContext } from './repoContext.js';
import { cleanGitEnv, GitCommandError, type RunResult, runGit } from './runGit.js';

/** What {@link discoverRepoAndGitPaths} finds: the repository and the git paths asked for. */
export type DiscoveredRepo = {
  repo: RepoContext;
  /** Absolute `git rev-parse --git-path <name>` of each name asked for, by name. */
  gitPaths: Readonly<Record<string, string>>;
};

/**
 * Finds the repository containing `cwd` (any subfolder, any linked worktree) with one `git rev-parse`. Throws
 * NotARepositoryError (exit 3) outside a repository or inside a `.git` folder, BareRepositoryError in a bare
 * repository.
 */
export async function discoverRepo(cwd: string, env: NodeJS.ProcessEnv): Promise<RepoContext> {
  return (await discoverRepoAndGitPaths(cwd, [], env)).repo;
}

/**
 * {@link discoverRepo}, and in the same git process each of `names` (`hooks`, …) resolved as
 * `git rev-parse --git-path` resolves it (following `core.hooksPath`, a linked worktree's common dir).
 */
export async function discoverRepoAndGitPaths(
  cwd: string,
  names: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<DiscoveredRepo> {
  const cleanEnv = cleanGitEnv(env);
  const args = [
    'rev-parse',
    '--is-bare-repository',
    '--absolute-git-dir',
    // --path-format=absolute applies to the options after it: --git-common-dir is relative by default.
    '--path-format=absolute',
    '--git-common-dir',
    // A relative core.hooksPath resolves against the worktree top, wherever in the worktree git runs.
    ...names.flatMap((name) => ['--git-path', name]),
    // Last, because it fails in a bare repository and inside .git: git has printed the lines before it.
    '--show-toplevel',
  ];
  let result: RunResult;
  try {
    result = await runGit(args, { cwd, env: cleanEnv, allowFail: true });
  } catch (error) {
    throw new NotARepositoryError({
      what: `cannot run git in ${cwd}`,
      seen: error instanceof GitCommandError ? error.stderr : String(error),
      next: 'git --version',
      hint: 'to check that git is installed, and that the folder exists',
      cause: error,
    });
  }
  const lines = result.stdout.split('\n');
  const [isBare, gitDir, commonDir] = lines;
  const topLevel = lines[3 + names.length];
  if (isBare === 'true') {
    throw new BareRepositoryError({
      what: `${cwd} is a bare repository (git directory ${gitDir ?? cwd}); roo needs a working tree`,
      next: 'git worktree add <folder>',
      hint: 'and run roo there, or in a clone (`git clone <bare> <folder>`)',
    });
  }
  if (result.exitCode !== 0 || !gitDir || !commonDir || !topLevel) {
    if (isBare === 'false' && gitDir) {
      throw new NotARepositoryError({
        what: `${cwd} is inside the git directory ${gitDir}, not in a working tree`,
        hint: 'cd into the working tree and run the command again',
      });
    }
    throw new NotARepositoryError({
      what: `not a git repository: ${cwd}`,
      seen: result.stderr.trim() || 'git rev-parse failed',
      next: 'git init',
      hint: 'or cd into a repository',
    });
  }
  const gitPaths: Record<string, string> = {};
  names.forEach((name, i) => {
    gitPaths[name] = lines[3 + i] ?? '';
  });
  return { repo: Object.freeze({ topLevel, gitDir, commonDir, env: cleanEnv }), gitPaths };
}

/**
 * What {@link discoverRepo} finds when `cwd` is the top folder of a main worktree (`<cwd>/.git` is a folder
 * that is not a linked worktree's), read without starting git: a guess that lets work start while discovery runs.
 * Use what was done with it only once discovery has returned the same `topLevel`, `gitDir` and `commonDir` (see
 * {@link isSameRepo}), for the same `env`: git's own rules (core.worktree, safe.directory, …) decide, not this.
 */
export function guessRepo(cwd: string, env: NodeJS.ProcessEnv): RepoContext | undefined {
  const gitDir = join(cwd, '.git');
  try {
    if (!statSync(gitDir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  // A `commondir` file makes it a linked worktree's git directory, whose common directory is elsewhere.
  if (existsSync(join(gitDir, 'commondir'))) return undefined;
  return Object.freeze({ topLevel: cwd, gitDir, commonDir: gitDir, env: cleanGitEnv(env) });
}

/** Whether `a` and `b` name the same worktree, git directory and common directory. */
export function isSameRepo(a: RepoContext, b: RepoContext): boolean {
  return a.topLevel === b.topLevel && a.gitDir === b.gitDir && a.commonDir === b.commonDir;
}

/**
 * The branch `<gitDir>/HEAD` names, read as a plain file (`ref: refs/heads/<name>`, the files ref backend) without
 * starting git. Undefined when the file says anything else (detached SHA, reftable stub) or cannot be read: only
 * git can answer then (refs.ts's `currentBranch` asks it).
 */
export function readHeadBranch(gitDir: string): string | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(join(gitDir, 'HEAD'), 'utf8');
  } catch {
    text = undefined;
  }
  const m = text === undefined ? null : /^ref: refs\/heads\/(.+)\n?$/.exec(text);
  return m?.[1] && m[1] !== '.invalid' ? m[1] : undefined;
}

/**
 * Whether an atomic commit of roo's was interrupted in this worktree (its marker, see atomicCommit.ts's
 * `repairInterruptedCommit`): the fast paths then leave the run to the full command, which repairs it first.
 */
export function hasInterruptedCommit(gitDir: string): boolean {
  return existsSync(interruptedCommitMarker(gitDir));
}

/**
 * The marker an atomic commit writes before it moves the branch and removes once the index matches the commit
 * (atomicCommit.ts): per worktree, since the index it repairs is.
 */
export function interruptedCommitMarker(gitDir: string): string {
  return join(gitDir, 'roo-index-repair');
}
