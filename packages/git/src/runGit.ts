/*
 * How roo runs git. There are three runners, and which one a function uses depends on what it may cost to load:
 *
 * - This file: a small `node:child_process` wrapper (runGit, streamGit, and runGitIn for a RepoContext). It runs
 *   everything `roo session current` can reach (discovery, `readHead`, `currentBranch`), the atomic session-folder
 *   commit (a GIT_INDEX_FILE per call, stdin for commit-tree), session history (a `git log` stream cut off once
 *   the start commit is seen, on every `roo session log`), the branch switches (git's own exit code matters
 *   there) and hook install.
 * - simple-git (simpleGit.ts, imported on first use): the queries only heavier commands make: worktrees, status,
 *   the diff of two commits and the stash (worktree.ts, `roo session start/continue`).
 * - execa (catFileBatch.ts, imported when a batch starts): the long-lived, binary `git cat-file --batch` that
 *   simple-git cannot drive (stdin written as requests arrive, stdout parsed by byte counts).
 *
 * Why not one library for everything: `roo session current` runs before every agent step and must start within
 * 1.5x a bare `node -e ''`. Measured from packages/git (Node 20.20, 2 cores, median of 15 interleaved runs of
 * `node --input-type=module -e "await import('…')"` against `node -e ''`, several rounds): bare 77-105 ms;
 * simple-git +35-65 ms (about +40 ms in the quieter rounds), execa +110-160 ms (about +115 ms). The budget
 * leaves about 45 ms over bare for everything roo does, so neither may load on that path. Both are imported
 * inside functions only, never at the top of a module (simpleGit.test.ts checks this). The CLI bundle puts
 * simple-git in a chunk that only the commands importing it read, and execa in a file of its own, loaded only when
 * a batch starts (one bundled file loads in ~25 ms, its ~100 modules in ~95 ms).
 *
 * None of these runners leaves the package (index.ts): the layers above call the named functions of refs.ts,
 * history.ts, worktree.ts, … so that "only packages/git runs git" holds by construction.
 */
import { spawn } from 'node:child_process';
import { GitOperationError } from '@roo-session/core/errors';
import type { RepoContext } from './repoContext.js';

/**
 * Variables that point git at a particular repository, index or object store (the list of
 * `git rev-parse --local-env-vars`, plus the pathspec-mode switches). roo always runs against explicit paths, so a
 * value inherited from a parent git (roo started from a hook, an IDE terminal inside `git rebase -x`) would aim
 * our commands at the wrong repository or, worse, the wrong index. `GIT_CONFIG_PARAMETERS`/`GIT_CONFIG_COUNT`
 * (the user's `git -c` settings) are configuration, not location, and are kept.
 */
const LOCATION_VARS = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_CONFIG',
  'GIT_QUARANTINE_PATH',
  // Set by git for the commands a rebase or a hook runs; it would relabel our own reflog entries.
  'GIT_REFLOG_ACTION',
  // Pathspec modes change what `git add -- <folder>` matches; roo decides per call.
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
]);

/** A copy of `env` without the inherited variables that would redirect git to another repository or index. */
export function cleanGitEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !LOCATION_VARS.has(key)) out[key] = value;
  }
  return out;
}

/** Options of {@link runGit}. */
export type RunOptions = {
  /** Working directory (required: roo never relies on the process's cwd). */
  cwd: string;
  /** The full environment of the child (already cleaned with {@link cleanGitEnv}). */
  env: Readonly<Record<string, string>>;
  /** Bytes written to git's stdin; without them stdin is /dev/null, so git never waits on a terminal. */
  input?: string | Uint8Array;
  /** Resolve with the result on a non-zero exit instead of throwing {@link GitCommandError}. */
  allowFail?: boolean;
  /** How stdout is decoded: `latin1` keeps every byte as one character (binary output, raw tree objects). */
  stdoutEncoding?: 'utf8' | 'latin1';
};

/** What one git process printed and how it exited. */
export type RunResult = { exitCode: number; stdout: string; stderr: string };

/**
 * A git command exited non-zero (or could not start). Carries the arguments and git's stderr so the CLI can show
 * them; exit code 4 (docs/commands.md).
 */
