import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  at,
  commitAt,
  frontmatter,
  git,
  logPath,
  rev,
  roo,
  rooOk,
  STATUS_BYTES,
  statusBytes,
} from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// The whole life of a session, every command once, against the built CLI and real git.

async function temp(): Promise<TempRepo> {
  const t = await makeTempRepo();
  return t;
}

const ID = 'SESSION-Fix_login_rate-limit-2611260905';
const BRANCH = `session/${ID}`;
const LOG = logPath(ID);
const ARTIFACT_DIRS = [
  'blockers',
  'context',
  'deferred',
  'docs',
  'environment',
  'features',
  'feedback',
  'learnings',
  'notes',
  'questions',
  'research',
  'snippets',
];

describe('a session from start to end', () => {
  it('init, start, work, show, sync, checkpoint, pause, list, continue, end', async () => {
    const t = await temp();
    const main0 = await rev(t, 'HEAD');

    // init: config with defaults and hooks; nothing committed.
    expect(await rooOk(t, ['init'])).toContain('created .ruru/config.toml');
    expect(t.read('.ruru/config.toml')).toMatch(/branchPrefix = "session\/"/);
    expect(existsSync(join(t.dir, '.git', 'hooks', 'post-commit'))).toBe(true);
    expect(await rev(t, 'HEAD')).toBe(main0);
    expect(await rooOk(t, ['init'])).toContain('kept .ruru/config.toml');

    // start: branch session/<ID> at HEAD, switched to, folder committed in one commit on it.
    expect(await rooOk(t, ['session', 'start', 'Fix login rate-limit!'])).toBe(ID);
    expect((await git(t, ['symbolic-ref', 'HEAD'])).trim()).toBe(`refs/heads/${BRANCH}`);
    expect(await rev(t, 'main')).toBe(main0);
    const start = await rev(t, 'HEAD');
    expect(await rev(t, 'HEAD^')).toBe(main0);
    expect(await git(t, ['log', '-1', '--format=%B', 'HEAD'])).toBe(
      `session(${ID}): start\n\nRoo-Session: ${ID}\n\n`,
    );
    const startFiles = (await git(t, ['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n');
    expect(startFiles).toEqual(
      [LOG, ...ARTIFACT_DIRS.map((d) => `.ruru/sessions/${ID}/artifacts/${d}/README.md`)].sort(),
    );
    // Only the (uncommitted) config is left over: the session folder is committed and the index matches it.
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'])).toBe('?? .ruru/config.toml\n');
    expect(t.read(`.ruru/sessions/${ID}/artifacts/notes/README.md`)).toContain('Notes');
    expect(t.read(`.ruru/sessions/${ID}/artifacts/notes/README.md`)).not.toContain(
      '[This Subdirectory Type]',
    );
    const log0 = t.read(LOG);
    expect(statusBytes(log0).equals(STATUS_BYTES.active)).toBe(true);
    expect(frontmatter(log0)).toMatchObject({
      id: ID,
      title: 'Fix login rate-limit!',
      status: '🟢 Active',
      start_time: '2026-11-26T09:05:12+00:00',
      end_time: '',
      coordinator: 'roo-cli',
      related_tasks: [],
      related_artifacts: [],
      tags: ['session', 'log'],
      branch: BRANCH,
      base_commit: main0,
    });
    expect(log0).toContain(
      '- [2026-11-26 09:05:12] Session initiated by `roo-cli` with goal: "Fix login rate-limit!"\n',
    );

    // current / status
    expect(await rooOk(t, ['session', 'current'])).toBe(ID);
    expect(JSON.parse(await rooOk(t, ['session', 'current', '--json']))).toEqual({
      schema: 'roo-session/current@1',
      id: ID,
      status: '🟢 Active',
      branch: BRANCH,
      title: 'Fix login rate-limit!',
      folder: join(t.dir, '.ruru', 'sessions', ID),
      logPath: join(t.dir, '.ruru', 'sessions', ID, 'session_log.md'),
    });
    const status = JSON.parse(await rooOk(t, ['session', 'status', '--json'], { now: at(6) }));
    expect(status).toMatchObject({
      id: ID,
      status: '🟢 Active',
      branch: BRANCH,
      where: 'worktree',
      startTime: '2026-11-26T09:05:12+00:00',
      endTime: '',
      durationSeconds: 48,
      counts: { entries: 1, commits: 0, artifacts: 0, tasks: 0 },
      pendingEntries: 0,
    });
    expect(await rooOk(t, ['session', 'status'])).toMatch(new RegExp(`^${ID}  🟢 Active\n`));

    // A commit is in `show` right away, without sync, and not yet in the file.
    const c1 = await commitAt(t, 'src/limit.ts', 'export const limit = 5;\n', 'add token bucket', at(7));
    expect(await git(t, ['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).toBe(`${ID}\n\n`);
    const shown = await rooOk(t, ['session', 'show'], { now: at(8) });
    expect(shown).toContain(
      `- [2026-11-26 09:07:00] Commit \`${c1.slice(0, 7)}\` on \`${BRANCH}\`: add token bucket <!-- roo:c:${c1} -->`,
    );
    expect(t.read(LOG)).toBe(log0);
    expect(JSON.parse(await rooOk(t, ['session', 'status', '--json'], { now: at(8) })).pendingEntries).toBe(
      1,
    );

    // log --type decision: recorded in the journal, the file untouched; show has it with the pending commit.
    expect(
      await rooOk(t, ['session', 'log', '--type', 'decision', 'Token bucket per IP'], { now: at(9) }),
    ).toBe(`logged to ${ID}`);
    expect(t.read(LOG)).toBe(log0);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const log1 = `${await rooOk(t, ['session', 'show'], { now: at(9) })}\n`;
    expect(log1).toContain(`Commit \`${c1.slice(0, 7)}\``);
    expect(log1).toMatch(
      /- \[2026-11-26 09:09:00\] .*Decision.*Token bucket per IP <!-- roo:j:[0-9a-z.-]+ -->\n/,
    );

    // artifact new: path printed, template applied, related_artifacts and the log updated.
    const note = await rooOk(t, ['session', 'artifact', 'new', 'note', 'initial', 'plan'], { now: at(10) });
    expect(note).toBe(`.ruru/sessions/${ID}/artifacts/notes/NOTE-initial_plan-2611260910.md`);
    expect(frontmatter(t.read(note))).toMatchObject({
      id: 'NOTE-initial_plan-2611260910',
      session_id: ID,
      type: 'note',
      created_time: '2026-11-26T09:10:00+00:00',
    });
    expect(t.read(note)).toContain('# initial plan');
    const snippet = await rooOk(t, ['session', 'artifact', 'new', 'snippet', '--ext', 'ts', 'token bucket'], {
      now: at(10),
    });
    expect(snippet).toBe(`.ruru/sessions/${ID}/artifacts/snippets/SNIPPET-token_bucket-2611260910.ts`);
    expect(readFileSync(join(t.dir, snippet)).length).toBe(0);
    const source = join(t.root, 'bench.txt');
    writeFileSync(source, 'p99 = 12 ms\n\u00e9\u00e8 bytes kept\n');
    const research = await rooOk(
      t,
      ['session', 'artifact', 'new', 'research', '--from-file', source, 'rate limit numbers'],
      { now: at(10) },
    );
    expect(research).toBe(
      `.ruru/sessions/${ID}/artifacts/research/RESEARCH-rate_limit_numbers-2611260910.md`,
    );
    expect(readFileSync(join(t.dir, research)).equals(readFileSync(source))).toBe(true);
    expect(t.read(LOG)).toBe(log0);
    const log2 = await rooOk(t, ['session', 'show'], { now: at(10) });
    expect(frontmatter(log2).related_artifacts).toEqual([
      'artifacts/notes/NOTE-initial_plan-2611260910.md',
      'artifacts/snippets/SNIPPET-token_bucket-2611260910.ts',
      'artifacts/research/RESEARCH-rate_limit_numbers-2611260910.md',
    ]);
    expect(log2).toContain(
      '- [2026-11-26 09:10:00] Created artifact: `artifacts/notes/NOTE-initial_plan-2611260910.md` (Type: note) <!-- roo:j:',
    );
    expect(log2).toContain('(Type: snippet) <!-- roo:j:');
    expect(log2).toContain('(Type: research) <!-- roo:j:');

    // artifact list (text and JSON)
    expect(await rooOk(t, ['session', 'artifact', 'list'])).toBe(
      [
        'artifacts/notes/NOTE-initial_plan-2611260910.md  (notes)',
        'artifacts/research/RESEARCH-rate_limit_numbers-2611260910.md  (research)',
        'artifacts/snippets/SNIPPET-token_bucket-2611260910.ts  (snippets)',
      ].join('\n'),
    );
    const artifacts = JSON.parse(await rooOk(t, ['session', 'artifact', 'list', '--json']));
    expect(artifacts.session).toBe(ID);
    expect(artifacts.artifacts).toHaveLength(3);
    expect(
      artifacts.artifacts.every((a: { exists: boolean; related: boolean }) => a.exists && a.related),
    ).toBe(true);

    // task link / delegate / result (the task file exists for one of them)
    t.write('.ruru/tasks/api/TASK-API-20261126-0930.md', '+++\nid = "TASK-API-20261126-0930"\n+++\n');
    const link = await roo(t, ['session', 'task', 'link', 'TASK-API-20261126-0930'], { now: at(11) });
    expect(link).toMatchObject({ exitCode: 0, stderr: '', stdout: `${ID}: linked TASK-API-20261126-0930\n` });
    const link2 = await roo(t, ['session', 'task', 'link', 'TASK-ONBOARD-2506050958'], { now: at(11) });
    expect(link2.exitCode).toBe(0);
    expect(link2.stderr).toMatch(/warning: no file for TASK-ONBOARD-2506050958/);
    await rooOk(
      t,
      ['session', 'task', 'delegate', 'TASK-API-20261126-0930', '--to', 'dev-api', 'Add', 'the', 'limiter'],
      { now: at(12) },
    );
    await rooOk(
      t,
      ['session', 'task', 'result', 'TASK-API-20261126-0930', '--from', 'dev-api', 'Success, 12 tests'],
      { now: at(13) },
    );
    expect(t.read(LOG)).toBe(log0);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const log3 = await rooOk(t, ['session', 'show'], { now: at(13) });
    expect(frontmatter(log3).related_tasks).toEqual(['TASK-API-20261126-0930', 'TASK-ONBOARD-2506050958']);
    expect(log3).toContain(
      '- [2026-11-26 09:12:00] Delegated task `TASK-API-20261126-0930` to `dev-api`: Add the limiter <!-- roo:j:',
    );
    expect(log3).toContain(
      '- [2026-11-26 09:13:00] Received result from `dev-api` for task `TASK-API-20261126-0930`: Success, 12 tests <!-- roo:j:',
    );

    // sync: says what is pending (two commits and eight records), writes nothing.
    const c2 = await commitAt(t, 'src/limit.ts', 'export const limit = 10;\n', 'raise the limit', at(14));
    expect(await rooOk(t, ['session', 'sync'], { now: at(15) })).toBe(
      `${ID}: 10 pending entries; \`roo session checkpoint\` commits them`,
    );
    expect(t.read(LOG)).toBe(log0);
    expect(await rooOk(t, ['session', 'show'], { now: at(15) })).toContain(
      `Commit \`${c2.slice(0, 7)}\` on \`${BRANCH}\`: raise the limit`,
    );

    // show --format json / markdown
    const summary = JSON.parse(await rooOk(t, ['session', 'show', '--format', 'json'], { now: at(16) }));
    expect(summary).toMatchObject({
      id: ID,
      status: '🟢 Active',
      branch: BRANCH,
      title: 'Fix login rate-limit!',
    });
    // The summary's layout belongs to the reviewer tests; here: it holds what the session did.
    const json = JSON.stringify(summary);
    for (const needle of [c1, c2, 'TASK-API-20261126-0930', 'Token bucket per IP'])
      expect(json).toContain(needle);
    expect(json).toContain('artifacts/research/RESEARCH-rate_limit_numbers-2611260910.md');
    const md = await rooOk(t, ['session', 'show', '--format', 'markdown'], { now: at(16) });
    for (const needle of [
      ID,
      'Fix login rate-limit!',
      '🟢 Active',
      c1.slice(0, 7),
      'add token bucket',
      c2.slice(0, 7),
      'Token bucket per IP',
      'artifacts/notes/NOTE-initial_plan-2611260910.md',
      'TASK-API-20261126-0930',
    ]) {
      expect(md).toContain(needle);
    }

    // checkpoint: one commit holding exactly the session folder's changes; a second one has nothing to do.
    const beforeCp = await rev(t, 'HEAD');
    const cp = await rooOk(t, ['session', 'checkpoint'], { now: at(17) });
    const cpSha = await rev(t, 'HEAD');
    expect(cp).toBe(`${ID}: committed ${cpSha.slice(0, 7)}`);
    expect(await rev(t, 'HEAD^')).toBe(beforeCp);
    expect((await git(t, ['show', '--name-only', '--format=%s', 'HEAD'])).trim().split('\n')).toEqual([
      `session(${ID}): checkpoint`,
      '',
      `.ruru/sessions/${ID}/artifacts/notes/NOTE-initial_plan-2611260910.md`,
      `.ruru/sessions/${ID}/artifacts/research/RESEARCH-rate_limit_numbers-2611260910.md`,
      `.ruru/sessions/${ID}/artifacts/snippets/SNIPPET-token_bucket-2611260910.ts`,
      LOG,
    ]);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'])).toBe(
      '?? .ruru/config.toml\n?? .ruru/tasks/api/TASK-API-20261126-0930.md\n',
    );
    expect(await rooOk(t, ['session', 'checkpoint'], { now: at(17) })).toBe(`${ID}: nothing new to commit`);
    expect(await rev(t, 'HEAD')).toBe(cpSha);

    // pause: ⏸️ with U+FE0F, end_time, committed; no active session any more.
    expect(await rooOk(t, ['session', 'pause'], { now: at(18) })).toContain(
      `run \`roo session continue ${ID}\``,
    );
    const paused = t.read(LOG);
    expect(statusBytes(paused).equals(STATUS_BYTES.paused)).toBe(true);
    expect(frontmatter(paused)).toMatchObject({ status: '⏸️ Paused', end_time: '2026-11-26T09:18:00+00:00' });
    expect(paused).toContain('- [2026-11-26 09:18:00] Session status changed to: `⏸️ Paused`\n');
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): pause\n`);
    expect(await git(t, ['show', `HEAD:${LOG}`])).toBe(paused);
    const none = await roo(t, ['session', 'current']);
    expect(none).toMatchObject({ exitCode: 3, stdout: '' });
    expect(none.stderr).toContain(`no active session on branch \`${BRANCH}\``);

    // list, with filters; on main the folder is gone from the worktree and only --all sees it.
    const rows = JSON.parse(await rooOk(t, ['session', 'list', '--json']));
    expect(rows.sessions).toHaveLength(1);
    expect(rows.sessions[0]).toMatchObject({ id: ID, status: '⏸️ Paused', branch: BRANCH });
    expect(JSON.parse(await rooOk(t, ['session', 'list', '--status', 'active', '--json'])).sessions).toEqual(
      [],
    );
    expect(await rooOk(t, ['session', 'list', '--status', 'paused'])).toMatch(
      new RegExp(`^${ID}  ⏸️ Paused  `),
    );
    // Dated like the rest of the session (the reflog takes the committer date): entries go after the last one,
    // so a switch dated by the real clock would sit above the later fixed-clock commits.
    await t.git(['switch', '-q', 'main'], { env: { GIT_COMMITTER_DATE: at(19) } });
    expect(existsSync(join(t.dir, '.ruru', 'sessions', ID))).toBe(false);
    expect(await rooOk(t, ['session', 'list'])).toContain('no sessions in this worktree');
    const all = JSON.parse(await rooOk(t, ['session', 'list', '--all', '--json']));
    expect(all.sessions).toHaveLength(1);
    expect(all.sessions[0]).toMatchObject({ id: ID, status: '⏸️ Paused' });
    expect(all.sessions[0].locations.join(' ')).toContain(BRANCH);
    // show reads it from the branch without a checkout.
    const remoteShow = JSON.parse(await rooOk(t, ['session', 'show', '--format', 'json', 'rate-limit']));
    expect(remoteShow).toMatchObject({ id: ID, status: '⏸️ Paused', where: BRANCH });

    // continue (alias resume) from main by a unique part of the title: back on the branch, Active, end_time "".
    const pauseSha = await rev(t, BRANCH);
    // git dates the switch in its reflog by the committer date: the same clock as the rest of the session.
    const cont = await roo(t, ['session', 'resume', 'login rate'], {
      now: at(20),
      env: { GIT_COMMITTER_DATE: at(20) },
    });
    expect(cont).toMatchObject({ exitCode: 0, stdout: `${ID}: active on branch ${BRANCH}\n` });
    expect((await git(t, ['symbolic-ref', 'HEAD'])).trim()).toBe(`refs/heads/${BRANCH}`);
    expect(await rev(t, 'main')).toBe(main0);
    expect(await rev(t, `${BRANCH}^`)).toBe(pauseSha);
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): continue\n`);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const resumed = t.read(LOG);
    expect(statusBytes(resumed).equals(STATUS_BYTES.active)).toBe(true);
    expect(frontmatter(resumed).end_time).toBe('');
    expect(resumed).toContain('- [2026-11-26 09:20:00] Session status changed to: `🟢 Active`\n');
    expect(await rooOk(t, ['session', 'current'])).toBe(ID);

    // end (alias complete): 🏁 Completed, end_time, one commit.
    const c3 = await commitAt(t, 'src/limit.ts', 'export const limit = 20;\n', 'final tweak', at(21));
    const end = await rooOk(t, ['session', 'complete'], { now: at(22) });
    const endSha = await rev(t, 'HEAD');
    expect(end).toBe(`${ID}: completed (${endSha.slice(0, 7)})`);
    expect(await rev(t, 'HEAD^')).toBe(c3);
    expect(await git(t, ['log', '-1', '--format=%B'])).toBe(`session(${ID}): end\n\nRoo-Session: ${ID}\n\n`);
    const done = t.read(LOG);
    expect(statusBytes(done).equals(STATUS_BYTES.completed)).toBe(true);
    expect(frontmatter(done)).toMatchObject({
      status: '🏁 Completed',
      end_time: '2026-11-26T09:22:00+00:00',
    });
    expect(done).toContain(`Commit \`${c3.slice(0, 7)}\` on \`${BRANCH}\`: final tweak`);
    expect(done).toContain('- [2026-11-26 09:22:00] Session status changed to: `🏁 Completed`\n');
    expect(await git(t, ['show', `HEAD:${LOG}`])).toBe(done);
    // Every work commit is in the log exactly once; roo's own commits are not logged as work.
    for (const c of [c1, c2, c3]) expect(done.split(`roo:c:${c}`).length).toBe(2);
    expect(done).not.toContain(`roo:c:${start}`);
    expect(done).not.toContain(`roo:c:${cpSha}`);
    expect((await roo(t, ['session', 'current'])).exitCode).toBe(3);

    // check: the committed folder is valid.
    const check = await roo(t, ['session', 'check']);
    expect(check).toMatchObject({ exitCode: 0, stdout: '' });
    expect(check.stderr).toBe('roo: checked 1 session: 0 errors, 0 warnings\n');
  });
});

