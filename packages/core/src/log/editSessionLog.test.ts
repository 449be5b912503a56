import { describe, expect, it } from 'vitest';
import { InternalInvariantError, SessionLogParseError } from '../errors.js';
import { SessionStatus } from '../status.js';
import messy from './__fixtures__/messy-v6.txt?raw';
import { editParsedSessionLog, editSessionLog } from './editSessionLog.js';
import { parseSessionLog } from './parseSessionLog.js';

const at = (h: number, m: number, s = 0): Date => new Date(2025, 2, 14, h, m, s);

/** The lines of `after` that are not in `before`, assuming `before` is a subsequence of `after`. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  expect(i).toBe(a.length);
  return added;
}

const simple = [
  '+++',
  'id = "SESSION-A-2503141500"',
  'status = "🟢 Active" # keep me',
  'tags = ["session", "log"]',
  '+++',
  '',
  '# Session Log',
  '',
  '## Log Entries',
  '',
  '- [2025-03-14 15:00:00] one',
  '- [2025-03-14 15:10:00] two',
  '- [2025-03-14 15:20:00] three',
  '',
  'Text after the list.',
  '',
].join('\n');

describe('editSessionLog: set', () => {
  it('replaces only the value token; the comment stays', () => {
    const out = editSessionLog(messy, { set: { status: SessionStatus.Completed } });
    expect(out).toBe(messy.replace('status = "🟡 paused" # legacy', 'status = "🏁 Completed" # legacy'));
  });

  it('replaces a literal string and a multi-line string', () => {
    expect(editSessionLog(messy, { set: { title: 'New "title"' } })).toBe(
      messy.replace("title = 'Tidy the build scripts'", 'title = "New \\"title\\""'),
    );
    const multi = '+++\ntitle = """\nline one\nline two""" # c\n+++\n';
    expect(editSessionLog(multi, { set: { title: 'x' } })).toBe('+++\ntitle = "x" # c\n+++\n');
  });

  it('inserts a missing key before the closing +++', () => {
    expect(editSessionLog(simple, { set: { branch: 'session/x' } })).toBe(
      simple.replace('tags = ["session", "log"]\n', 'tags = ["session", "log"]\nbranch = "session/x"\n'),
    );
  });

  it('inserts a missing key after the last top-level key when the frontmatter has a [table]', () => {
    const out = editSessionLog(messy, { set: { branch: 'session/x', base_commit: 'abc' } });
    expect(addedLines(messy, out)).toEqual(['branch = "session/x"', 'base_commit = "abc"']);
    expect(out).toContain('"quoted key" = 1\nbranch = "session/x"\nbase_commit = "abc"\n\n[extra]');
    const doc = parseSessionLog(out, 'f');
    expect(doc.meta.branch).toBe('session/x');
    expect(doc.data.extra).toEqual({ owner: 'someone' });
  });

  it('escapes values with newlines, quotes and backslashes', () => {
    const title = 'a "b" \\ c\nd\u0000';
    const out = editSessionLog(simple, { set: { title } });
    expect(parseSessionLog(out, 'f').meta.title).toBe(title);
    expect(out.split('\n')).toHaveLength(simple.split('\n').length + 1);
  });

  it('returns the same text when nothing changes', () => {
    expect(editSessionLog(simple, {})).toBe(simple);
    expect(editSessionLog(simple, { set: { status: '🟢 Active' } })).toBe(simple);
  });
});

describe('editSessionLog: append', () => {
  it('adds a line before ] of a multi-line array, with the missing comma, keeping comments', () => {
    const out = editSessionLog(messy, {
      append: { related_tasks: ['TASK-NEW-1', 'TASK-BUILD-20250314-153100'] },
    });
    expect(out).toContain(
      [
        'related_tasks = [',
        '    # (Array of Strings) MDTM tasks',
        '    "TASK-BUILD-20250314-153100",',
        "    'TASK-ONBOARD-2503141531', # trailing comment, no comma",
        '    "TASK-NEW-1",',
        ']',
      ].join('\n'),
    );
    expect(parseSessionLog(out, 'f').meta.relatedTasks).toEqual([
      'TASK-BUILD-20250314-153100',
      'TASK-ONBOARD-2503141531',
      'TASK-NEW-1',
    ]);
  });

  it('adds to a multi-line array whose last line holds elements', () => {
    const out = editSessionLog(messy, { append: { tags: ['perf', 'log'] } });
    expect(out).toContain('    "build",\n    "perf",\n]');
  });

  it('fills an empty single-line array in place, comment kept', () => {
    const out = editSessionLog(messy, {
      append: { related_artifacts: ['artifacts/notes/NOTE-a-2503141600.md'] },
    });
    expect(out).toBe(
      messy.replace(
        'related_artifacts = [] # none yet',
        'related_artifacts = ["artifacts/notes/NOTE-a-2503141600.md"] # none yet',
      ),
    );
  });

  it('extends a single-line array after its last element, skipping duplicates', () => {
    const out = editSessionLog(simple, { append: { tags: ['log', 'x', 'x', 'y'] } });
    expect(out).toContain('tags = ["session", "log", "x", "y"]\n');
    expect(editSessionLog(out, { append: { tags: ['x'] } })).toBe(out);
  });

  it('handles trailing commas and odd spacing', () => {
    const text = '+++\ntags = [ "a",]\nrelated_tasks = ["TASK-1" ,\n  "TASK-2"]\n+++\n';
    const out = editSessionLog(text, { append: { tags: ['b'], related_tasks: ['TASK-3'] } });
    expect(out).toBe('+++\ntags = [ "a", "b",]\nrelated_tasks = ["TASK-1" ,\n  "TASK-2", "TASK-3"]\n+++\n');
  });

  it('creates a missing array', () => {
    const out = editSessionLog(simple, { append: { related_tasks: ['TASK-1'] } });
    expect(out).toContain('tags = ["session", "log"]\nrelated_tasks = ["TASK-1"]\n+++');
  });

  it('turns a lone string into an array, refuses other types', () => {
    expect(editSessionLog('+++\ntags = "one"\n+++\n', { append: { tags: ['two'] } })).toBe(
      '+++\ntags = ["one", "two"]\n+++\n',
    );
    expect(() => editSessionLog('+++\ntags = 3\n+++\n', { append: { tags: ['two'] } })).toThrow(
      SessionLogParseError,
    );
  });
});

describe('editSessionLog: addEntries', () => {
  it('adds after the last entry of the last ## Log Entries section, before text after the list', () => {
    const out = editSessionLog(simple, { addEntries: [{ date: at(15, 30), text: 'four' }] });
    expect(out).toBe(simple.replace('three\n', 'three\n- [2025-03-14 15:30:00] four\n'));
  });

  it('puts an older entry after the last one too (never above an entry with a later time), new ones in time order', () => {
    const out = editSessionLog(simple, {
      addEntries: [
        { date: at(15, 10), text: 'two-bis' },
        { date: at(15, 5), text: 'one-bis' },
        { date: at(14, 0), text: 'zero' },
      ],
    });
    expect(parseSessionLog(out, 'f').entries.map((e) => e.text)).toEqual([
      'one',
      'two',
      'three',
      'zero',
      'one-bis',
      'two-bis',
    ]);
  });

  it('skips continuation lines of the last entry and keeps stray text, fences and placeholders after it', () => {
    const out = editSessionLog(messy, { addEntries: [{ date: at(16, 30), text: 'newest', key: 'k:1' }] });
    expect(out).toContain(
      '- [2025-03-14 16:00:00] last real entry\n  second line of the last entry\n- [2025-03-14 16:30:00] newest <!-- roo:k:1 -->\n\nClosing remarks',
    );
    expect(addedLines(messy, out)).toEqual(['- [2025-03-14 16:30:00] newest <!-- roo:k:1 -->']);
  });

  it('goes after the last entry in file order in an out-of-order log', () => {
    const out = editSessionLog(messy, { addEntries: [{ date: at(15, 50), text: 'between' }] });
    expect(out).toContain('second line of the last entry\n- [2025-03-14 15:50:00] between\n\nClosing');
  });

  it('uses the last ## Log Entries when the heading is duplicated', () => {
    const text = `+++\n+++\n## Log Entries\n\n- [2025-03-14 15:00:00] a\n\n## Log Entries\n\n- [2025-03-14 14:00:00] b\n`;
    const out = editSessionLog(text, { addEntries: [{ date: at(16, 0), text: 'c' }] });
    expect(out).toBe(`${text}- [2025-03-14 16:00:00] c\n`);
  });

  it('fills an empty section under its heading, one blank line each side', () => {
    const text = '+++\n+++\n## Log Entries\n\n## Notes\n';
    expect(editSessionLog(text, { addEntries: [{ date: at(15, 0), text: 'a' }] })).toBe(
      '+++\n+++\n## Log Entries\n\n- [2025-03-14 15:00:00] a\n\n## Notes\n',
    );
    const tight = '+++\n+++\n## Log Entries\nsome text';
    expect(editSessionLog(tight, { addEntries: [{ date: at(15, 0), text: 'a' }] })).toBe(
      '+++\n+++\n## Log Entries\n\n- [2025-03-14 15:00:00] a\n\nsome text',
    );
  });

  it('adds a ## Log Entries section at the end when there is none', () => {
    expect(
      editSessionLog('+++\n+++\n# Session Log\n', { addEntries: [{ date: at(15, 0), text: 'a' }] }),
    ).toBe('+++\n+++\n# Session Log\n\n## Log Entries\n\n- [2025-03-14 15:00:00] a\n');
    expect(editSessionLog('+++\n+++', { addEntries: [{ date: at(15, 0), text: 'a' }] })).toBe(
      '+++\n+++\n## Log Entries\n\n- [2025-03-14 15:00:00] a\n',
    );
  });

  it('keeps a missing final newline missing', () => {
    const text = simple.replace('\n\nText after the list.\n', '');
    expect(text.endsWith('three')).toBe(true);
    expect(editSessionLog(text, { addEntries: [{ date: at(16, 0), text: 'four' }] })).toBe(
      `${text}\n- [2025-03-14 16:00:00] four`,
    );
  });

  it('keeps CRLF and the BOM, and writes new lines with CRLF', () => {
    const crlf = `\uFEFF${simple.replace(/\n/g, '\r\n')}`;
    const out = editSessionLog(crlf, {
      set: { status: SessionStatus.Paused, end_time: 'x' },
      append: { tags: ['t'] },
      addEntries: [{ date: at(16, 0), text: 'four' }],
    });
    expect(out.startsWith('\uFEFF+++\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('end_time = "x"\r\n+++\r\n');
    expect(out).toContain('three\r\n- [2025-03-14 16:00:00] four\r\n');
  });

  it('writes a text with newlines as one list item, further lines indented by two spaces', () => {
    const out = editSessionLog(simple, {
      addEntries: [{ date: at(16, 0), text: 'a\nb\r\n\n- [2025-01-01 00:00:00] c <!-- roo:fake -->\n' }],
    });
    expect(out).toContain(
      'three\n- [2025-03-14 16:00:00] a\n  b\n\n  \\- [2025-01-01 00:00:00] c &lt;!-- roo:fake -->\n\nText after',
    );
    const shaped = editSessionLog(simple, { addEntries: [{ date: at(16, 0), text: 'a\n  b\n\n    code' }] });
    expect(shaped).toContain('three\n- [2025-03-14 16:00:00] a\n  b\n\n    code\n');
    const doc = parseSessionLog(out, 'f');
    expect(doc.entries).toHaveLength(4);
    expect(doc.entries.at(-1)).toMatchObject({ text: 'a', key: undefined });
  });
});

describe('editSessionLog: replaceKeyed', () => {
  const keyed = simple.replace(
    '- [2025-03-14 15:10:00] two',
    '* **[2025-03-14 15:10]** two <!-- roo:c:aaa -->',
  );

  it('rewrites the keyed line, keeping its timestamp unless a date is given', () => {
    expect(editSessionLog(keyed, { replaceKeyed: [{ key: 'c:aaa', text: 'two, rewritten' }] })).toBe(
      simple.replace('- [2025-03-14 15:10:00] two', '- [2025-03-14 15:10] two, rewritten <!-- roo:c:aaa -->'),
    );
    expect(
      editSessionLog(keyed, { replaceKeyed: [{ key: 'c:aaa', date: at(15, 11), text: 'x' }] }),
    ).toContain('- [2025-03-14 15:11:00] x <!-- roo:c:aaa -->\n');
  });

  it('re-keys a line in place with newKey (a rebased commit keeps its position)', () => {
    expect(
      editSessionLog(keyed, { replaceKeyed: [{ key: 'c:aaa', newKey: 'c:bbb', text: 'two, rebased' }] }),
    ).toBe(
      simple.replace('- [2025-03-14 15:10:00] two', '- [2025-03-14 15:10] two, rebased <!-- roo:c:bbb -->'),
    );
  });

  it('removes the keyed line with text null; unknown keys are ignored', () => {
    expect(
      editSessionLog(keyed, {
        replaceKeyed: [
          { key: 'c:aaa', text: null },
          { key: 'nope', text: 'x' },
        ],
      }),
    ).toBe(simple.replace('- [2025-03-14 15:10:00] two\n', ''));
  });

  it('removes a last line without a final newline cleanly', () => {
    const text = '+++\n+++\n- [2025-03-14 15:00:00] a\n- [2025-03-14 15:01:00] b <!-- roo:k -->';
    expect(editSessionLog(text, { replaceKeyed: [{ key: 'k', text: null }] })).toBe(
      '+++\n+++\n- [2025-03-14 15:00:00] a',
    );
  });

  it('combines with addEntries', () => {
    const out = editSessionLog(keyed, {
      replaceKeyed: [{ key: 'c:aaa', text: null }],
      addEntries: [{ date: at(15, 12), text: 'new', key: 'c:bbb' }],
    });
    expect(parseSessionLog(out, 'f').entries.map((e) => e.text)).toEqual(['one', 'three', 'new']);
  });
});

describe('editSessionLog safety', () => {
  it('refuses to write a log the edit would make unreadable', () => {
    // `title` exists only as a table here; inserting `title = "…"` would redefine it.
    const text = '+++\ntitle.main = "x"\n+++\n';
    expect(() => editSessionLog(text, { set: { title: 'y' } })).toThrow(InternalInvariantError);
    expect(() => editSessionLog(text, { set: { title: 'y' } })).toThrow(/nothing was written/);
  });

  it('refuses an unreadable input with the parse error', () => {
    expect(() => editSessionLog('+++\na = [\n+++\n', { set: { status: 'x' } })).toThrow(SessionLogParseError);
  });
});

describe('editParsedSessionLog', () => {
  it('edits an already parsed log into the same text as editSessionLog, with that text parsed', () => {
    const edits = [
      { set: { status: SessionStatus.Paused, base_commit: 'abc' } },
      { append: { tags: ['x'] }, addEntries: [{ date: at(15, 5), text: 'between', key: 'c:1' }] },
      { replaceKeyed: [{ key: 'none', text: null }] },
    ];
    for (const text of [simple, messy]) {
      for (const edit of edits) {
        const before = parseSessionLog(text, 'log.md');
        const edited = editParsedSessionLog(before, edit);
        expect(edited.text).toBe(editSessionLog(text, edit, 'log.md'));
        expect(edited.doc).toEqual(parseSessionLog(edited.text, 'log.md'));
      }
    }
  });

  it('returns the parsed log itself when nothing changes', () => {
    const before = parseSessionLog(simple, 'log.md');
    expect(editParsedSessionLog(before, { set: { status: SessionStatus.Active } }).doc).toBe(before);
  });
});