export class GitCommandError extends GitOperationError {
  override readonly code: string = 'git_command_failed';
  constructor(
    readonly args: readonly string[],
    readonly gitExitCode: number,
    readonly stderr: string,
    cause?: unknown,
    /** What to do about it, when the caller knows (the last line of the message). */
    advice?: { next?: string; hint?: string },
  ) {
    super({
      what: `\`git ${args.join(' ')}\` failed`,
      seen: stderr.trim() || `exit code ${gitExitCode}`,
      next: advice?.next,
      hint: advice?.hint,
      cause: cause ?? { command: 'git', args, exitCode: gitExitCode, stderr },
    });
  }
}

/**
 * Runs one git process: no shell (arguments go to git verbatim, so no input is ever interpreted by a shell),
 * stdin fed from `input` or /dev/null, stdout and stderr collected as UTF-8. See the top of this file for why it
 * is not execa or simple-git.
 */
export function runGit(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [stdinFor(options), 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    // git may exit before reading all of stdin (e.g. a failing command): that EPIPE is not our error.
    child.stdin?.on('error', () => {});
    child.on('error', (error) => reject(new GitCommandError(args, -1, String(error), error)));
    child.on('close', (code, signal) => {
      const result: RunResult = {
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString(options.stdoutEncoding ?? 'utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (result.exitCode !== 0 && !options.allowFail) {
        reject(new GitCommandError(args, result.exitCode, result.stderr));
      } else {
        resolve(result);
      }
    });
    child.stdin?.end(options.input);
  });
}

/** Options of {@link runGitIn}. */
export type RunInOptions = {
  /** Written to git's stdin (never through a shell). */
  input?: string | Uint8Array;
  /** Variables added to the repository's environment for this call only. */
  env?: Readonly<Record<string, string>>;
  /** Return the result of a non-zero exit instead of throwing. */
  allowFail?: boolean;
  /** `latin1`: stdout as one character per byte (binary output). Default UTF-8. */
  stdoutEncoding?: 'utf8' | 'latin1';
};

/**
 * {@link runGit} in `repo`'s worktree with its environment (plus `options.env`). For this package's own
 * functions only: index.ts does not export it.
 */
export function runGitIn(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  args: readonly string[],
  options: RunInOptions = {},
): Promise<RunResult> {
  return runGit(args, {
    cwd: repo.topLevel,
    env: options.env ? { ...repo.env, ...options.env } : repo.env,
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.allowFail ? { allowFail: true } : {}),
    ...(options.stdoutEncoding === undefined ? {} : { stdoutEncoding: options.stdoutEncoding }),
  });
}

/**
 * git's stdin: a pipe only for `input`. Otherwise /dev/null, where git sees the end of input at once as it would
 * on an empty pipe, and one pipe fewer to set up is worth it on the fast paths' start-up budget (docs/performance.md).
 */
function stdinFor(options: RunOptions): 'pipe' | 'ignore' {
  return options.input === undefined ? 'ignore' : 'pipe';
}

/**
 * Streams git's stdout split on `separator`, calling `onRecord` for each complete record. Returning `false` from
 * `onRecord` stops reading and kills git (used to walk history only as far as needed). Resolves with the exit code
 * and stderr; rejects with {@link GitCommandError} on failure unless `allowFail`, or if git was stopped early.
 */
export function streamGit(
  args: readonly string[],
  options: RunOptions & { separator: number },
  onRecord: (record: string) => boolean | undefined,
): Promise<{ exitCode: number; stderr: string; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [stdinFor(options), 'pipe', 'pipe'],
      windowsHide: true,
    });
    let pending: Buffer = Buffer.alloc(0);
    let stopped = false;
    const err: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin?.on('error', () => {});
    child.on('error', (error) => reject(new GitCommandError(args, -1, String(error), error)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (stopped) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      for (let end = pending.indexOf(options.separator, start); end !== -1; ) {
        const record = pending.subarray(start, end).toString('utf8');
        start = end + 1;
        if (onRecord(record) === false) {
          stopped = true;
          child.stdout!.destroy();
          child.kill();
          return;
        }
        end = pending.indexOf(options.separator, start);
      }
      pending = pending.subarray(start);
    });
    child.on('close', (code, signal) => {
      if (!stopped && pending.length > 0) onRecord(pending.toString('utf8'));
      const exitCode = code ?? (signal ? 128 : -1);
      const stderr = Buffer.concat(err).toString('utf8');
      if (!stopped && exitCode !== 0 && !options.allowFail) {
        reject(new GitCommandError(args, exitCode, stderr));
      } else {
        resolve({ exitCode: stopped ? 0 : exitCode, stderr, stopped });
      }
    });
    child.stdin?.end(options.input);
  });
}
