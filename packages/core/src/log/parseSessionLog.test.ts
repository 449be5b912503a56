import { describe, expect, it } from 'vitest';
import { SessionLogParseError } from '../errors.js';
import { SessionStatus } from '../status.js';
import broken from './__fixtures__/broken-v5.txt?raw';
import messy from './__fixtures__/messy-v6.txt?raw';
import { parseSessionLog, readSessionMeta } from './parseSessionLog.js';

const FILE = '.ruru/sessions/SESSION-Tidy_the_build_scripts-2503141530/session_log.md';
const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseSessionLog on a messy V6 log', () => {
  const doc = parseSessionLog(messy, FILE);

  it('reads the metadata through legacy keys, legacy status and a TOML datetime', () => {
    expect(doc.meta).toEqual({
      id: 'SESSION-Tidy_the_build_scripts-2503141530',
      title: 'Tidy the build scripts',
      status: SessionStatus.Paused,
      statusRaw: '🟡 paused',
      startTime: '2025-03-14T15:30:07+11:00',
      endTime: '',
      coordinator: 'prime-coordinator',
      relatedTasks: ['TASK-BUILD-20250314-153100', 'TASK-ONBOARD-2503141531'],
      relatedArtifacts: [],
      tags: ['session', 'log', 'build'],
      branch: '',
      baseCommit: '',
    });
  });

  it('keeps unknown keys and tables in data, dates as ISO strings', () => {
    expect(doc.data).toMatchObject({
      priority: 'high',
      'quoted key': 1,
      extra: { owner: 'someone' },
      start_time: '2025-03-14T15:30:07+11:00',
    });
  });

  it('warns about legacy keys at their lines', () => {
    expect(doc.warnings).toEqual([
      { line: 3, message: 'legacy key `session_id` read as `id`' },
      { line: 8, message: 'legacy key `coordinator_mode` read as `coordinator`' },
    ]);
  });

  it('finds entries in every bullet and timestamp style, also above ## Log Entries', () => {
    expect(doc.entries.map((e) => [e.line, e.text, e.key])).toEqual([
      [lineOf(messy, 'written above'), '**Planner:** written above the heading.', undefined],
      [
        lineOf(messy, 'Session initiated'),
        'Session initiated by `prime-coordinator` with goal: "Tidy the build scripts"',
        undefined,
      ],
      [lineOf(messy, 'star bullet'), '`dev`: star bullet, bold stamp, zone name', undefined],
      [lineOf(messy, 'out of order'), 'out of order with an offset', undefined],
      [lineOf(messy, 'no seconds'), 'no seconds', 'c:1234567'],
      [lineOf(messy, 'last real entry'), 'last real entry', undefined],
    ]);
    expect(doc.entries[0]!.raw).toBe('*   `[2025-03-14 15:31:02]` **Planner:** written above the heading.');
    expect(doc.entries[2]!.date?.getTime()).toBe(new Date(2025, 2, 14, 15, 40).getTime());
    expect(doc.entries[3]!.date?.getTime()).toBe(Date.UTC(2025, 2, 14, 4, 35));
    expect(doc.entries[4]!.date?.getTime()).toBe(new Date(2025, 2, 14, 15, 45).getTime());
  });

  it('recognises template placeholders, bulleted and commented out', () => {
    expect(doc.placeholders.map((p) => p.line)).toEqual([
      lineOf(messy, 'Created artifact: `[relative'),
      lineOf(messy, '# - [YYYY'),
    ]);
    expect(doc.placeholders.every((p) => p.date === undefined)).toBe(true);
  });

  it('ignores entry-looking lines inside code fences', () => {
    expect(doc.entries.some((e) => e.text.includes('inside a fence'))).toBe(false);
  });

  it('reads the goal section', () => {
    expect(doc.goal).toBe('Make `npm run build` fast again.\n\nIt takes minutes.');
  });

  it('reads the same with CRLF and a BOM', () => {
    const crlf = parseSessionLog(`\uFEFF${messy.replace(/\n/g, '\r\n')}`, FILE);
    expect(crlf.meta).toEqual(doc.meta);
    expect(crlf.entries.map((e) => [e.line, e.text, e.key])).toEqual(
      doc.entries.map((e) => [e.line, e.text, e.key]),
    );
    expect(crlf.goal).toBe(doc.goal);
    expect(crlf.text.startsWith('\uFEFF')).toBe(true);
  });
});

