import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, commitAt, roo, rooOk, snapshot } from './helpers/session.js';
import { makeTempRepo, type RunResult, type TempRepo } from './helpers/tempRepo.js';

// The bare `roo session status` (and `--json`) is answered by a fast path (session/statusFast.ts) that skips
// clipanion and the commit code (the performance start-up budget). It must print byte for byte what the full command prints, and
// leave anything it is not sure of to the full command. Each case runs both ways: as agents run it, and with
// ROO_FAST_PATH=0 (the full command). GIT_TRACE records which git commands the first run started, which shows
// whether the fast path answered (one discovery that also resolves `--git-path hooks`, `git config`, `git log`)
// or fell back (the full command's own discovery follows).

const ID = 'SESSION-Fix_login-2611260905';
const BRANCH = `session/${ID}`;

type BothWays = { fast: RunResult; full: RunResult; git: string[] };

/** `roo <args>` as usual and with the fast paths off: the same stdout, stderr and exit code; git's commands. */
let traces = 0;

async function bothWays(
  t: TempRepo,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; now?: string } = {},
): Promise<BothWays> {
  const trace = join(t.root, `trace-${++traces}.txt`);
  const fast = await roo(t, args, { ...opts, env: { ...opts.env, GIT_TRACE: trace } });
  const full = await roo(t, args, { ...opts, env: { ...opts.env, ROO_FAST_PATH: '0' } });
  expect(fast.stdout).toBe(full.stdout);
  expect(fast.stderr).toBe(full.stderr);
  expect(fast.exitCode).toBe(full.exitCode);
  let lines: string[];
  try {
    lines = readFileSync(trace, 'utf8').split('\n');
  } catch {
    lines = [];
  }
  const commands = lines.flatMap((line) => {
    const m = /trace: built-in: git (.*)$/.exec(line);
    return m ? [m[1]!] : [];
  });
  return { fast, full, git: commands };
}

/** The fast path answered: its three git processes and nothing else. */
function expectFastPath(r: BothWays): void {
  expect(r.git.map((c) => c.split(' ')[0]).sort()).toEqual(['config', 'log', 'rev-parse']);
  expect(r.git.find((c) => c.startsWith('rev-parse'))).toContain('--git-path hooks');
}

/** The fast path gave up: the full command ran after it (a second discovery, without `--git-path`). */
function expectFellBack(r: BothWays): void {
  const discoveries = r.git.filter((c) => c.startsWith('rev-parse --is-bare-repository'));
  expect(discoveries.at(-1)).not.toContain('--git-path');
}

/** A repository with roo's hooks and the Active session ID on BRANCH, started at 09:05:12. */
async function started(): Promise<TempRepo> {
  const t = await makeTempRepo();
  await rooOk(t, ['init']);
  expect(await rooOk(t, ['session', 'start', 'Fix login'])).toBe(ID);
  return t;
}

