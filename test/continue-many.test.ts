import { describe, expect, it } from 'vitest';
import { fastSession, importSessionCommits } from './helpers/manySessions.js';
import {
  at,
  expectRefused,
  frontmatter,
  git,
  logPath,
  roo,
  rooOk,
  STATUS_BYTES,
  statusBytes,
} from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// docs/commands.md among many sessions: `continue` and the "it lives on another branch" hint find a session by its folder
// name on every branch, and read only the logs of the sessions the query names (see RefSessions).

const MAIN_SESSIONS = 300;
const STATUSES = ['🏁 Completed', '⏸️ Paused', '🔴 Error', '🟢 Active'];
const TEAM = [0, 1, 2, 4, 5, 6, 7, 8, 9].map((k) =>
  fastSession(1000 + k, { goal: `Team task ${k} of the port`, status: '⏸️ Paused' }),
);
const COBALT = fastSession(1003, { goal: 'Rare cobalt migration', status: '⏸️ Paused' });
const BROKEN_ID = 'SESSION-Broken_log-2611011200';

/**
 * main holds 300 sessions in one commit; ten session branches each add one session (pushed: origin/… too), one
 * of them COBALT, Paused; a branch `broken` adds a log that is not TOML. We are on main.
 */
async function manySessions(): Promise<TempRepo> {
  const t = await makeTempRepo();
  const base = (await t.git(['rev-parse', 'HEAD'])).stdout.trim();
  const sessions = Array.from({ length: MAIN_SESSIONS }, (_, n) =>
    fastSession(n, { status: STATUSES[n % STATUSES.length]! }),
  );
  const [main] = await importSessionCommits(t, [
    { ref: 'refs/heads/main', from: base, message: 'sessions\n', sessions, time: 1_790_000_000 },
  ]);
  const branches = [...TEAM, COBALT].map((s, i) => ({
    ref: `refs/heads/${s.branch}`,
    from: main,
    message: `session(${s.id}): start\n`,
    sessions: [s],
    time: 1_790_000_100 + i,
  }));
  const tips = await importSessionCommits(t, [
    ...branches,
    {
      ref: 'refs/heads/broken',
      from: main,
      message: 'a broken log\n',
      sessions: [],
      files: { [logPath(BROKEN_ID)]: '+++\nid = "unterminated\n+++\n' },
      time: 1_790_000_200,
    },
  ]);
  for (const [i, b] of branches.entries()) {
    await t.git(['update-ref', b.ref.replace('refs/heads/', 'refs/remotes/origin/'), tips[i]!]);
  }
  // fast-import moved main under the worktree: check its new commit out.
  await t.git(['reset', '-q', '--hard', 'main']);
  return t;
}

describe('continue among many sessions', () => {
  it('switches to a session that exists only on its branch, found among 300 by its full ID', async () => {
    const t = await manySessions();
    const r = await roo(t, ['session', 'continue', COBALT.id], { now: at(30) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${COBALT.id}: active on branch ${COBALT.branch}\n`);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe(`${COBALT.branch}\n`);
    const log = t.read(logPath(COBALT.id));
    expect(statusBytes(log).equals(STATUS_BYTES.active)).toBe(true);
    expect(frontmatter(log).end_time).toBe('');
    expect(frontmatter(log).title).toBe('Rare cobalt migration');
    expect(log).toContain('- [2026-11-26 09:30:00] Session status changed to: `🟢 Active`\n');
    // The resumed log's change is committed on its branch: nothing is left modified.
    expect(await git(t, ['status', '--porcelain'])).toBe('');
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${COBALT.id}): continue\n`);
    expect(await rooOk(t, ['session', 'current'])).toBe(COBALT.id);
  });

  it('finds it by a word of its title, and by a unique ID prefix', async () => {
    const t = await manySessions();
    // No ID starts with "cobalt": every title is read (the broken log's is empty), and one matches.
    const r = await roo(t, ['session', 'continue', 'cobalt'], { now: at(31) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${COBALT.id}: active on branch ${COBALT.branch}\n`);
    expect(statusBytes(t.read(logPath(COBALT.id))).equals(STATUS_BYTES.active)).toBe(true);

    await rooOk(t, ['session', 'pause'], { now: at(32) });
    await t.git(['switch', '-q', 'main']);
    const team4 = TEAM[3]!;
    const p = await roo(t, ['session', 'continue', 'SESSION-Team_task_4'], { now: at(33) });
    expect(p.exitCode, p.stderr).toBe(0);
    expect(p.stdout).toBe(`${team4.id}: active on branch ${team4.branch}\n`);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe(`${team4.branch}\n`);
  });

  it('lists the branches’ candidates with their titles when a prefix is ambiguous, and counts every ID', async () => {
    const t = await manySessions();
    const r = await expectRefused(
      t,
      ['session', 'continue', 'SESSION-Team_task'],
      2,
      /is ambiguous: 9 sessions/,
      {
        next: /e\.g\. `--session SESSION-Team_task_0_of_the_port-\d+`/,
      },
    );
    const listed = TEAM.map((s) => `  ${s.id}  ${s.title}\n`).join('');
    expect(r.stderr).toContain(`session \`SESSION-Team_task\` is ambiguous: 9 sessions match\n${listed}run `);
    // 300 on main, 10 session branches, the broken log's folder: all counted, none of them fatal.
    await expectRefused(
      t,
      ['session', 'continue', 'no-such-words'],
      2,
      /no session matches `no-such-words` \(311 known\)/,
    );
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('main\n');
  });

  it('says on which branch a session lives when a command needs its folder here', async () => {
    const t = await manySessions();
    await expectRefused(
      t,
      ['session', 'log', '--session', 'SESSION-Rare_cobalt', 'x'],
      3,
      new RegExp(
        `session \`${COBALT.id}\` is not in this worktree: it lives on \`refs/heads/${COBALT.branch}\``,
      ),
    );
    // The broken log on its branch is reported as what it is when it is the one asked for.
    await expectRefused(
      t,
      ['session', 'continue', BROKEN_ID],
      2,
      /refs\/heads\/broken:\.ruru\/sessions\/SESSION-Broken_log-2611011200\/session_log\.md:\d+/,
    );
  });
});
