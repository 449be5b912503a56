import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, commitAt, git, logPath, rev, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, projectRoot, rooBin, type TempRepo } from './helpers/tempRepo.js';

// Issue 5, the reviewer's side: `show --format markdown|json`, `show --pr`, `check --format github
// --changed-since`, and the example GitHub Actions workflow, whose `roo` steps run here against a temp repository.

const A = 'SESSION-Fix_login_rate-limit-2611260905';
const B = 'SESSION-Teammate_spike-2611260920';
const WORKFLOW = join(projectRoot, 'examples', 'github', 'roo-session.yml');

/**
 * A repository the way a PR sees it: `origin` (bare) with `main` and origin/HEAD; session A on its branch with
 * work commits, a decision, an artifact and a task, ended; one work commit also names teammate session B in a
 * `Roo-Session` trailer, whose folder lives only on B's (pushed, then deleted locally) branch.
 */
async function prRepo(): Promise<{ t: TempRepo; c1: string; c2: string }> {
  const t = await makeTempRepo();
  const origin = join(t.root, 'origin.git');
  await t.git(['init', '-q', '--bare', '-b', 'main', origin], { cwd: t.root });
  await rooOk(t, ['init']);
  t.write(
    '.ruru/tasks/TASK-AUTH-20261126-091500.md',
    '+++\nid = "TASK-AUTH-20261126-091500"\n+++\n# Rate limit\n',
  );
  await t.git(['add', '.ruru/config.toml', '.ruru/tasks']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  await t.git(['remote', 'add', 'origin', origin]);
  await t.git(['push', '-q', '-u', 'origin', 'main']);
  await t.git(['remote', 'set-head', 'origin', '--auto']);

  // Teammate B: started from main, ended, pushed, local branch gone.
  await rooOk(t, ['session', 'start', 'Teammate spike'], { now: at(20) });
  await rooOk(t, ['session', 'log', '--type', 'decision', 'spike says yes'], { now: at(21) });
  await rooOk(t, ['session', 'end'], { now: at(22) });
  await t.git(['push', '-q', 'origin', `session/${B}`]);
  await t.git(['switch', '-q', 'main']);
  await t.git(['branch', '-q', '-D', `session/${B}`]);

  // A: the PR branch.
  await rooOk(t, ['session', 'start', 'Fix login rate-limit!'], { now: at(5, 12) });
  const c1 = await commitAt(t, 'src/limit.ts', 'export const limit = 10;\n', 'add token bucket', at(8));
  await rooOk(t, ['session', 'log', '--type', 'decision', 'token bucket per IP | not per user'], {
    now: at(9),
  });
  await rooOk(t, ['session', 'artifact', 'new', 'note', 'initial plan'], { now: at(10) });
  await rooOk(t, ['session', 'task', 'link', 'TASK-AUTH-20261126-091500'], { now: at(11) });
  writeFileSync(join(t.dir, 'src', 'limit.ts'), 'export const limit = 20;\n');
  await t.git(['add', 'src/limit.ts'], { env: { GIT_COMMITTER_DATE: at(12), GIT_AUTHOR_DATE: at(12) } });
  await t.git(['commit', '-q', '-m', 'tune the limit', '-m', `Roo-Session: ${B}`], {
    env: { GIT_COMMITTER_DATE: at(12), GIT_AUTHOR_DATE: at(12) },
  });
  const c2 = await rev(t, 'HEAD');
  await rooOk(t, ['session', 'end'], { now: at(15) });
  return { t, c1, c2 };
}

/** The steps of the example workflow: their `env:` values and `run:` scripts (a minimal reader for this file). */
function workflowSteps(text: string): { name: string; env: Record<string, string>; run: string }[] {
  const steps: { name: string; env: Record<string, string>; run: string }[] = [];
  const lines = text.split('\n');
  let step: { name: string; env: Record<string, string>; run: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = /^ {6}- name: (.*)$/.exec(line);
    if (start) {
      step = { name: start[1]!, env: {}, run: '' };
      steps.push(step);
      continue;
    }
    if (!step) continue;
    if (/^ {8}env:\s*$/.test(line)) {
      while (/^ {10}\S/.test(lines[i + 1] ?? '')) {
        const [, key, value] = /^ {10}([A-Z_]+): (.*)$/.exec(lines[++i]!)!;
        step.env[key!] = value!;
      }
    }
    const run = /^ {8}run: (.*)$/.exec(line);
    if (run) {
      if (run[1] !== '|') step.run = run[1]!;
      else {
        const body: string[] = [];
        while (i + 1 < lines.length && (/^ {10}/.test(lines[i + 1]!) || lines[i + 1] === '')) {
          body.push(lines[++i]!.slice(10));
        }
        step.run = body.join('\n');
      }
    }
  }
  return steps;
}

/** Runs the workflow's `roo` steps with `sh`, `roo` on PATH, `${{ … }}` replaced by what a PR event gives. */
async function runWorkflowRooSteps(t: TempRepo, expressions: Record<string, string>) {
  const bin = join(t.root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'roo'), `#!/bin/sh\nexec "${process.execPath}" "${rooBin}" "$@"\n`);
  chmodSync(join(bin, 'roo'), 0o755);
  const stepSummary = join(t.root, 'step-summary.md');
  writeFileSync(stepSummary, '');
  const steps = workflowSteps(readFileSync(WORKFLOW, 'utf8')).filter((s) =>
    /(^|\n)\s*roo session /.test(s.run),
  );
  const results: { name: string; run: string; exitCode: number; stdout: string; stderr: string }[] = [];
  for (const step of steps) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.env)) {
      env[key] = value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
        if (!(expr in expressions)) throw new Error(`workflow expression ${expr} has no test value`);
        return expressions[expr]!;
      });
    }
    const r = await execa('sh', ['-ec', step.run], {
      cwd: t.dir,
      env: {
        ...t.env,
        ...env,
        PATH: `${bin}:${t.env.PATH}`,
        GITHUB_STEP_SUMMARY: stepSummary,
        ROO_NOW: at(30),
      },
      extendEnv: false,
      reject: false,
      stripFinalNewline: false,
    });
    results.push({
      name: step.name,
      run: step.run,
      exitCode: r.exitCode ?? -1,
      stdout: String(r.stdout),
      stderr: String(r.stderr),
    });
  }
  return { results, stepSummary };
}

