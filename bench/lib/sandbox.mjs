// A scratch area for the benchmarks: one temp folder holding every repository, its own HOME and global git
// config, the system config ignored. Nothing here reads or writes the developer's own git setup, and the folder is
// removed at exit (also on Ctrl-C) unless `keep`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout: the benchmarks must never run git inside it. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI (`npm run bench` builds first). */
export const rooBin = join(projectRoot, 'packages', 'cli', 'bin', 'roo.js');

const MAX_BUFFER = 256 * 1024 * 1024;
// Linux's USER_HZ: /proc times are in 1/100 s.
const CLOCK_TICK_MS = 10;

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, whole process trees included (a
 * child's own children are added to it when it reaps them): git and every hook it ran. Linux only (undefined
 * elsewhere); 10 ms resolution, so it is reported only for runs long enough for that to be small.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime); index 0 here is field 3.
    return (Number(fields[13]) + Number(fields[14])) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * Creates the sandbox. `run`/`git`/`roo` throw on a non-zero exit with the command and its stderr; `time` runs a
 * command and returns its wall-clock milliseconds (spawn to exit, as a user or a script would see it).
 */
export function makeSandbox({ keep = false } = {}) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'roo-bench-')));
  if (root === projectRoot || root.startsWith(projectRoot + sep)) {
    throw new Error(`refusing to benchmark inside the project: ${root}`);
  }
  const home = join(root, 'home');
  mkdirSync(home);
  const globalConfig = join(home, '.gitconfig');
  writeFileSync(
    globalConfig,
    '[user]\n\tname = Roo Bench\n\temail = bench@example.test\n[commit]\n\tgpgSign = false\n' +
      '[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n[init]\n\tdefaultBranch = main\n' +
      '[advice]\n\tdetachedHead = false\n[core]\n\tautocrlf = false\n',
  );
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Inherited GIT_* (a bench started from a hook) would point git elsewhere; ROO_* would change roo.
    if (v !== undefined && !k.startsWith('GIT_') && !k.startsWith('ROO_')) env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Roo Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.test',
    GIT_COMMITTER_NAME: 'Roo Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.test',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    TZ: 'UTC',
  });

  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    if (keep) {
      console.error(`bench: kept ${root}`);
      return;
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  const spawnOpts = (cwd, extra = {}) => ({
    cwd,
    env: extra.env ? { ...env, ...extra.env } : env,
    input: extra.input,
    stdio: [extra.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: MAX_BUFFER,
  });

  /** Runs a command to completion; returns stdout as text. */
  const run = (file, args, cwd, extra = {}) => {
    const r = spawnSync(file, args, spawnOpts(cwd, extra));
    if (r.error) throw r.error;
    if (r.status !== 0 && !extra.allowFail) {
      throw new Error(
        `${file} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${String(r.stderr).slice(0, 4000)}`,
      );
    }
    return String(r.stdout);
  };

  /**
   * Runs a command and returns its wall-clock time in ms; a failure throws (a benchmark of an error is void). The
   * CPU time the command's process tree used is kept for `lastCpuMs()`.
   */
  let lastCpu;
  const time = (file, args, cwd, extra = {}) => {
    const opts = spawnOpts(cwd, extra);
    const cpu0 = childrenCpuMs();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, args, opts);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = childrenCpuMs();
    lastCpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(
        `${file} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${String(r.stderr).slice(0, 4000)}`,
      );
    }
    return ms;
  };

  return {
    root,
    env,
    cleanup,
    run,
    time,
    lastCpuMs: () => lastCpu,
    /** A fresh folder inside the sandbox. */
    dir(name) {
      const d = join(root, name);
      mkdirSync(d, { recursive: true });
      return d;
    },
    git: (cwd, args, extra) => run('git', args, cwd, extra).trim(),
    roo: (cwd, args, extra) => run(process.execPath, [rooBin, ...args], cwd, extra).trim(),
  };
}

/** `git init -b main` + one initial commit in `<sandbox>/<name>`; returns the worktree path. */
export function makeRepo(sb, name, { initialFiles = { 'README.md': '# bench\n' } } = {}) {
  const dir = sb.dir(name);
  sb.git(dir, ['init', '-q', '-b', 'main']);
  for (const [rel, text] of Object.entries(initialFiles)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  sb.git(dir, ['add', '-A']);
  sb.git(dir, ['commit', '-q', '-m', 'initial commit']);
  return dir;
}
