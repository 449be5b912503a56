import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import template from '../../../../templates/session_log.md?raw';
import { SessionStatus } from '../status.js';
import { toSingleLine } from '../text.js';
import { formatIsoWithOffset } from '../time.js';
import { parseSessionLog } from './parseSessionLog.js';
import { formatEntry, isValidEntryKey, renderNewSessionLog } from './renderSessionLog.js';

const meta = {
  id: 'SESSION-Fix_login_rate-limit-2611260905',
  title: 'Fix login rate-limit!',
  startTime: '2026-11-26T09:05:12+01:00',
  coordinator: 'roo-cli',
  branch: 'session/SESSION-Fix_login_rate-limit-2611260905',
  baseCommit: '3f2a9c1e0b7d4a5f6e8c9d0a1b2c3d4e5f6a7b8c',
};

describe('renderNewSessionLog', () => {
  it('renders the canonical V7 log of docs/formats.md from the shipped template', () => {
    const out = renderNewSessionLog(template, meta, 'Fix login rate-limit!', 'Too many 429s.');
    const doc = parseSessionLog(out, 'f');
    expect(doc.meta).toEqual({
      id: meta.id,
      title: 'Fix login rate-limit!',
      status: SessionStatus.Active,
      statusRaw: '🟢 Active',
      startTime: '2026-11-26T09:05:12+01:00',
      endTime: '',
      coordinator: 'roo-cli',
      relatedTasks: [],
      relatedArtifacts: [],
      tags: ['session', 'log'],
      branch: meta.branch,
      baseCommit: meta.baseCommit,
    });
    expect(doc.warnings).toEqual([]);
    expect(Object.keys(doc.data)).toEqual([
      'id',
      'title',
      'status',
      'start_time',
      'end_time',
      'coordinator',
      'related_tasks',
      'related_artifacts',
      'tags',
      'branch',
      'base_commit',
    ]);
    expect(out.slice(out.indexOf('+++\n\n') + 5)).toBe(
      [
        '# Session Log',
        '',
        '## Goal',
        '',
        'Fix login rate-limit!',
        '',
        'Too many 429s.',
        '',
        '## Log Entries',
        '',
        '- [2026-11-26 09:05:12] Session initiated by `roo-cli` with goal: "Fix login rate-limit!"',
        '',
      ].join('\n'),
    );
    expect(doc.goal).toBe('Fix login rate-limit!\n\nToo many 429s.');
    expect(doc.entries).toHaveLength(1);
    expect(doc.placeholders).toEqual([]);
  });

  it('adds --tag values after the defaults, once', () => {
    const out = renderNewSessionLog(template, { ...meta, tags: ['auth', 'log', 'auth'] }, 'g');
    expect(parseSessionLog(out, 'f').meta.tags).toEqual(['session', 'log', 'auth']);
    expect(out).toContain('tags = ["session", "log", "auth"]');
  });

  it('keeps newlines in the title but writes the first entry on one line', () => {
    const goal = 'Line one\nLine "two" \\ end';
    const out = renderNewSessionLog(template, { ...meta, title: goal }, goal);
    const doc = parseSessionLog(out, 'f');
    expect(doc.meta.title).toBe(goal);
    expect(out).toContain('title = "Line one\\nLine \\"two\\" \\\\ end"');
    expect(doc.entries[0]?.text).toBe(
      'Session initiated by `roo-cli` with goal: "Line one Line "two" \\ end"',
    );
  });

  it('completes an override template that lacks keys and the first entry', () => {
    const override = '+++\nid = {{id}}\ntitle = "{{title}}"\n+++\n\n# My log\n\n{{goal}}\n';
    const out = renderNewSessionLog(override, meta, 'Fix it');
    const doc = parseSessionLog(out, 'f');
    expect(doc.meta).toMatchObject({
      id: meta.id,
      title: meta.title,
      status: SessionStatus.Active,
      branch: meta.branch,
    });
    expect(doc.meta.tags).toEqual(['session', 'log']);
    expect(doc.entries.map((e) => e.text)).toEqual(['Session initiated by `roo-cli` with goal: "Fix it"']);
    expect(out).toContain('# My log\n\nFix it\n\n## Log Entries\n\n- [');
  });

  it('round-trips any title through render → parse (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ maxLength: 20 }),
        (title, coordinator) => {
          const out = renderNewSessionLog(
            template,
            { ...meta, title, coordinator: coordinator || 'x' },
            title,
          );
          const doc = parseSessionLog(out, 'f');
          expect(doc.meta.title).toBe(title);
          expect(doc.meta.coordinator).toBe(coordinator || 'x');
          expect(doc.entries).toHaveLength(1);
          expect(doc.entries[0]!.date?.getTime()).toBe(new Date(2026, 10, 26, 9, 5, 12).getTime());
        },
      ),
    );
  });
});

describe('formatEntry', () => {
  const date = new Date(2026, 10, 26, 9, 20, 3);

  it('formats a plain and a keyed entry', () => {
    expect(formatEntry(date, 'hello')).toBe('- [2026-11-26 09:20:03] hello');
    expect(formatEntry(date, 'Commit `3f2a9c1`', 'c:3f2a9c1e')).toBe(
      '- [2026-11-26 09:20:03] Commit `3f2a9c1` <!-- roo:c:3f2a9c1e -->',
    );
  });

  it('keeps text on one line and unable to fake a key', () => {
    expect(formatEntry(date, '  a\n\n  b\r\nc\u2028d\te\u0007 ')).toBe('- [2026-11-26 09:20:03] a b c d\te');
    expect(formatEntry(date, 'x <!-- roo:k -->')).toBe('- [2026-11-26 09:20:03] x &lt;!-- roo:k -->');
  });

  it('refuses keys that would break the comment', () => {
    for (const key of ['', 'a b', 'a-->b', '<!--']) {
      expect(isValidEntryKey(key)).toBe(false);
      expect(() => formatEntry(date, 'x', key)).toThrow();
    }
  });

  it('toSingleLine collapses line breaks only', () => {
    expect(toSingleLine('a  b\nc')).toBe('a  b c');
  });
});

describe('renderNewSessionLog with a date', () => {
  it('derives start_time and the first entry from the date; description may come in meta', () => {
    const date = new Date(2026, 10, 26, 9, 5, 12);
    const out = renderNewSessionLog(template, {
      id: meta.id,
      title: 'Fix it',
      date,
      coordinator: 'agent',
      branch: 'b',
      baseCommit: 'c',
      description: 'More words.',
    });
    const doc = parseSessionLog(out, 'f');
    expect(doc.meta.startTime).toBe(formatIsoWithOffset(date));
    expect(doc.entries[0]?.raw).toBe(
      '- [2026-11-26 09:05:12] Session initiated by `agent` with goal: "Fix it"',
    );
    expect(doc.goal).toBe('Fix it\n\nMore words.');
  });

  it('needs a date or a start time', () => {
    expect(() => renderNewSessionLog(template, { ...meta, startTime: undefined })).toThrow(
      /meta\.date or meta\.startTime/,
    );
  });
});