const PR_EXPRESSIONS = {
  'github.base_ref': 'main',
  'github.server_url': 'https://github.com',
  'github.repository': 'acme/app',
  'github.event.pull_request.head.sha': 'HEADSHA',
};

describe('the example GitHub Actions workflow', () => {
  it('has the check and the summary steps, and their roo commands work on a PR branch', async () => {
    const { t, c1, c2 } = await prRepo();
    // As actions/checkout leaves it: the PR head detached, branches only as origin/* (hooks' journal absent).
    await t.git(['push', '-q', 'origin', `session/${A}`]);
    await t.git(['switch', '-q', '--detach', 'HEAD']);
    await t.git(['branch', '-q', '-D', `session/${A}`]);
    const { results, stepSummary } = await runWorkflowRooSteps(t, PR_EXPRESSIONS);
    expect(results.map((r) => r.run.match(/roo session \w+/)?.[0])).toEqual([
      'roo session check',
      'roo session show',
    ]);
    const [check, show] = results;

    // check: only session A is touched since origin/main (B's folder is not in the PR's diff); clean.
    expect(check!.exitCode, check!.stderr).toBe(0);
    expect(check!.stdout).toBe('');
    expect(check!.stderr).toBe('roo: checked 1 session: 0 errors, 0 warnings\n');

    // show --pr: A from the worktree and B (named only by a trailer) from origin/session/B.
    expect(show!.exitCode, show!.stderr).toBe(0);
    const md = readFileSync(join(t.dir, 'roo-summary.md'), 'utf8');
    expect(readFileSync(stepSummary, 'utf8')).toBe(md);
    expect(md.startsWith('<!-- roo-session:pr-summary -->\n## Sessions in this pull request\n')).toBe(true);
    expect(md).toContain(
      `2 sessions touched by \`origin/main...${(await rev(t, 'HEAD')).slice(0, 7)}\`.\n\n### Session: `,
    );
    expect(md).toContain('### Session: Fix login rate-limit!');
    expect(md).toContain(`| ID | \`${A}\` |`);
    expect(md).toContain('| Status | 🏁 Completed |');
    expect(md).toContain(`| Branch | \`session/${A}\` |`);
    expect(md).toContain('| Started | 2026-11-26T09:05:12+00:00 |');
    expect(md).toContain('| Ended | 2026-11-26T09:15:00+00:00 |');
    expect(md).toContain('| Duration | 9m |');
    expect(md).toContain('| Coordinator | `roo-cli` |');
    expect(md).toContain('| Commits · artifacts · tasks | 2 · 1 · 1 |');
    expect(md).toContain(
      `#### Commits (2)\n\n- ${c1.slice(0, 7)} add token bucket\n- ${c2.slice(0, 7)} tune the limit\n`,
    );
    expect(md).toContain(
      `- [\`artifacts/notes/NOTE-initial_plan-2611260910.md\`](https://github.com/acme/app/blob/HEADSHA/.ruru/sessions/${A}/artifacts/notes/NOTE-initial_plan-2611260910.md)`,
    );
    expect(md).toContain('#### Tasks (1)\n\n- `TASK-AUTH-20261126-091500`');
    expect(md).toContain(
      '#### Decisions (1)\n\n- token bucket per IP | not per user _(2026-11-26 09:09:00)_',
    );
    expect(md).toContain('<details><summary>Session log (');
    expect(md).toContain('### Session: Teammate spike');
    expect(md).toContain(`| Read from | \`origin/session/${B}\` |`);
    expect(md).toContain('- spike says yes _(2026-11-26 09:21:00)_');
    expect(md.indexOf('### Session: Fix login')).toBeLessThan(md.indexOf('### Session: Teammate'));
  });

  it('fails the check with an annotation when a session the PR touches is broken, and not for older ones', async () => {
    const { t } = await prRepo();
    // A broken session already on main (before the PR) is not the PR's business.
    await t.git(['switch', '-q', 'main']);
    t.write('.ruru/sessions/SESSION-Old_broken-2501010000/session_log.md', '+++\ntitle = "x\n+++\n');
    await t.git(['add', '.ruru']);
    await t.git(['commit', '-q', '-m', 'old broken session']);
    await t.git(['push', '-q', 'origin', 'main']);
    await t.git(['switch', '-q', `session/${A}`]);
    await t.git(['rebase', '-q', 'main']);
    // Break A in the working tree (uncommitted: --changed-since also looks there).
    const log = t.read(logPath(A));
    t.write(logPath(A), log.replace('status = "🏁 Completed"', 'status = "🏁 Completed'));
    const line = log.split('\n').findIndex((l) => l.startsWith('status =')) + 1;

    const { results } = await runWorkflowRooSteps(t, PR_EXPRESSIONS);
    const [check, show] = results;
    expect(check!.exitCode).toBe(5);
    expect(check!.stdout).toMatch(
      new RegExp(
        `^::error file=\\.ruru/sessions/${A}/session_log\\.md,line=${line},title=roo session check%3A frontmatter::invalid TOML: `,
      ),
    );
    expect(check!.stdout).not.toContain('Old_broken');
    expect(check!.stderr).toBe('roo: checked 1 session: 1 error, 0 warnings\n');
    // The summary still runs; the unreadable session is listed with the reason.
    expect(show!.exitCode, show!.stderr).toBe(0);
    expect(readFileSync(join(t.dir, 'roo-summary.md'), 'utf8')).toMatch(
      new RegExp(
        `- \`${A}\`: its log cannot be read: \\.ruru/sessions/${A}/session_log\\.md:${line}: invalid TOML`,
      ),
    );
    // Without --changed-since every session is checked, the old broken one too.
    const all = await roo(t, ['session', 'check']);
    expect(all.exitCode).toBe(5);
    expect(all.stdout).toContain(
      '.ruru/sessions/SESSION-Old_broken-2501010000/session_log.md:2: error frontmatter',
    );
  });
});

