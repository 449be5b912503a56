import { describe, expect, it } from 'vitest';
import { parseSessionLog } from '../log/parseSessionLog.js';
import {
  PR_SUMMARY_MARKER,
  PR_SUMMARY_SCHEMA,
  renderPrSummaryMarkdown,
  renderSummaryMarkdown,
} from './renderSummaryMarkdown.js';
import { formatDuration, SUMMARY_SCHEMA, summarizeSession } from './summarizeSession.js';

const ID = 'SESSION-Fix_login_rate-limit-2611260905';
const SHA1 = '3f2a9c1e0b5d4c6f8a7b9c0d1e2f3a4b5c6d7e8f';
const SHA2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const LOG = `+++
id = "${ID}"
title = "Fix login | rate-limit!"
status = "🏁 Completed"
start_time = "2026-11-26T09:05:12+00:00"
end_time = "2026-11-26T10:10:42+00:00"
coordinator = "roo-cli"
related_tasks = ["TASK-AUTH-20261126-091500"]
related_artifacts = ["artifacts/notes/NOTE-initial plan (v2)-2611260912.md"]
tags = ["session", "log"]
branch = "session/${ID}"
base_commit = "${SHA2}"
+++

# Session Log

## Goal

Fix login | rate-limit!

From ticket API-12.

## Log Entries

- [2026-11-26 09:05:12] Session initiated by \`roo-cli\` with goal: "Fix login | rate-limit!"
- [2026-11-26 09:12:40] Created artifact: \`artifacts/notes/NOTE-initial plan (v2)-2611260912.md\` (Type: note)
- [2026-11-26 09:20:03] Commit \`3f2a9c1\` on \`session/${ID}\`: add token bucket <!-- roo:c:${SHA1} -->
- [2026-11-26 09:30:00] **Decision:** token bucket per IP, not per user </details>
- [2026-11-26 09:40:00] **Error:** redis was down
- [2026-11-26 09:45:00] Merged \`main\` into \`session/${ID}\` (2 commits) <!-- roo:m:abc -->
- [2026-11-26 10:10:42] Session status changed to: \`🏁 Completed\`

\`\`\`
pasted ---
\`\`\`
`;

const doc = parseSessionLog(LOG, `.ruru/sessions/${ID}/session_log.md`);
const now = new Date('2026-11-26T12:00:00Z');

describe('summarizeSession', () => {
  const s = summarizeSession(doc, { where: 'worktree', now });

  it('carries the header facts and the schema tag', () => {
    expect(s).toMatchObject({
      schema: SUMMARY_SCHEMA,
      id: ID,
      title: 'Fix login | rate-limit!',
      status: '🏁 Completed',
      branch: `session/${ID}`,
      isRunning: false,
      durationSeconds: 3930,
      coordinator: 'roo-cli',
      counts: { commits: 1, artifacts: 1, tasks: 1, entries: 7 },
      tasks: ['TASK-AUTH-20261126-091500'],
    });
    expect(s.goal).toBe('Fix login | rate-limit!\n\nFrom ticket API-12.');
  });

  it('pulls commits (full SHA from the key), decisions, errors and merges out of the log', () => {
    expect(s.commits).toEqual([
      {
        date: expect.stringMatching(/^2026-11-26T/),
        sha: SHA1,
        shortSha: '3f2a9c1',
        subject: 'add token bucket',
        fromHistory: false,
        source: 'log',
        line: LOG.split('\n').findIndex((l) => l.includes('Commit `3f2a9c1`')) + 1,
      },
    ]);
    expect(s.decisions.map((d) => d.text)).toEqual(['token bucket per IP, not per user </details>']);
    expect(s.errors.map((d) => d.text)).toEqual(['redis was down']);
    expect(s.merges).toHaveLength(1);
    expect(s.artifacts).toEqual([
      {
        path: 'artifacts/notes/NOTE-initial plan (v2)-2611260912.md',
        repoPath: `.ruru/sessions/${ID}/artifacts/notes/NOTE-initial plan (v2)-2611260912.md`,
        folder: 'notes',
      },
    ]);
    expect(s.log.startsWith('\n# Session Log')).toBe(true);
  });

  it('adds range commits the log does not list yet, after the logged ones', () => {
    const withRange = summarizeSession(doc, {
      where: 'worktree',
      now,
      rangeCommits: [
        { sha: SHA1, subject: 'add token bucket', committedAt: now },
        { sha: SHA2, subject: 'tune limits', committedAt: now },
      ],
    });
    expect(withRange.commits.map((c) => [c.shortSha, c.source])).toEqual([
      ['3f2a9c1', 'log'],
      ['a1b2c3d', 'range'],
    ]);
  });

  it('measures a running session up to now, and says null when a time does not parse', () => {
    const running = parseSessionLog(LOG.replace(/end_time = ".*"/, 'end_time = ""'), 'f');
    expect(summarizeSession(running, { where: 'worktree', now })).toMatchObject({
      isRunning: true,
      durationSeconds: 10488,
    });
    const odd = parseSessionLog(LOG.replace(/start_time = ".*"/, 'start_time = "soon"'), 'f');
    expect(summarizeSession(odd, { where: 'worktree', now }).durationSeconds).toBeNull();
  });
});

