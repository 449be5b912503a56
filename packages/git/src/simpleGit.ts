import type { SimpleGit, SimpleGitOptions } from 'simple-git';
import type { RepoContext } from './repoContext.js';
import { GitCommandError, type RunResult } from './runGit.js';

/**
 * simple-git (≥ 3.36) refuses to spawn git when the environment it is given holds a variable git would use to run
 * another program or to read other configuration (`EDITOR`, `PAGER`, `GIT_SSH_COMMAND`, `GIT_ASKPASS`,
 * `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_COUNT` and the keys it sets…), or when its arguments set such a key, unless the
 * matching `unsafe` flag is on. Only the presence of a variable counts, so without these flags anyone who exports
 * `EDITOR` or `PAGER` could not run `roo session continue` at all. That guard exists for applications that pass an
 * untrusted environment or untrusted arguments to git. roo passes neither: the environment is the user's own, the
 * same one `runGit` gives every other git process (location variables removed by `cleanGitEnv`), and roo
 * writes every argument itself: fixed flags, and names that are checked (branchSwitch.ts's `rejectOptionLike`) or placed after
 * `--` or `--end-of-options`. The custom-binary check stays on; the binary is plain `git`.
 *
 * `satisfies` lists every category: a simple-git release that adds one fails type-checking here, so the new
 * category is reviewed rather than silently blocking users.
 */
const TRUSTED_CALLER = {
  allowUnsafeAlias: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeEditor: true,
  allowUnsafeMergeDriver: true,
  allowUnsafePager: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafePack: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeHooksPath: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeFilter: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeTemplateDir: true,
} satisfies Required<Omit<NonNullable<SimpleGitOptions['unsafe']>, 'allowUnsafeCustomBinary'>>;

/** How each failed git process ended, keyed by the error simple-git rejects with. */
const exits = new WeakMap<Error, RunResult>();

/** One simple-git instance per RepoContext, made on first use. */
const instances = new WeakMap<object, Promise<SimpleGit>>();

/**
 * The simple-git instance of `repo`'s worktree: `baseDir` = the top folder, exactly `repo.env`, no shell (simple-git
 * calls `child_process.spawn` with an argument array). It imports simple-git on first use, so await it only on
 * paths that may pay for the import (see runGit.ts).
 */
export function simpleGitOf(repo: Pick<RepoContext, 'topLevel' | 'env'>): Promise<SimpleGit> {
  let git = instances.get(repo);
  if (git === undefined) {
    git = createSimpleGit(repo.topLevel, repo.env);
    instances.set(repo, git);
  }
  return git;
}

async function createSimpleGit(baseDir: string, env: Readonly<Record<string, string>>): Promise<SimpleGit> {
  const { simpleGit, GitError } = await import('simple-git');
  return simpleGit({
    baseDir,
    binary: 'git',
    maxConcurrentProcesses: 4,
    trimmed: false,
    // Wait for `close` (stdout and stderr drained), as runGit does. simple-git's default also settles 50 ms after
    // `exit`, which can cut off output still in the pipe.
    completion: { onClose: true, onExit: false },
    unsafe: TRUSTED_CALLER,
    // simple-git's own check fails a task only when git exited non-zero *and* wrote to stderr, and its message
    // mixes stdout into stderr. Any non-zero exit fails here, and the exit code, stdout and stderr stay separate.
    // The error must be simple-git's GitError, or simple-git replaces it with one that keeps only the message.
    errors(error, result) {
      if (result.exitCode === 0) return error;
      const stderr = Buffer.concat(result.stdErr).toString('utf8');
      const failure = new GitError(undefined, stderr.trim() || `exit code ${result.exitCode}`);
      exits.set(failure, {
        exitCode: result.exitCode,
        stdout: Buffer.concat(result.stdOut).toString('utf8'),
        stderr,
      });
      return failure;
    },
  }).env({ ...env });
}

/**
 * Calls simple-git for the query `args` describes (`call` runs exactly that command). A non-zero exit, failing
 * to load simple-git or to start git, or simple-git refusing the command, throws {@link GitCommandError} with
 * the arguments and git's stderr, as every other git call of this package does.
 */
export async function querySimpleGit<T>(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  args: readonly string[],
  call: (git: SimpleGit) => Promise<T>,
): Promise<T> {
  try {
    return await call(await simpleGitOf(repo));
  } catch (error) {
    throw toGitCommandError(args, error);
  }
}

/** The {@link GitCommandError} for a simple-git call of `args` that rejected with `error`. */
function toGitCommandError(args: readonly string[], error: unknown): GitCommandError {
  const exit = error instanceof Error ? exits.get(error) : undefined;
  if (exit === undefined) {
    return new GitCommandError(args, -1, error instanceof Error ? error.message : String(error), error);
  }
  // A negative code means git never ran (`spawn git ENOENT`); stderr then holds Node's stack trace.
  if (exit.exitCode < 0) return new GitCommandError(args, exit.exitCode, firstLine(exit.stderr), error);
  // Same shape as runGit's errors: the default cause records command, args, exit code and stderr.
  return new GitCommandError(args, exit.exitCode, exit.stderr);
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0] ?? '';
}
