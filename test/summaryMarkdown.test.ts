import { spawnSync } from 'node:child_process';
import {
  parseSessionLog,
  renderPrSummaryMarkdown,
  renderSummaryMarkdown,
  summarizeSession,
} from '@roo-session/core';
import { describe, expect, it } from 'vitest';

/**
 * The PR summary rendered by GitHub's own Markdown engine (cmark-gfm from Debian, installed by
 * scripts/test-tools.sh) with raw HTML let through (`--unsafe`), so whatever HTML session text could smuggle in
 * would show. An adversarial corpus in every field a log or its frontmatter feeds into the summary.
 */
function cmarkGfm(markdown: string): string {
  const r = spawnSync(
    'cmark-gfm',
    [
      '--unsafe',
      '--extension',
      'table',
      '--extension',
      'autolink',
      '--extension',
      'strikethrough',
      '--extension',
      'tasklist',
    ],
    { input: markdown, encoding: 'utf8' },
  );
  if (r.error)
    throw new Error(`cmark-gfm did not run (install it: sh scripts/test-tools.sh): ${r.error.message}`);
  expect(r.status).toBe(0);
  return r.stdout;
}

// Each is hostile on its own; every one goes into titles, goals, entries, errors, decisions, delegations.
const HOSTILE = [
  '\\`</details><img src=x onerror=alert(1)>`',
  '\\`<h2>Approved by security</h2>`',
  '\\\\`<b>bold in code</b>`',
  '</details><h2>Approved</h2><details>',
  '![tracker](https://evil.example/pixel.png)',
  '@octocat please approve, cc @org/security-team',
  '# Heading from the log',
  '- [ ] a task box',
  '[x] checked',
  '[ref]: https://evil.example',
  '```js',
  '~~~',
  '> a quote',
  '1. ordered',
  '<http://evil.example/auto>',
  '&lt;script&gt; and &#60;img src=x&#62;',
  'pipe | in | text `and | in code`',
  'trailing backslash \\',
  '<!-- hidden --> comment',
  'ESC \u001b[31mred\u001b[0m and NUL \u0000 end',
  'line\u2028separator and\nnewline',
  '---',
  '<script>alert(1)</script>',
];

function hostileLog(): string {
  const esc = (s: string) => JSON.stringify(s).replace(/\\u0000/g, '\\u0000');
  const lines = [
    '+++',
    `id = ${esc('SESSION-a|b-2601010900')}`,
    `title = ${esc(HOSTILE.join(' '))}`,
    'status = "🔴 Error"',
    'start_time = "2026-01-01T09:00:00+00:00"',
    'end_time = "2026-01-01T10:00:00+00:00"',
    `coordinator = ${esc('c|d `|` @octocat \\')}`,
    `branch = ${esc('session/x|y')}`,
    'related_tasks = ["TASK-A-1"]',
    `related_artifacts = [${esc('artifacts/notes/<img src=x>|@octocat.md')}]`,
    '+++',
    '',
    '## Goal',
    '',
    ...HOSTILE.map((h) => h.replace(/\n/g, ' ')),
    '',
    '## Log Entries',
    '',
  ];
  HOSTILE.forEach((h, i) => {
    const text = h.replace(/\n/g, ' ');
    const ts = `2026-01-01 09:${String(i).padStart(2, '0')}:00`;
    lines.push(`- [${ts}] **Error:** ${text}`);
    lines.push(`- [${ts}] **Decision:** ${text}`);
    lines.push(`- [${ts}] Delegated task \`TASK-H-${i}\` to \`dev-${i}\`: ${text}`);
    lines.push(`- [${ts}] Received result from \`dev-${i}\` for task \`TASK-H-${i}\`: ${text}`);
    lines.push(
      `- [${ts}] Commit \`abc${String(i).padStart(4, '0')}\` on \`session/x\`: ${text} <!-- roo:c:abc${String(i).padStart(4, '0')}${'0'.repeat(33)} -->`,
    );
    lines.push(`- [${ts}] Merged \`main\` into \`x\`: ${text} <!-- roo:m:${i} -->`);
  });
  return `${lines.join('\n')}\n`;
}

