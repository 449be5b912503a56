import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, git, logPath, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// Issue 5 "team-wide list": `roo session list --all` reads the worktree, every local and every remote-tracking
// branch from git objects (no checkout), one row per ID with every location and the newest copy.

const A = 'SESSION-Fix_login_rate-limit-2611260905';
const BRANCH = `session/${A}`;

type Row = {
  id: string;
  status: string;
  title: string;
  locations: string[];
  newest: string;
  diverged: boolean;
  copies?: { locations: string[]; status: string }[];
  error?: string;
};
const listAll = async (t: TempRepo): Promise<Row[]> =>
  JSON.parse(await rooOk(t, ['session', 'list', '--all', '--json'])).sessions;

async function repoWithOrigin(): Promise<TempRepo> {
  const t = await makeTempRepo();
  const origin = join(t.root, 'origin.git');
  await t.git(['init', '-q', '--bare', '-b', 'main', origin], { cwd: t.root });
  await t.git(['remote', 'add', 'origin', origin]);
  await t.git(['push', '-q', '-u', 'origin', 'main']);
  return t;
}

describe('roo session list --all', () => {
  it('one row per ID with every location; the newest copy decides the row', async () => {
    const t = await repoWithOrigin();
    await rooOk(t, ['session', 'start', 'Fix login rate-limit'], { now: at(5, 12) });
    await t.git(['push', '-q', 'origin', BRANCH]);

    // Identical everywhere: worktree, the local branch and its remote-tracking copy.
    let [row] = await listAll(t);
    expect(row).toMatchObject({
      id: A,
      status: '🟢 Active',
      locations: ['worktree', BRANCH, `origin/${BRANCH}`],
      newest: 'worktree',
      diverged: false,
    });
    expect(row!.copies).toBeUndefined();

    // Paused and committed locally, not pushed; seen from main (no worktree copy).
    await rooOk(t, ['session', 'pause'], { now: at(10) });
    await t.git(['switch', '-q', 'main']);
    [row] = await listAll(t);
    expect(row).toMatchObject({
      status: '⏸️ Paused',
      locations: [BRANCH, `origin/${BRANCH}`],
      newest: BRANCH,
      diverged: true,
      copies: [
        { locations: [BRANCH], status: '⏸️ Paused' },
        { locations: [`origin/${BRANCH}`], status: '🟢 Active' },
      ],
    });
    const text = await rooOk(t, ['session', 'list', '--all']);
    expect(text).toBe(`${A}  ⏸️ Paused  ${BRANCH}  Fix login rate-limit  [${BRANCH} +1 more, copies differ]`);

    // Ended and merged into main: the finished copy on main wins over the open one on origin, wherever it lives.
    await t.git(['switch', '-q', BRANCH]);
    await rooOk(t, ['session', 'continue', A], { now: at(12) });
    await rooOk(t, ['session', 'end'], { now: at(15) });
    await t.git(['switch', '-q', 'main']);
    await t.git(['merge', '-q', '--no-ff', '-m', 'merge the session', BRANCH]);
    await t.git(['branch', '-q', '-D', BRANCH]);
    [row] = await listAll(t);
    expect(row).toMatchObject({
      status: '🏁 Completed',
      locations: ['worktree', 'main', `origin/${BRANCH}`],
      newest: 'worktree',
    });
    expect(row!.copies!.map((c) => c.locations)).toEqual([['worktree', 'main'], [`origin/${BRANCH}`]]);

    // --status filters the merged rows.
    expect(
      JSON.parse(await rooOk(t, ['session', 'list', '--all', '--status', 'active', '--json'])).sessions,
    ).toEqual([]);
  });

  it('lists an unreadable copy on a branch with its error and goes on', async () => {
    const t = await repoWithOrigin();
    await rooOk(t, ['session', 'start', 'Fix login rate-limit'], { now: at(5, 12) });
    await t.git(['switch', '-q', '-c', 'broken', 'main']);
    t.write(
      '.ruru/sessions/SESSION-Bad-2611260900/session_log.md',
      '+++\nid = "SESSION-Bad-2611260900"\ntitle = \n+++\n',
    );
    t.write('.ruru/sessions/SESSION-NoLog-2611260901/notes.md', 'a folder without a log\n');
    await t.git(['add', '.ruru']);
    await t.git(['commit', '-q', '-m', 'bad sessions']);
    await t.git(['switch', '-q', 'main']);
    const r = await roo(t, ['session', 'list', '--all']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${A}  🟢 Active  ${BRANCH}  Fix login rate-limit  [${BRANCH}]\n`);
    expect(r.stdout).toMatch(
      /SESSION-Bad-2611260900 {2}unreadable {2}- {4}\[broken\]\n {4}broken:\.ruru\/sessions\/SESSION-Bad-2611260900\/session_log\.md:3: invalid TOML/,
    );
    expect(r.stdout).toContain(
      'SESSION-NoLog-2611260901  unreadable  -   \u0020[broken]\n    broken:.ruru/sessions/SESSION-NoLog-2611260901/session_log.md: no such file\n',
    );
  });

  it('reports a git failure while it reads thousands of worktree logs as a clean error (exit 4), not a crash', async () => {
    const t = await makeTempRepo();
    // Enough logs that the worktree loop yields to the event loop while git is already failing.
    for (let i = 0; i < 1200; i++) {
      const id = `SESSION-T${i}-2611260905`;
      t.write(`.ruru/sessions/${id}/session_log.md`, `+++\nid = "${id}"\ntitle = "t${i}"\n+++\n`);
    }
    // A branch whose tip does not exist: for-each-ref fails.
    writeFileSync(join(t.dir, '.git', 'refs', 'heads', 'broken'), `${'1234567890'.repeat(4)}\n`);
    const r = await roo(t, ['session', 'list', '--all']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^roo: `git for-each-ref .*` failed\nseen: fatal: missing object 1234567890/);
    expect(r.stderr).not.toMatch(/Unhandled|at async/);
    expect(r.stdout).toBe('');
  });

  it('keeps a content-keyed cache that never serves a stale row, and survives a corrupt one', async () => {
    const t = await repoWithOrigin();
    await rooOk(t, ['session', 'start', 'Fix login rate-limit'], { now: at(5, 12) });
    const file = join(t.dir, logPath(A));
    // Old enough to be cached (a file changed in the last two seconds is never trusted by its stat).
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(file, old, old);
    expect((await listAll(t))[0]!.title).toBe('Fix login rate-limit');
    const cache = join(t.dir, '.git', 'roo', 'cache', 'list-meta.json');
    expect(existsSync(cache)).toBe(true);
    expect(readFileSync(cache, 'utf8')).toContain(A);

    // Edited by hand (new size and mtime): read again.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('title = "Fix login rate-limit"', 'title = "Renamed by hand"'),
    );
    expect((await listAll(t))[0]!.title).toBe('Renamed by hand');
    expect(await rooOk(t, ['session', 'list'])).toContain('Renamed by hand');

    writeFileSync(cache, '{ not json');
    expect((await listAll(t))[0]!.title).toBe('Renamed by hand');
    // The cache is roo's, outside the working tree: git status stays as the edit left it.
    expect(await git(t, ['status', '--porcelain'])).toBe(` M ${logPath(A)}\n`);
  });
});
