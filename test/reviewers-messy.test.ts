import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, git, logPath, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// Issue 5 "real logs": the messy corpus in test/fixtures/messy-logs (every variant of docs/formats.md) is read by show,
// list and check, and every writing command works on it while keeping every line roo does not own.

const FIXTURES = join(projectRoot, 'test', 'fixtures', 'messy-logs');
const BROKEN = 'SESSION-Broken_frontmatter-2508010000';
const CRLF = 'SESSION-Windows_editor_log-2507010900';
const SESSIONS = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const READABLE = SESSIONS.filter((id) => id !== BROKEN);

/** A repository with the corpus committed on main (the CRLF log made CRLF whatever the checkout did). */
async function messyRepo(): Promise<TempRepo> {
  const t = await makeTempRepo();
  cpSync(FIXTURES, join(t.dir, '.ruru', 'sessions'), { recursive: true });
  t.write(logPath(CRLF), t.read(logPath(CRLF)).replace(/\r?\n/g, '\r\n'));
  await t.git(['rm', '-q', '--cached', '--ignore-unmatch', '.ruru/sessions/README.md']);
  await t.git(['add', '.ruru']);
  await t.git(['commit', '-q', '-m', 'messy logs']);
  return t;
}

const OWNED = /^\s*(status|end_time|related_tasks|related_artifacts|tags|branch|base_commit)\s*=/;
const ADDED = new RegExp(
  [
    String.raw`- \[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] .*`, // a new entry, roo's own format
    String.raw`\s*(status|end_time|related_tasks|related_artifacts|tags|branch|base_commit)\s*=.*`, // an owned value
    String.raw`\s+"[^"]*",?`, // an element appended to a multi-line array
  ]
    .map((alt) => `(?:${alt})`)
    .join('|'),
);

/**
 * Rewriting keeps every line roo does not own: the lines of `before` other than owned frontmatter values appear
 * in `after` byte for byte and in the same order, and every line of `after` not in `before` is a new entry, an
 * owned value or an appended array element.
 */
function expectOnlyOwnedChanges(id: string, before: string, after: string): void {
  const a = before.split('\n');
  const b = after.split('\n');
  let j = 0;
  for (const line of a) {
    if (OWNED.test(line)) continue;
    while (j < b.length && b[j] !== line) j++;
    expect(j < b.length, `${id}: lost or moved line ${JSON.stringify(line)}`).toBe(true);
    j++;
  }
  const left = new Map<string, number>();
  for (const line of a) left.set(line, (left.get(line) ?? 0) + 1);
  for (const line of b) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else
      expect(line.replace(/\r$/, ''), `${id}: unexpected new line`).toMatch(
        new RegExp(`^(?:${ADDED.source})$`),
      );
  }
}