describe('roo session status: the fast path prints what the full command prints', () => {
  it('an Active session with commits from the hooks not yet in the file, as text and as JSON', async () => {
    const t = await started();
    const c1 = await commitAt(t, 'src/a.ts', 'export const a = 1;\n', 'add a', at(6));
    const c2 = await commitAt(t, 'src/b.ts', 'export const b = 2;\n', 'add b', at(7));
    expect(c1).not.toBe(c2);

    const before = await snapshot(t);
    const text = await bothWays(t, ['session', 'status'], { now: at(9, 30) });
    expect(await snapshot(t)).toBe(before);
    expectFastPath(text);
    expect(text.fast.exitCode).toBe(0);
    expect(text.fast.stderr).toBe('');
    expect(text.fast.stdout).toBe(
      [
        `${ID}  🟢 Active`,
        '  title:     Fix login',
        `  branch:    ${BRANCH}`,
        '  started:   2026-11-26T09:05:12+00:00',
        '  ended:     -',
        '  duration:  4m',
        '  entries:   3   commits: 2   artifacts: 0   tasks: 0',
        '  pending:   2 entries not committed yet (the next `roo session checkpoint` commits them)',
        '  hooks:     installed and healthy',
        '',
      ].join('\n'),
    );

    const json = await bothWays(t, ['session', 'status', '--json'], { now: at(9, 30) });
    expectFastPath(json);
    expect(json.fast.exitCode).toBe(0);
    expect(JSON.parse(json.fast.stdout)).toEqual({
      schema: 'roo-session/status@1',
      id: ID,
      title: 'Fix login',
      status: '🟢 Active',
      branch: BRANCH,
      where: 'worktree',
      folder: join(t.dir, '.ruru', 'sessions', ID),
      logPath: join(t.dir, '.ruru', 'sessions', ID, 'session_log.md'),
      startTime: '2026-11-26T09:05:12+00:00',
      endTime: '',
      durationSeconds: 258,
      counts: { entries: 3, commits: 2, artifacts: 0, tasks: 0 },
      pendingEntries: 2,
      hooks: { installed: true, hookErrors: 0, summary: 'installed and healthy' },
    });
  });

  it('nothing pending, right after start and again after a checkpoint', async () => {
    const t = await started();
    const fresh = await bothWays(t, ['session', 'status'], { now: at(6) });
    expectFastPath(fresh);
    expect(fresh.fast.exitCode).toBe(0);
    expect(fresh.fast.stdout).toContain('\n  entries:   1   commits: 0   artifacts: 0   tasks: 0\n');
    expect(fresh.fast.stdout).toContain('\n  pending:   none\n');
    expect(fresh.fast.stdout).toContain('\n  duration:  48s\n');

    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(7));
    await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
    const synced = await bothWays(t, ['session', 'status'], { now: at(9) });
    expectFastPath(synced);
    expect(synced.fast.stdout).toContain('\n  entries:   2   commits: 1   artifacts: 0   tasks: 0\n');
    expect(synced.fast.stdout).toContain('\n  pending:   none\n');
  });

  it('hooks not installed: commits come from the branch history, and the summary says so', async () => {
    const t = await started();
    await rooOk(t, ['hooks', 'uninstall']);
    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(6));
    const r = await bothWays(t, ['session', 'status'], { now: at(7) });
    expectFastPath(r);
    expect(r.fast.exitCode).toBe(0);
    expect(r.fast.stdout).toContain('\n  pending:   1 entries not committed yet');
    expect(r.fast.stdout).toContain(
      '\n  hooks:     not installed: commits are added "(from history)" at the next commit point; run `roo hooks install`\n',
    );
  });

  it('hooks installed, but with an outdated capture script, and with errors logged by the hooks', async () => {
    const t = await started();
    const rooDir = join(t.dir, '.git', 'roo');
    appendFileSync(join(rooDir, 'capture.sh'), '# changed by hand\n');
    const outdated = await bothWays(t, ['session', 'status']);
    expectFastPath(outdated);
    expect(outdated.fast.stdout).toContain('\n  hooks:     installed with problems; run `roo doctor`\n');

    writeFileSync(join(rooDir, 'hook-errors.log'), 'post-commit: journal not writable\nsecond line\n');
    const errors = await bothWays(t, ['session', 'status', '--json']);
    expectFastPath(errors);
    expect(JSON.parse(errors.fast.stdout).hooks).toEqual({
      installed: true,
      hookErrors: 2,
      summary: `installed, 2 error line(s) in ${join(rooDir, 'hook-errors.log')}; run \`roo doctor\``,
    });
  });

  it('a repository-local core.hooksPath (husky 9 layout) is read as the full command reads it', async () => {
    const t = await makeTempRepo();
    mkdirSync(join(t.dir, '.husky', '_'), { recursive: true });
    await t.git(['config', 'core.hooksPath', '.husky/_']);
    await rooOk(t, ['init']);
    expect(await rooOk(t, ['session', 'start', 'Fix login'])).toBe(ID);
    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(6));
    const r = await bothWays(t, ['session', 'status'], { now: at(7) });
    expectFastPath(r);
    expect(r.fast.exitCode).toBe(0);
    expect(r.fast.stdout).toMatch(/\n {2}hooks: {5}installed/);
  });

  it('from a subfolder and from a linked worktree (where discovery cannot be guessed)', async () => {
    const t = await started();
    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(6));
    const sub = join(t.dir, 'src');
    const fromSub = await bothWays(t, ['session', 'status'], { cwd: sub, now: at(7) });
    expectFastPath(fromSub);
    expect(fromSub.fast.stdout).toContain('\n  pending:   1 entries not committed yet');

    const linked = join(t.root, 'linked');
    await t.git(['worktree', 'add', '-q', '-b', 'feature', linked, 'main']);
    await rooOk(t, ['session', 'start', 'Other work'], { cwd: linked, now: at(8) });
    await commitAt(t, 'b.txt', 'b\n', 'add b', at(9), linked);
    const fromLinked = await bothWays(t, ['session', 'status'], { cwd: linked, now: at(10) });
    expectFastPath(fromLinked);
    expect(fromLinked.fast.exitCode).toBe(0);
    expect(fromLinked.fast.stdout).toMatch(/^SESSION-Other_work-2611260908 {2}🟢 Active\n/);
    expect(fromLinked.fast.stdout).toContain('\n  pending:   1 entries not committed yet');
  });

  it('ROO_SESSION_ID set: left to the full command, which reads the named session', async () => {
    const t = await started();
    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(6));
    const bare = await bothWays(t, ['session', 'status'], { now: at(7) });
    expectFastPath(bare);
    const named = await bothWays(t, ['session', 'status'], {
      now: at(7),
      env: { ROO_SESSION_ID: 'Fix_login' },
    });
    // Not even tried: no discovery that resolves the hooks path.
    expect(
      named.git.some((c) => c.startsWith('rev-parse --is-bare-repository') && c.includes('--git-path')),
    ).toBe(false);
    expect(named.fast.exitCode).toBe(0);
    expect(named.fast.stdout).toBe(bare.fast.stdout);
  });

  it('a paused session, an ended one and a detached HEAD fall back, with the full command’s message', async () => {
    const t = await started();
    await rooOk(t, ['session', 'pause'], { now: at(6) });
    const paused = await bothWays(t, ['session', 'status']);
    expectFellBack(paused);
    // On its branch, status shows the branch's latest session whatever its status.
    expect(paused.fast.exitCode).toBe(0);
    expect(paused.fast.stdout).toMatch(new RegExp(`^${ID}  ⏸️ Paused\n`));
    expect(paused.fast.stderr).toBe('');

    await rooOk(t, ['session', 'continue', ID], { now: at(7) });
    expectFastPath(await bothWays(t, ['session', 'status'], { now: at(8) }));
    await rooOk(t, ['session', 'end'], { now: at(9) });
    const ended = await bothWays(t, ['session', 'status']);
    expectFellBack(ended);
    expect(ended.fast.exitCode).toBe(0);
    expect(ended.fast.stdout).toMatch(new RegExp(`^${ID}  🏁 Completed\n`));

    const t2 = await started();
    await t2.git(['switch', '-q', '--detach', 'HEAD']);
    const detached = await bothWays(t2, ['session', 'status']);
    expectFellBack(detached);
    expect(detached.fast.exitCode).toBe(3);
    expect(detached.fast.stdout).toBe('');
    expect(detached.fast.stderr).toBe(
      'roo: no active session: HEAD is detached, and a session is mapped to a branch\n' +
        'run `git switch <branch>`, or `roo session continue <id>`\n',
    );
  });

  it('a config with warnings, a global core.hooksPath and no repository fall back too', async () => {
    const t = await started();
    await commitAt(t, 'src/a.ts', 'a\n', 'add a', at(6));
    const configFile = join(t.dir, '.ruru', 'config.toml');
    const config = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, `${config}\nnoSuchKey = 1\n`);
    const warned = await bothWays(t, ['session', 'status'], { now: at(7) });
    expectFellBack(warned);
    expect(warned.fast.exitCode).toBe(0);
    expect(warned.fast.stderr).toMatch(/^roo: warning: .*noSuchKey/);
    expect(warned.fast.stdout).toMatch(new RegExp(`^${ID} {2}🟢 Active\\n`));
    writeFileSync(configFile, config);

    // A core.hooksPath from outside the repository (here, a `git -c` of a parent git): the hooks cannot run.
    const global = await bothWays(t, ['session', 'status'], {
      now: at(7),
      env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.hooksPath', GIT_CONFIG_VALUE_0: '/nowhere' },
    });
    expectFellBack(global);
    expect(global.fast.exitCode).toBe(0);
    expect(global.fast.stdout).toContain('\n  hooks:     installed with problems; run `roo doctor`\n');

    // A global core.hooksPath that names git's default folder (a common way to undo a global hooks path): git's
    // hooks path is the default one, yet the setting is foreign, as the full command says.
    const gitconfig = t.env.GIT_CONFIG_GLOBAL!;
    const globalText = readFileSync(gitconfig, 'utf8');
    writeFileSync(gitconfig, `${globalText}[core]\n\thooksPath = .git/hooks\n`);
    const undone = await bothWays(t, ['session', 'status'], { now: at(7) });
    expectFellBack(undone);
    expect(undone.fast.exitCode).toBe(0);
    writeFileSync(gitconfig, globalText);

    const outside = await bothWays(t, ['session', 'status'], { cwd: t.root });
    expect(outside.fast.exitCode).toBe(3);
    expect(outside.fast.stdout).toBe('');
    expect(outside.fast.stderr).toMatch(/^roo: not a git repository: /);
  });
});