describe('renderSummaryMarkdown', () => {
  const s = summarizeSession(doc, { where: 'origin/session/x', now });
  const md = renderSummaryMarkdown(s);

  it('has the header table with escaped cells', () => {
    expect(md).toContain('### Session: Fix login | rate-limit!');
    expect(md).toContain(`| ID | \`${ID}\` |`);
    expect(md).toContain('| Goal | Fix login \\| rate-limit! |');
    expect(md).toContain('| Status | 🏁 Completed |');
    expect(md).toContain('| Read from | `origin/session/x` |');
    expect(md).toContain('| Duration | 1h 05m |');
    expect(md).toContain('| Commits · artifacts · tasks | 1 · 1 · 1 |');
  });

  it('lists commits with bare short SHAs, artifacts as encoded links, tasks, decisions and errors', () => {
    expect(md).toContain('#### Commits (1)\n\n- 3f2a9c1 add token bucket\n');
    expect(md).toContain(
      `- [\`artifacts/notes/NOTE-initial plan (v2)-2611260912.md\`](.ruru/sessions/${ID}/artifacts/notes/NOTE-initial%20plan%20%28v2%29-2611260912.md)`,
    );
    expect(md).toContain('- `TASK-AUTH-20261126-091500`');
    expect(md).toContain('- token bucket per IP, not per user &lt;/details&gt; _(2026-11-26 09:30:00)_');
    expect(md).toContain('#### Errors (1)\n\n- redis was down');
    expect(md).toContain('#### Goal\n\n> Fix login | rate-limit!\n>\n> From ticket API-12.');
  });

  it('folds the whole log in a details block whose fence the log cannot close', () => {
    // The log holds a ``` fence, so the block uses four backticks; its `</details>` stays inside the block.
    expect(md).toContain(
      '<details><summary>Session log (7 entries)</summary>\n\n````markdown\n# Session Log',
    );
    expect(md.endsWith('pasted ---\n```\n````\n\n</details>\n')).toBe(true);
    const outside = md.replace(/````markdown[\s\S]*?\n````\n/, '');
    expect(outside.match(/<\/details>/g)).toHaveLength(1);
  });

  it('links to a base URL when given', () => {
    expect(renderSummaryMarkdown(s, { linkBase: 'https://github.com/o/r/blob/abc/' })).toContain(
      `](https://github.com/o/r/blob/abc/.ruru/sessions/${ID}/artifacts/notes/`,
    );
  });
});

describe('renderPrSummaryMarkdown', () => {
  const s = summarizeSession(doc, { where: 'worktree', now });
  const pr = {
    schema: PR_SUMMARY_SCHEMA,
    base: 'origin/main',
    baseCommit: SHA2,
    headCommit: SHA1,
    sessions: [s, s],
    missing: [{ id: 'SESSION-Gone-2611260000', reason: 'no branch holds its log' }],
  } as const;

  it('puts the marker first and one summary after another', () => {
    const md = renderPrSummaryMarkdown({ ...pr, sessions: [...pr.sessions], missing: [...pr.missing] });
    expect(md.startsWith(`${PR_SUMMARY_MARKER}\n## Sessions in this pull request`)).toBe(true);
    expect(md).toContain('2 sessions touched by `origin/main...3f2a9c1`');
    expect(md).toContain('- `SESSION-Gone-2611260000`: no branch holds its log');
    expect(md.match(/### Session: /g)).toHaveLength(2);
    expect(md).toContain('\n---\n');
  });

  it('says so when no session is touched', () => {
    expect(renderPrSummaryMarkdown({ ...pr, sessions: [], missing: [] })).toBe(
      `${PR_SUMMARY_MARKER}\nNo roo session is touched by \`origin/main...3f2a9c1\`.\n`,
    );
  });

  it('cuts the folded logs to fit a comment limit', () => {
    const big = { ...s, log: `${'- [2026-11-26 09:05:12] a long line of text\n'.repeat(2000)}` };
    const md = renderPrSummaryMarkdown({ ...pr, sessions: [big, big], missing: [] }, { maxChars: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toMatch(
      /… \d+ more lines: see \.ruru\/sessions\/SESSION-Fix_login_rate-limit-2611260905\/session_log\.md/,
    );
    expect(md).toContain('The log is cut to fit; read all of it in [');
  });
});

describe('formatDuration', () => {
  it('reads like a person would write it', () => {
    expect(formatDuration(null)).toBe('-');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(12 * 60)).toBe('12m');
    expect(formatDuration(3930)).toBe('1h 05m');
    expect(formatDuration(50 * 3600)).toBe('2d 2h');
  });
});