describe('the messy-log corpus', () => {
  it('list, check and show read every variant; the broken one is an error with file and line', async () => {
    const t = await messyRepo();
    const list = await roo(t, ['session', 'list']);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toContain(
      `${BROKEN}  unreadable  -  \n    .ruru/sessions/${BROKEN}/session_log.md:12: invalid TOML: `,
    );
    const rows = JSON.parse((await roo(t, ['session', 'list', '--json'])).stdout).sessions;
    expect(
      Object.fromEntries(rows.map((r: { id: string; status: string }) => [r.id, r.status ?? null])),
    ).toEqual({
      [BROKEN]: null,
      'SESSION-Create_spec-npm_mode-2506050301': '🟢 Active',
      'SESSION-Migrate_auth_to_OIDC-2504011200': '🏁 Completed',
      'SESSION-Speed_up_CI-2505020830': '⏸️ Paused',
      'SESSION-Start_New_Website_Project-2506050958': '🟢 Active',
      'SESSION-Tidy_the_build_scripts-2503141530': '⏸️ Paused',
      [CRLF]: '🟢 Active',
      'SESSION-Write_release_notes-2505100900': '⏸️ Paused',
    });
    expect(
      rows.find((r: { id: string }) => r.id === 'SESSION-Tidy_the_build_scripts-2503141530'),
    ).toMatchObject({
      title: 'Tidy the build scripts',
      startTime: '2025-03-14T15:30:07+11:00',
    });

    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode).toBe(5);
    const errors = check.stdout.split('\n').filter((l) => / error /.test(l));
    expect(errors).toEqual([
      `.ruru/sessions/${BROKEN}/session_log.md:12: error frontmatter: invalid TOML: expected comma or end of structure`,
    ]);
    // The tolerated variants are warnings, each on its line.
    for (const w of [
      'SESSION-Tidy_the_build_scripts-2503141530/session_log.md:3: warning legacy-key',
      'SESSION-Tidy_the_build_scripts-2503141530/session_log.md:5: warning legacy-status',
      'SESSION-Migrate_auth_to_OIDC-2504011200/session_log.md:4: warning legacy-status',
      'SESSION-Speed_up_CI-2505020830/session_log.md:4: warning legacy-status',
      'SESSION-Write_release_notes-2505100900/session_log.md:4: warning legacy-status',
      'SESSION-Create_spec-npm_mode-2506050301/session_log.md:5: warning legacy-status',
      'SESSION-Create_spec-npm_mode-2506050301/session_log.md:31: warning entry-order',
      'SESSION-Start_New_Website_Project-2506050958/session_log.md:18: warning placeholder',
    ]) {
      expect(check.stdout).toContain(w);
    }

    for (const id of READABLE) {
      const text = await roo(t, ['session', 'show', id]);
      expect(text.exitCode, `${id}: ${text.stderr}`).toBe(0);
      expect(text.stdout).toBe(t.read(logPath(id)));
      const md = await roo(t, ['session', 'show', '--format', 'markdown', id]);
      expect(md.exitCode, md.stderr).toBe(0);
      expect(md.stdout).toContain(`| ID | \`${id}\` |`);
      const json = JSON.parse((await roo(t, ['session', 'show', '--json', id])).stdout);
      expect(json.id).toBe(id);
    }
    const summary = JSON.parse((await roo(t, ['session', 'show', '--json', 'OIDC'])).stdout);
    expect(summary).toMatchObject({
      status: '🏁 Completed',
      statusRaw: '⚪ Completed',
      decisions: [expect.objectContaining({ text: 'keep the session cookie for the admin area' })],
      artifacts: [expect.objectContaining({ path: 'artifacts/notes/NOTE-oidc_plan-2504011205.md' })],
    });
    const broken = await roo(t, ['session', 'show', BROKEN]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(
      new RegExp(`^roo: cannot read .*${BROKEN}/session_log\\.md:12: invalid TOML`),
    );
  });

  it('every writing command works on every variant and keeps every line roo does not own', async () => {
    const t = await messyRepo();
    const before = new Map(READABLE.map((id) => [id, t.read(logPath(id))]));
    let minute = 10;
    for (const id of READABLE) {
      const status = JSON.parse((await roo(t, ['session', 'show', '--json', id])).stdout).status as string;
      const now = () => at(minute++);
      if (status === '🏁 Completed') {
        // Finished stays finished: a completed log takes no entries and no artifacts, and is not touched.
        for (const args of [
          ['session', 'log', '--session', id, '--type', 'decision', 'keep going'],
          ['session', 'artifact', 'new', '--session', id, 'note', 'review notes'],
          ['session', 'task', 'link', '--session', id, 'TASK-REVIEW-20261126-0910'],
        ]) {
          const r = await roo(t, args, { now: now() });
          expect(r.exitCode, args.join(' ')).toBe(3);
          expect(r.stderr).toContain('a finished session takes no more entries');
        }
        await rooOk(t, ['session', 'end', id], { now: now() });
        expect(t.read(logPath(id))).toBe(before.get(id));
        continue;
      }
      await rooOk(t, ['session', 'log', '--session', id, '--type', 'decision', 'keep going'], { now: now() });
      expect(
        await rooOk(t, ['session', 'artifact', 'new', '--session', id, 'note', 'review notes'], {
          now: now(),
        }),
      ).toMatch(new RegExp(`^\\.ruru/sessions/${id}/artifacts/notes/NOTE-review_notes-26112609\\d\\d\\.md$`));
      const linked = await roo(t, ['session', 'task', 'link', '--session', id, 'TASK-REVIEW-20261126-0910'], {
        now: now(),
      });
      expect(linked.exitCode, linked.stderr).toBe(0);
      await rooOk(t, ['session', 'sync', id], { now: now() });
      await rooOk(t, ['session', 'checkpoint', id], { now: now() });
      if (status === '🟢 Active') await rooOk(t, ['session', 'pause', id], { now: now() });
      await rooOk(t, ['session', 'end', id], { now: now() });
      const after = t.read(logPath(id));
      expectOnlyOwnedChanges(id, before.get(id)!, after);
      expect(after).toContain('**Decision:** keep going');
      expect(after).toMatch(/status = "🏁 Completed"/);
      // Committed: the tip holds exactly what the worktree has.
      expect(await git(t, ['show', `HEAD:${logPath(id)}`])).toBe(after);
    }
    // The CRLF log stays CRLF: no bare LF was added.
    expect(t.read(logPath(CRLF)).replace(/\r\n/g, '')).not.toContain('\n');
    // The artifact's frontmatter and the text after the list survive.
    expect(t.read(logPath('SESSION-Tidy_the_build_scripts-2503141530'))).toMatch(
      /\n\nNotes written after the list stay after it\.\n$/,
    );
    const check = await roo(t, ['session', 'check']);
    expect(check.stdout.split('\n').filter((l) => / error /.test(l))).toHaveLength(1);

    // The broken log refuses every writing command with file and line, and stays byte for byte.
    const brokenBefore = readFileSync(join(t.dir, logPath(BROKEN)));
    for (const args of [
      ['session', 'log', '--session', BROKEN, 'x'],
      ['session', 'sync', BROKEN],
      ['session', 'checkpoint', BROKEN],
      ['session', 'end', BROKEN],
    ]) {
      const r = await roo(t, args, { now: at(59) });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${BROKEN}/session_log.md:12: invalid TOML`);
    }
    expect(readFileSync(join(t.dir, logPath(BROKEN))).equals(brokenBefore)).toBe(true);
  });
});
