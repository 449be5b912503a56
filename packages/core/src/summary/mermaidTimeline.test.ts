import { parse } from '@mermaid-js/parser';
import { describe, expect, it } from 'vitest';
import { parseSessionLog } from '../log/parseSessionLog.js';
import { formatLogTimestamp } from '../time.js';
import { MERMAID_MAX_TEXT, mermaidLabel, renderMermaidTimeline, timelineEvents } from './mermaidTimeline.js';
import { renderSummaryMarkdown } from './renderSummaryMarkdown.js';
import { summarizeSession } from './summarizeSession.js';

/** GitHub refuses a comment over this many characters. */
const GITHUB_COMMENT_MAX = 65_536;

function logWith(commits: number): string {
  const lines = [
    '+++',
    'id = "SESSION-Big-2601010900"',
    'title = "Big \\"one\\" <b>"',
    'status = "🏁 Completed"',
    'start_time = "2026-01-01T09:00:00+00:00"',
    'end_time = "2026-01-20T09:00:00+00:00"',
    'coordinator = "roo-cli"',
    'branch = "session/SESSION-Big-2601010900"',
    '+++',
    '',
    '## Log Entries',
    '',
  ];
  const t0 = new Date(2026, 0, 1, 9, 0, 0).getTime();
  const at = (i: number) => formatLogTimestamp(new Date(t0 + i * 60_000));
  lines.push(`- [${at(0)}] Session initiated by \`roo-cli\` with goal: "Big"`);
  for (let i = 1; i <= commits; i++) {
    const sha = i.toString(16).padStart(7, '0');
    lines.push(
      `- [${at(i)}] Commit \`${sha}\` on \`session/SESSION-Big-2601010900\`: change "${i}" <x> \`y\` <!-- roo:c:${sha}${'0'.repeat(33)} -->`,
    );
    if (i % 500 === 0) {
      lines.push(`- [${at(i)}] Session status changed to: \`⏸️ Paused\``);
      lines.push(`- [${at(i)}] Session status changed to: \`🟢 Active\``);
      lines.push(`- [${at(i)}] Merged \`main\` into \`session/x\` (3 commits) <!-- roo:m:${i} -->`);
      lines.push(`- [${at(i)}] Rewrote 2 commits (rebase) <!-- roo:r:rebase:${i} -->`);
    }
  }
  lines.push(`- [${at(commits + 1)}] Session status changed to: \`🏁 Completed\``);
  return `${lines.join('\n')}\n`;
}

const summarize = (text: string) =>
  summarizeSession(parseSessionLog(text, '.ruru/sessions/SESSION-Big-2601010900/session_log.md'), {
    where: 'worktree',
    now: new Date(2026, 1, 1),
  });

describe('renderMermaidTimeline', () => {
  it('draws start, commits, merges, rewrites, pauses, continues and the end, and Mermaid parses it', async () => {
    const s = summarize(logWith(500));
    const kinds = new Set(timelineEvents(s).map((e) => e.kind));
    expect(kinds).toEqual(new Set(['start', 'commit', 'pause', 'continue', 'merge', 'rewrite', 'end']));
    const small = summarize(logWith(20));
    const { source, collapsed } = renderMermaidTimeline(small);
    expect(collapsed).toBe(false);
    expect(source.split('\n')[0]).toBe('gitGraph');
    expect(source).toContain('commit id: "2 0000001 change 1 x y"');
    expect(source).toMatch(/tag: "end"\n$/);
    const ast = await parse('gitGraph', source);
    expect(ast.statements).toHaveLength(22);
  });

  it('keeps labels to characters Mermaid reads inside quotes', () => {
    expect(mermaidLabel('say "hi" `x` <b> \\ %% ;\n}')).toBe('say hi x b');
    expect(mermaidLabel('x'.repeat(80))).toHaveLength(48);
  });

  it('with 5,000 commits stays under 50,000 characters, keeps the milestones, and still parses', async () => {
    const s = summarize(logWith(5000));
    expect(s.commits).toHaveLength(5000);
    // One node per event would be far over the limit.
    expect(timelineEvents(s).length * 'commit id: "1234 0000001 change 1 x y"\n'.length).toBeGreaterThan(
      MERMAID_MAX_TEXT,
    );
    const { source, collapsed } = renderMermaidTimeline(s);
    expect(source.length).toBeLessThanOrEqual(MERMAID_MAX_TEXT);
    expect(collapsed).toBe(true);
    // Milestones survive the collapse: 10 pauses, 10 continues, merges, rewrites, the end.
    for (const tag of ['paused', 'continued', 'merge', 'rewrite', 'end', 'start'])
      expect(source).toContain(`tag: "${tag}"`);
    expect((source.match(/tag: "paused"/g) ?? []).length).toBe(10);
    expect(source).toMatch(/\d+ commits [0-9a-f]{7}\.\.[0-9a-f]{7}/);
    await expect(parse('gitGraph', source)).resolves.toBeDefined();
  }, 60_000);

  it('the 5,000-commit summary in markdown stays under GitHub’s comment limit and says where the log is', async () => {
    const s = summarize(logWith(5000));
    const md = renderSummaryMarkdown(s, { linkBase: 'https://github.com/o/r/blob/abc/' });
    expect(md.length).toBeLessThan(GITHUB_COMMENT_MAX);
    expect(md).toContain(
      'The log is cut to fit; read all of it in [`.ruru/sessions/SESSION-Big-2601010900/session_log.md`](https://github.com/o/r/blob/abc/.ruru/sessions/SESSION-Big-2601010900/session_log.md).',
    );
    expect(md).toMatch(/#### Commits \(5000\)\n\n(- [0-9a-f]{7} .*\n){40}- … 4960 more in the log\n/);
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md)![1]!;
    expect(block.length).toBeLessThanOrEqual(MERMAID_MAX_TEXT);
    await expect(parse('gitGraph', `${block}\n`)).resolves.toBeDefined();
  }, 60_000);
});
