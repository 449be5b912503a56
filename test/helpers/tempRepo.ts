import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';
import { onTestFinished } from 'vitest';
import { type RunResult, runInProcess } from './inProcess.js';

export type { RunResult } from './inProcess.js';

/** The root of this checkout: tests must never run git inside it. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI entry point (`npm test` builds before running). */
export const rooBin = join(projectRoot, 'packages', 'cli', 'bin', 'roo.js');

/**
 * A scratch environment: HOME and the global git config live in the temp folder, the system config is ignored,
 * so nothing a test does can read or touch the developer's own git setup.
 */
export function isolatedEnv(root: string, extra: Record<string, string> = {}): Record<string, string> {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const globalConfig = join(home, '.gitconfig');
  writeFileSync(
    globalConfig,
    '[user]\n\tname = Roo Test\n\temail = roo@example.test\n[commit]\n\tgpgSign = false\n' +
      '[gc]\n\tauto = 0\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n',
    { flag: 'wx' },
  );
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Inherited GIT_* variables (a test run from inside a hook, say) would point git at the wrong repo.
    if (v !== undefined && !k.startsWith('GIT_') && !k.startsWith('ROO_')) env[k] = v;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Roo Test',
    GIT_AUTHOR_EMAIL: 'roo@example.test',
    GIT_COMMITTER_NAME: 'Roo Test',
    GIT_COMMITTER_EMAIL: 'roo@example.test',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    TZ: 'UTC',
    ...extra,
  };
}

export type TempRepo = {
  /** The temp folder holding the repo and its isolated HOME. */
  root: string;
  /** The repository's working tree. */
  dir: string;
  env: Record<string, string>;
  /** Runs real git in `cwd` (default the repo); throws on a non-zero exit unless `reject: false`. */
  git(
    args: string[],
    opts?: { cwd?: string; input?: string; reject?: boolean; env?: Record<string, string> },
  ): Promise<RunResult>;
  /**
   * Runs `roo` in `cwd` (default the repo) in this process, through the entry the binary uses (inProcess.ts): the
   * same output and exit code as the binary, and coverage sees it. Never throws on exit codes.
   */
  roo(
    args: string[],
    opts?: { cwd?: string; input?: string; env?: Record<string, string> },
  ): Promise<RunResult>;
  /**
   * Runs the built `roo` binary as its own process, for tests whose subject is the process: crash points
   * (`ROO_TEST_CRASH`), concurrent writers, the bundled fast paths and bin file, commands run as an agent or a
   * hook runs them. Never throws on exit codes.
   */
  rooProcess(
    args: string[],
    opts?: { cwd?: string; input?: string; env?: Record<string, string> },
  ): Promise<RunResult>;
  write(rel: string, content: string): void;
  read(rel: string): string;
  /** Writes, stages and commits one file; returns the new HEAD sha. */
  commitFile(rel: string, content: string, message: string): Promise<string>;
  cleanup(): void;
};

/**
 * Makes a real repository in a fresh temp folder: `git init -b main`, a local identity, no signing, no auto gc,
 * and (unless `empty`) one initial commit. Refuses to work anywhere inside this checkout.
 */
export async function makeTempRepo(options: { empty?: boolean; bare?: boolean } = {}): Promise<TempRepo> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'roo-test-')));
  if (root === projectRoot || root.startsWith(projectRoot + sep)) {
    throw new Error(`refusing to make a test repo inside the project: ${root}`);
  }
  const dir = join(root, 'repo');
  mkdirSync(dir);
  const env = isolatedEnv(root);
  const run = async (
    file: string,
    args: string[],
    opts: { cwd?: string; input?: string; reject?: boolean; env?: Record<string, string> } = {},
  ): Promise<RunResult> => {
    const execOpts: Options = {
      cwd: opts.cwd ?? dir,
      env: { ...env, ...opts.env },
      extendEnv: false,
      reject: false,
      stripFinalNewline: false,
      ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
    };
    const r = await execa(file, args, execOpts);
    const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    if (opts.reject !== false && file === 'git' && result.exitCode !== 0) {
      throw new Error(`git ${args.join(' ')} failed (${result.exitCode}): ${result.stderr}`);
    }
    return result;
  };
  const repo: TempRepo = {
    root,
    dir,
    env,
    git: (args, opts) => run('git', args, opts),
    roo: (args, opts = {}) =>
      runInProcess(args, {
        cwd: opts.cwd ?? dir,
        env: { ...env, ...opts.env },
        ...(opts.input === undefined ? {} : { input: opts.input }),
        rooBin,
      }),
    rooProcess: (args, opts) => run(process.execPath, [rooBin, ...args], { ...opts, reject: false }),
    write(rel, content) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    async commitFile(rel, content, message) {
      repo.write(rel, content);
      await repo.git(['add', '--', rel]);
      await repo.git(['commit', '-q', '-m', message]);
      return (await repo.git(['rev-parse', 'HEAD'])).stdout.trim();
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  // Every repo is removed when the test that made it finishes, pass or fail: no test has to remember.
  onTestFinished(() => repo.cleanup());
  await repo.git(['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : []), dir]);
  if (!options.empty && !options.bare) {
    await repo.commitFile('README.md', '# scratch\n', 'initial commit');
  }
  return repo;
}