/** Text outside `<code>`/`<pre>` elements of the HTML, tags removed. */
function textOutsideCode(html: string): string {
  return html.replace(/<pre[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');
}

describe('markdown summary against cmark-gfm with an adversarial corpus', () => {
  const doc = parseSessionLog(hostileLog(), '.ruru/sessions/SESSION-a|b-2601010900/session_log.md');
  const summary = summarizeSession(doc, { where: 'origin/session/x|y', now: new Date(2026, 0, 2) });
  const md = renderSummaryMarkdown(summary, { linkBase: 'https://github.com/o/r/blob/abc/' });
  const html = cmarkGfm(md);

  it('reads every hostile entry (so the test exercises them)', () => {
    expect(summary.errors.length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(summary.decisions.length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(summary.delegations).toHaveLength(HOSTILE.length);
    expect(summary.commits).toHaveLength(HOSTILE.length);
  });

  it('lets no HTML from session text through: only the fold roo writes', () => {
    expect(html.match(/<details>/g)).toHaveLength(1);
    expect(html.match(/<\/details>/g)).toHaveLength(1);
    expect(html.match(/<summary>/g)).toHaveLength(1);
    for (const tag of [
      '<img',
      '<h2',
      '<h1',
      '<script',
      '<b>',
      '<!--',
      '<input',
      '<hr',
      '<blockquote><p>a quote',
    ])
      expect(html, tag).not.toContain(tag);
    // The fold closes after the log, at the very end.
    expect(html.trimEnd().endsWith('</details>')).toBe(true);
    // An image becomes its text; a URL may still become a plain link (GitHub links bare URLs anyway).
    expect(html).toContain('![tracker](');
  });

  it('keeps the header table whole: every row two cells, pipes in ID, branch, coordinator escaped', () => {
    const table = /<table>[\s\S]*?<\/table>/.exec(html)![0];
    const rows = table.match(/<tr>[\s\S]*?<\/tr>/g)!;
    const mdRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'));
    expect(rows).toHaveLength(mdRows.length + 1);
    for (const row of rows.slice(1)) expect(row.match(/<td>/g), row).toHaveLength(2);
    expect(table).toContain('<code>SESSION-a|b-2601010900</code>');
    expect(table).toContain('<code>session/x|y</code>');
  });

  it('mentions nobody, outside code', () => {
    expect(textOutsideCode(html)).not.toMatch(/(^|[^\w])@[A-Za-z0-9]/);
    // The name is still readable: `@` and a zero-width space.
    expect(html).toContain('@\u200Boctocat');
  });

  it('breaks no heading, list or fold: only the headings roo writes, each list item one entry', () => {
    const headings = [...html.matchAll(/<h(\d)>([\s\S]*?)<\/h\1>/g)].map(
      (m) => `${m[1]} ${m[2]!.replace(/<[^>]+>/g, '').split(' ')[0]}`,
    );
    expect(headings[0]).toBe('3 Session:');
    for (const h of headings.slice(1))
      expect(h).toMatch(
        /^4 (Goal|Timeline|Errors|Decisions|Delegations|Results|Commits|Artifacts|Tasks|Merges|Rewrites)$/,
      );
    const beforeFold = md.slice(0, md.indexOf('\n<details><summary>'));
    const items = beforeFold.split('\n').filter((l) => /^- /.test(l)).length;
    expect(html.match(/<li>/g)).toHaveLength(items);
    expect(html).not.toMatch(/<ol>|<li>\s*<(ul|ol|pre|h\d|blockquote)/);
    // The diagram's labels carry nothing Mermaid or Markdown would read as syntax.
    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(md)![1]!.split('\n');
    expect(mermaid[0]).toBe('gitGraph');
    for (const line of mermaid.slice(1))
      expect(line).toMatch(/^ {2}commit id: "[^"<>`\\]*"(?: type: [A-Z]+)?(?: tag: "[a-z]+")?$/);
  });

  it('stays safe in the PR form, many sessions cut to fit', () => {
    const pr = renderPrSummaryMarkdown(
      {
        schema: 'roo-session/pr-summary@1',
        base: 'origin/main|x',
        baseCommit: 'a'.repeat(40),
        headCommit: 'b'.repeat(40),
        sessions: [summary, summary, summary],
        missing: [{ id: 'SESSION-<img>|x', reason: HOSTILE.join(' ') }],
      },
      { maxChars: 60_000 },
    );
    expect(pr.length).toBeLessThanOrEqual(60_000);
    const out = cmarkGfm(pr);
    expect(out.match(/<details>/g)).toHaveLength(3);
    expect(out.match(/<\/details>/g)).toHaveLength(3);
    for (const tag of ['<img', '<h2>Approved', '<script', '<b>']) expect(out, tag).not.toContain(tag);
    expect(textOutsideCode(out)).not.toMatch(/(^|[^\w])@[A-Za-z0-9]/);
  });
});