describe('parseSessionLog errors', () => {
  it('reports invalid TOML at its line in the whole file', () => {
    try {
      parseSessionLog(broken, 'x/session_log.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SessionLogParseError);
      const e = error as SessionLogParseError;
      expect(e.line).toBe(10);
      expect(e.file).toBe('x/session_log.md');
      expect(e.detail).toMatch(/invalid TOML: expected comma/);
      expect(e.message).toMatch(/^cannot read x\/session_log\.md:10: /);
      expect(e.exitCode).toBe(2);
    }
  });

  it('counts the line after a BOM and CRLF the same way', () => {
    expect(() => parseSessionLog(`\uFEFF${broken.replace(/\n/g, '\r\n')}`, 'f')).toThrow(
      /^cannot read f:10:/,
    );
  });

  it.each([
    ['', 1, /the file is empty/],
    ['\n  \n', 1, /the file is empty/],
    ['id = "x"\n+++\n', 1, /the opening `\+\+\+` line is missing/],
    ['# Session Log\n', 1, /no TOML frontmatter/],
    ['---\ntitle: x\n---\n', 1, /no TOML frontmatter/],
    ['+++\ntitle = "x"\n', 1, /never closed/],
    ['+++\ntitle = "x\n+++\n', 2, /invalid TOML/],
    ['+++\na = 1\na = 2\n+++\n', 3, /invalid TOML/],
  ])('refuses %j', (text, line, detail) => {
    try {
      parseSessionLog(text, 'f');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SessionLogParseError);
      expect((error as SessionLogParseError).line).toBe(line);
      expect((error as SessionLogParseError).detail).toMatch(detail);
    }
  });
});

describe('parseSessionLog tolerance', () => {
  it('fills defaults and warns for missing keys; the ID falls back to the folder name', () => {
    const doc = parseSessionLog('+++\n+++\n', '.ruru/sessions/SESSION-X-2611260905/session_log.md');
    expect(doc.meta).toMatchObject({
      id: 'SESSION-X-2611260905',
      title: '',
      status: undefined,
      tags: [],
      branch: '',
    });
    expect(doc.warnings.map((w) => w.message)).toEqual([
      'missing key `status`',
      'missing key `id`',
      'missing key `title`',
      'missing key `start_time`',
      'missing key `coordinator`',
    ]);
    expect(doc.entries).toEqual([]);
    expect(doc.goal).toBe('');
  });

  it('warns about an unknown status and values of the wrong type', () => {
    const doc = parseSessionLog(
      '+++\nstatus = "in progress"\ntitle = 42\ntags = "one"\nrelated_tasks = ["TASK-1", 2]\n+++\n',
      'f',
    );
    expect(doc.meta.status).toBeUndefined();
    expect(doc.meta.statusRaw).toBe('in progress');
    expect(doc.meta.title).toBe('42');
    expect(doc.meta.tags).toEqual(['one']);
    expect(doc.meta.relatedTasks).toEqual(['TASK-1']);
    const byLine = Object.fromEntries(doc.warnings.map((w) => [w.line, w.message]));
    expect(byLine[2]).toMatch(/unknown status "in progress"/);
    expect(byLine[3]).toMatch(/`title` should be a string/);
    expect(byLine[4]).toMatch(/`tags` should be an array of strings/);
    expect(byLine[5]).toMatch(/`related_tasks` has elements that are not strings/);
  });

  it('prefers the V7 key over its legacy alias', () => {
    const doc = parseSessionLog('+++\nid = "SESSION-A-2611260905"\nsession_id = "old"\n+++\n', 'f');
    expect(doc.meta.id).toBe('SESSION-A-2611260905');
  });

  it('keeps entries with impossible dates, undated, with a warning', () => {
    const doc = parseSessionLog(
      '+++\n+++\n- [2025-13-45 99:99] broken stamp\n- [ ] a checkbox\n- [link](x)\n',
      'f',
    );
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({ line: 3, date: undefined, text: 'broken stamp' });
    expect(doc.warnings.some((w) => w.line === 3 && /not a valid date/.test(w.message))).toBe(true);
  });

  it('reads the frontmatter of the three real V6/V7 shapes (comments after values and inside arrays)', () => {
    const text = [
      '+++',
      '# --- Session Metadata ---',
      'id = "SESSION-Start_New_Website_Project-2506050958" # (String, Required) e.g. "SESSION-[SanitizedGoal]-[YYMMDDHHMM]"',
      'status = "🟢 Active" # (String, Required) << Default: Active >>',
      'related_tasks = [',
      '    # (Array of Strings, Optional) List of formal MDTM Task IDs (e.g., "TASK-...").',
      ']',
      'tags = [',
      '    # (Array of Strings, Optional) Keywords.',
      '    "session", "log", "v6", "new-project", "website"',
      ']',
      '+++',
      '',
      '- [2025-06-05 09:58:10] Session initiated',
    ].join('\n');
    const doc = parseSessionLog(text, 'f');
    expect(doc.meta.status).toBe(SessionStatus.Active);
    expect(doc.meta.relatedTasks).toEqual([]);
    expect(doc.meta.tags).toEqual(['session', 'log', 'v6', 'new-project', 'website']);
    expect(doc.entries[0]?.line).toBe(14);
  });
});

describe('readSessionMeta', () => {
  it('reads the same metadata and warnings without the body', () => {
    const full = parseSessionLog(messy, FILE);
    expect(readSessionMeta(messy, FILE)).toEqual({
      meta: full.meta,
      data: full.data,
      warnings: full.warnings,
    });
  });

  it('reports the same errors', () => {
    expect(() => readSessionMeta(broken, 'f')).toThrow(/^cannot read f:10:/);
  });
});
