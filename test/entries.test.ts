import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, commitAt, frontmatter, git, logPath, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// Real logs, read and written by the built `roo` (docs/architecture.md, "The entry model"): the corpus of messy
// logs every entry style lives in (packages/core/src/log/__fixtures__/corpus), committed into a temp repository.

const CORPUS = join(projectRoot, 'packages', 'core', 'src', 'log', '__fixtures__', 'corpus');
const corpus = (name: string) => readFileSync(join(CORPUS, `${name}.txt`), 'utf8');

/** The corpus log `name` committed on main as session `id` (with `.ruru/config.toml`, as `roo init` leaves it). */
async function repoWith(logs: Record<string, string>): Promise<TempRepo> {
  const t = await makeTempRepo();
  await commitAt(t, 'README.md', 'hello\n', 'initial', at(1));
  await rooOk(t, ['init'], { now: at(2) });
  for (const [id, text] of Object.entries(logs)) await commitAt(t, logPath(id), text, `log ${id}`, at(3));
  return t;
}

describe('show on the corpus', () => {
  it('pulls errors, decisions, delegations, results, tasks and actors out of every style', async () => {
    const ids = {
      bullets: 'SESSION-Port_the_parser-2601100900',
      paragraphs: 'SESSION-Tune_the_model-2602031400',
      sections: 'SESSION-Release_1_2-2603051000',
      agentlog: 'SESSION-Index_docs-2604011200',
    };
    const t = await repoWith(Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, corpus(name)])));
    const show = async (id: string) =>
      JSON.parse(await rooOk(t, ['session', 'show', id, '--format', 'json']));

    const b = await show(ids.bullets);
    expect(b.schema).toBe('roo-session/summary@1');
    expect(b.counts.entries).toBe(13);
    expect(b.errors.map((e: { text: string }) => e.text)).toEqual([
      'Delegation to `util-perf` failed: mode not installed',
    ]);
    expect(b.delegations.map((d: { to: string }) => d.to)).toEqual(['dev-typescript', 'util-perf']);
    expect(b.results.map((r: { from: string }) => r.from)).toEqual(['dev-typescript']);

    const p = await show(ids.paragraphs);
    expect(p.counts.entries).toBe(7);
    expect(p.errors[0].text).toContain('TypeError: unsupported operand');
    expect(p.decisions).toHaveLength(1);
    expect(p.tasksNamed).toEqual([
      { id: 'TASK-HPO-260203', file: '.ruru/tasks/ML/TASK-HPO-260203.md', inFrontmatter: false, line: 19 },
    ]);
    expect(p.span.entriesAfterEnd).toBe(1);

    const s = await show(ids.sections);
    expect(s.entries.map((e: { style: string }) => e.style)).toEqual([
      'heading',
      'heading',
      'heading',
      'heading',
    ]);
    expect(s.decisions.map((d: { text: string }) => d.text)).toEqual([
      'release from a release branch instead of main.',
    ]);

    const a = await show(ids.agentlog);
    expect(a.actors.map((x: { name: string }) => x.name).sort()).toEqual(
      ['agent-embed', 'agent-indexer', 'roo-commander', 'util-reviewer'].sort(),
    );
    expect(a.tasksNamed).toHaveLength(3);

    const md = await rooOk(t, ['session', 'show', ids.paragraphs, '--format', 'markdown']);
    expect(md).toContain('```mermaid\ngitGraph\n');
    expect(md).toMatch(/#### Errors \(1\)\n\n- HPO script failed with a traceback: TypeError/);
    expect(md).toContain('- [`TASK-HPO-260203`](.ruru/tasks/ML/TASK-HPO-260203.md) _(named in the log)_');
  });
});