describe('start options, the four statuses, session selection', () => {
  it('--here, --tag, --coordinator, --description; --branch; end --error; --session and ROO_SESSION_ID', async () => {
    const t = await temp();
    await t.git(['switch', '-q', '-c', 'feature/login']);
    const base = await rev(t, 'HEAD');

    // --here maps the session to the current branch (no new branch), flags go into the frontmatter.
    const here = await rooOk(t, [
      'session',
      'start',
      '--here',
      '--tag',
      'auth',
      '--tag',
      'backend',
      '--coordinator',
      'roo-commander',
      '--description',
      'From issue #12',
      'Fix',
      'login',
    ]);
    expect(here).toBe('SESSION-Fix_login-2611260905');
    expect((await git(t, ['symbolic-ref', 'HEAD'])).trim()).toBe('refs/heads/feature/login');
    expect(await git(t, ['branch', '--format=%(refname:short)'])).toBe('feature/login\nmain\n');
    expect(await rev(t, 'HEAD^')).toBe(base);
    const hereLog = t.read(logPath(here));
    expect(frontmatter(hereLog)).toMatchObject({
      title: 'Fix login',
      coordinator: 'roo-commander',
      tags: ['session', 'log', 'auth', 'backend'],
      branch: 'feature/login',
      base_commit: base,
    });
    expect(hereLog).toMatch(/## Goal\n\nFix login\n\nFrom issue #12\n/);
    expect(hereLog).toContain('Session initiated by `roo-commander` with goal: "Fix login"');

    // One Active or Paused session per branch.
    const twice = await roo(t, ['session', 'start', '--here', 'Another one']);
    expect(twice.exitCode).toBe(3);
    expect(twice.stderr).toContain(`branch \`feature/login\` already has a session: ${here}`);

    // --branch names the new branch; a second session starts from the first one's branch.
    const named = await rooOk(t, ['session', 'start', '--branch', 'wip/exp', 'Try an experiment'], {
      now: at(6),
    });
    expect(named).toBe('SESSION-Try_an_experiment-2611260906');
    expect((await git(t, ['symbolic-ref', 'HEAD'])).trim()).toBe('refs/heads/wip/exp');
    expect(frontmatter(t.read(logPath(named))).branch).toBe('wip/exp');
    const taken = await roo(t, ['session', 'start', '--branch', 'main', 'x']);
    expect(taken.exitCode).toBe(2);
    expect(taken.stderr).toContain('branch `main` already exists');

    // end --error → 🔴 Error with the message logged.
    const err = await rooOk(t, ['session', 'end', '--error', 'Upstream removed the endpoint'], {
      now: at(7),
    });
    expect(err).toMatch(/^SESSION-Try_an_experiment-2611260906: ended with an error \([0-9a-f]{7}\)$/);
    const errLog = t.read(logPath(named));
    expect(statusBytes(errLog).equals(STATUS_BYTES.error)).toBe(true);
    expect(frontmatter(errLog)).toMatchObject({ status: '🔴 Error', end_time: '2026-11-26T09:07:00+00:00' });
    expect(errLog).toContain('Upstream removed the endpoint');
    expect(errLog).toContain('Session status changed to: `🔴 Error`');
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${named}): error\n`);
    expect(await git(t, ['show', `HEAD:${logPath(named)}`])).toBe(errLog);

    // On wip/exp both folders are in the worktree (wip/exp grew from feature/login): --session and
    // ROO_SESSION_ID pick one; without them nothing is Active on this branch.
    expect((await roo(t, ['session', 'current'])).exitCode).toBe(3);
    expect(await rooOk(t, ['session', 'current', '--session', 'Fix_login'])).toBe(here);
    expect(await rooOk(t, ['session', 'current'], { env: { ROO_SESSION_ID: 'experiment' } })).toBe(named);
    // --session wins over the environment.
    expect(
      await rooOk(t, ['session', 'current', '--session', here], { env: { ROO_SESSION_ID: 'experiment' } }),
    ).toBe(here);
    const statusOf = JSON.parse(await rooOk(t, ['session', 'status', '--json', 'Fix_login']));
    expect(statusOf).toMatchObject({ id: here, status: '🟢 Active', branch: 'feature/login' });

    // The four canonical strings, byte-exact, in the committed files.
    await t.git(['switch', '-q', 'feature/login']);
    await rooOk(t, ['session', 'pause'], { now: at(8) });
    expect(statusBytes(t.read(logPath(here))).equals(STATUS_BYTES.paused)).toBe(true);
    expect(Buffer.from(await git(t, ['show', `HEAD:${logPath(here)}`])).includes(STATUS_BYTES.paused)).toBe(
      true,
    );
    await rooOk(t, ['session', 'continue', here], { now: at(9) });
    expect(statusBytes(t.read(logPath(here))).equals(STATUS_BYTES.active)).toBe(true);
    await rooOk(t, ['session', 'end'], { now: at(10) });
    expect(statusBytes(t.read(logPath(here))).equals(STATUS_BYTES.completed)).toBe(true);
    const listed = JSON.parse(await rooOk(t, ['session', 'list', '--all', '--json'])).sessions;
    // Newest first.
    expect(listed.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [named, '🔴 Error'],
      [here, '🏁 Completed'],
    ]);
    expect(
      JSON.parse(await rooOk(t, ['session', 'list', '--all', '--status', 'error', '--json'])).sessions,
    ).toEqual([expect.objectContaining({ id: named })]);
  });

  it('works from a subfolder, and without hooks commits come "from history"', async () => {
    const t = await temp();
    const sub = join(t.dir, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    const id = await rooOk(t, ['session', 'start', 'Sub folder work'], { cwd: sub });
    expect(id).toBe('SESSION-Sub_folder_work-2611260905');
    expect(existsSync(join(t.dir, logPath(id)))).toBe(true);
    expect(existsSync(join(sub, '.ruru'))).toBe(false);
    expect(existsSync(join(t.dir, '.git', 'hooks', 'post-commit'))).toBe(false);
    const c = await commitAt(t, 'x.txt', 'x\n', 'work in a subfolder', at(6), sub);
    expect(await rooOk(t, ['session', 'current'], { cwd: sub })).toBe(id);
    expect(await rooOk(t, ['session', 'show'], { cwd: sub, now: at(7) })).toContain(
      `Commit \`${c.slice(0, 7)}\` on \`session/${id}\`: work in a subfolder`,
    );
    await rooOk(t, ['session', 'log', 'from', 'deep', 'down'], { cwd: sub, now: at(7) });
    const path = await rooOk(t, ['session', 'artifact', 'new', 'learning', 'paths'], {
      cwd: sub,
      now: at(7),
    });
    // Printed from the folder the command ran in, so it opens from there.
    expect(relative(t.dir, join(sub, path))).toBe(
      `.ruru/sessions/${id}/artifacts/learnings/LEARNING-paths-2611260907.md`,
    );
    expect(existsSync(join(sub, path))).toBe(true);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const text = await rooOk(t, ['session', 'show'], { cwd: sub, now: at(7) });
    expect(text).toMatch(new RegExp(`Commit \`${c.slice(0, 7)}\`.*\\(from history\\)`));
    expect(text).toContain('- [2026-11-26 09:07:00] from deep down <!-- roo:j:');
    await rooOk(t, ['session', 'end'], { cwd: sub, now: at(8) });
    expect(await git(t, ['show', '--name-only', '--format=', 'HEAD'])).toBe(
      `.ruru/sessions/${id}/artifacts/learnings/LEARNING-paths-2611260907.md\n${logPath(id)}\n`,
    );
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const check = await roo(t, ['session', 'check'], { cwd: sub });
    expect(check.exitCode).toBe(0);
  });
});