describe('roo session show --pr', () => {
  it('defaults to origin/HEAD, prints JSON, and says so when no session is touched', async () => {
    const { t } = await prRepo();
    const pr = JSON.parse(await rooOk(t, ['session', 'show', '--pr', '--json']));
    expect(pr).toMatchObject({
      schema: 'roo-session/pr-summary@1',
      base: 'origin/main',
      baseCommit: await rev(t, 'origin/main'),
      headCommit: await rev(t, 'HEAD'),
      missing: [],
    });
    expect(pr.sessions.map((s: { id: string; where: string }) => [s.id, s.where])).toEqual([
      [A, 'worktree'],
      [B, `origin/session/${B}`],
    ]);
    expect(pr.sessions[0].schema).toBe('roo-session/summary@1');

    await t.git(['switch', '-q', 'main']);
    const none = await roo(t, ['session', 'show', '--pr']);
    expect(none.exitCode).toBe(0);
    expect(none.stdout).toBe(
      `<!-- roo-session:pr-summary -->\nNo roo session is touched by \`origin/main...${(await rev(t, 'HEAD')).slice(0, 7)}\`.\n`,
    );
    expect(none.stderr).toBe('roo: no session is touched by origin/main...HEAD\n');
  });

  it('falls back to main without origin, and refuses a base that does not exist', async () => {
    const { t } = await prRepo();
    await t.git(['remote', 'remove', 'origin']);
    const pr = JSON.parse(await rooOk(t, ['session', 'show', '--pr', '--format', 'json']));
    // B is gone with origin: its trailer is reported, not fatal.
    expect(pr.base).toBe('main');
    expect(pr.sessions.map((s: { id: string }) => s.id)).toEqual([A]);
    expect(pr.missing).toEqual([
      { id: B, reason: 'named by a `Roo-Session` trailer, but no branch holds its log' },
    ]);
    const bad = await roo(t, ['session', 'show', '--pr', '--base', 'origin/nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(
      /^roo: --base origin\/nope: no such commit in this repository\n.*`git fetch origin`/,
    );
    const text = await roo(t, ['session', 'show', '--pr', '--format', 'text']);
    expect(text.exitCode).toBe(2);
    expect(text.stderr).toContain('run `roo session show --pr --format markdown`');
  });
});

describe('roo session show --format markdown|json', () => {
  it('summarises the active session, a session by ID, and one read from another branch', async () => {
    const { t, c1, c2 } = await prRepo();
    const json = JSON.parse(await rooOk(t, ['session', 'show', '--format', 'json', A]));
    expect(json).toMatchObject({
      schema: 'roo-session/summary@1',
      id: A,
      title: 'Fix login rate-limit!',
      status: '🏁 Completed',
      where: 'worktree',
      isRunning: false,
      durationSeconds: 588,
      counts: { commits: 2, artifacts: 1, tasks: 1 },
      tasks: ['TASK-AUTH-20261126-091500'],
      decisions: [expect.objectContaining({ text: 'token bucket per IP | not per user' })],
      artifacts: [
        {
          path: 'artifacts/notes/NOTE-initial_plan-2611260910.md',
          repoPath: `.ruru/sessions/${A}/artifacts/notes/NOTE-initial_plan-2611260910.md`,
          folder: 'notes',
        },
      ],
    });
    expect(json.commits.map((c: { sha: string }) => c.sha)).toEqual([c1, c2]);
    expect(json.log).toBe(t.read(logPath(A)).replace(/^\+\+\+[\s\S]*?\n\+\+\+\n/, ''));

    // The markdown of a session read from a branch says where it came from; links are relative without a base.
    const md = await rooOk(t, ['session', 'show', '--format', 'markdown', 'Teammate']);
    expect(md).toContain(`| Read from | \`origin/session/${B}\` |`);
    const mdA = await rooOk(t, ['session', 'show', '--format', 'markdown', 'rate-limit']);
    expect(mdA).toContain(`](.ruru/sessions/${A}/artifacts/notes/NOTE-initial_plan-2611260910.md)`);

    // The active session, with a commit only the journal knows so far.
    await rooOk(t, ['session', 'start', 'Second round'], { now: at(40) });
    const c3 = await commitAt(t, 'src/x.ts', 'x\n', 'a commit the log does not hold yet', at(41));
    const live = JSON.parse(await rooOk(t, ['session', 'show', '--json'], { now: at(45) }));
    expect(live).toMatchObject({ isRunning: true, durationSeconds: 300, pendingEntries: 1 });
    expect(live.commits.map((c: { sha: string }) => c.sha)).toEqual([c3]);
    expect(await rooOk(t, ['session', 'show', '--format', 'markdown'], { now: at(45) })).toContain(
      '| Ended | - (running) |\n| Duration | 5m so far |',
    );
    const misuse = await roo(t, ['session', 'show', '--base', 'main']);
    expect(misuse.exitCode).toBe(2);
    expect(misuse.stderr).toContain('run `roo session show --pr --base main`');
  });
});

describe('roo session check', () => {
  it('checks paths, reports artifact frontmatter and names, and exits 0 on warnings alone', async () => {
    const { t } = await prRepo();
    const folder = `.ruru/sessions/${A}`;
    t.write(
      `${folder}/artifacts/notes/NOTE-broken_meta-2611260930.md`,
      '+++\nid = "x"\ntags = [\n+++\n# x\n',
    );
    t.write(`${folder}/artifacts/notes/my notes.md`, 'no frontmatter\n');
    const r = await roo(t, ['session', 'check', `${folder}/artifacts`]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toBe(
      `${folder}/artifacts/notes/NOTE-broken_meta-2611260930.md:3: error artifact-frontmatter: invalid TOML frontmatter: ` +
        `${r.stdout.split('invalid TOML frontmatter: ')[1]!.split('\n')[0]}\n` +
        `${folder}/artifacts/notes/my notes.md:1: warning artifact-name: artifact name \`my notes.md\` does not follow NOTE-<description>-<YYMMDDHHMM>.<ext>\n`,
    );
    t.write(`${folder}/artifacts/notes/NOTE-broken_meta-2611260930.md`, '+++\nid = "x"\n+++\n# x\n');
    const ok = await roo(t, ['session', 'check', '--format', 'github', folder]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe(
      `::warning file=${folder}/artifacts/notes/my notes.md,line=1,title=roo session check%3A artifact-name::artifact name \`my notes.md\` does not follow NOTE-<description>-<YYMMDDHHMM>.<ext>\n`,
    );
    const json = JSON.parse((await roo(t, ['session', 'check', '--json', folder])).stdout);
    expect(json).toMatchObject({ ok: true, sessions: [folder] });
    const missing = await roo(t, ['session', 'check', 'src']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('src is not a session folder nor inside one');
    const badRef = await roo(t, ['session', 'check', '--changed-since', 'nope']);
    expect(badRef.exitCode).toBe(2);
    expect(badRef.stderr).toContain('--changed-since nope: no such commit');
    expect(await git(t, ['status', '--porcelain', '--', 'src'])).toBe('');
  });
});