describe('session log on a real log', () => {
  it('adds the entry after the last one, whatever style the log is in, and keeps every byte', async () => {
    const id = 'SESSION-Release_1_2-2603051000';
    const text = corpus('sections')
      .replace('status = "⏸️ Paused"', 'status = "🟢 Active"')
      .replace('end_time = "2026-03-05T12:00:00Z"', 'end_time = ""');
    const t = await repoWith({ [id]: text });
    await rooOk(t, ['session', 'continue', id], { now: at(10) });
    await rooOk(t, ['session', 'log', 'after the sections'], { now: at(11) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(12) });
    const after = readFileSync(join(t.dir, logPath(id)), 'utf8');
    // Every original body line is still there, in order, and the new entry is below the last `## ts` section.
    const body = text.split('+++\n')[2]!.split('\n');
    let i = 0;
    for (const line of after.split('+++\n')[2]!.split('\n')) if (line === body[i]) i++;
    expect(i).toBe(body.length);
    const lines = after.split('\n');
    const added = lines.findIndex((l) => l.includes('] after the sections'));
    const lastSection = lines.findIndex((l) => l.startsWith('## 2026-03-05 11:30'));
    expect(added).toBeGreaterThan(lastSection);
    expect(lines[added]).toMatch(/^- \[2026-11-26 09:11:00\] after the sections(?: <!-- roo:\S+ -->)?$/);
  });
});

describe('continue on a log without a branch key', () => {
  it('maps the session to the branch it continues on, so current, log and pause work', async () => {
    const id = 'SESSION-Index_docs-2604011200';
    const t = await repoWith({ [id]: corpus('agentlog') });
    expect(frontmatter(corpus('agentlog')).branch).toBeUndefined();

    const c = await roo(t, ['session', 'continue', id], { now: at(10) });
    expect(c.exitCode, c.stderr).toBe(0);
    expect(frontmatter(readFileSync(join(t.dir, logPath(id)), 'utf8')).branch).toBe('main');
    expect(await rooOk(t, ['session', 'current'], { now: at(11) })).toBe(id);
    await rooOk(t, ['session', 'log', 'works after continue'], { now: at(12) });
    await rooOk(t, ['session', 'pause'], { now: at(13) });
    const log = readFileSync(join(t.dir, logPath(id)), 'utf8');
    expect(frontmatter(log).status).toBe('⏸️ Paused');
    expect(log).toContain('] works after continue');
    // Paused: the hint names the session to resume, not a placeholder.
    const none = await roo(t, ['session', 'log', 'no session now'], { now: at(14) });
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain(`run \`roo session start <goal>\` or \`roo session continue ${id}\``);
    // The pause commit carries the mapped log; nothing roo wrote is left modified.
    expect(await git(t, ['status', '--porcelain', '--', '.ruru/sessions'])).toBe('');
  });

  it('names the real ID in the hint when the session needs --reopen', async () => {
    const id = 'SESSION-Tune_the_model-2602031400';
    const t = await repoWith({ [id]: corpus('paragraphs') });
    const r = await roo(t, ['session', 'continue', id], { now: at(10) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`roo session continue ${id} --reopen`);
    expect(r.stderr).not.toContain('<id>');
  });
});

describe('check --format github within GitHub’s annotation limits', () => {
  it('annotates 10 warnings at most, says how many more in one notice, and writes all to the job summary', async () => {
    const id = 'SESSION-Clean_up-2605010800';
    const undated = Array.from({ length: 14 }, (_, i) => `- undated bullet ${i}`).join('\n');
    const t = await repoWith({
      [id]: `${corpus('tail').replace('## Log Entries\n', `## Log Entries\n\n${undated}\n`)}`,
    });
    const summaryFile = join(t.dir, '..', 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const r = await roo(t, ['session', 'check', '--format', 'github'], {
      env: { GITHUB_STEP_SUMMARY: summaryFile },
    });
    const lines = r.stdout.trim().split('\n');
    const warnings = lines.filter((l) => l.startsWith('::warning '));
    const notices = lines.filter((l) => l.startsWith('::notice '));
    expect(warnings).toHaveLength(10);
    expect(notices).toHaveLength(1);
    const total = 14 + 2 + 1; // undated bullets, two entries out of order, the placeholder
    expect(notices[0]).toContain(`${total - 10} more findings`);
    const written = readFileSync(summaryFile, 'utf8');
    expect(written.startsWith('# earlier step\n### roo session check\n')).toBe(true);
    expect(written.split('\n').filter((l) => l.startsWith('| warning |'))).toHaveLength(total);
  });
});
