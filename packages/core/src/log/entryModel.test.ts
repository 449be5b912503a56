import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionLogParseError } from '../errors.js';
import { formatLogTimestamp } from '../time.js';
import empty from './__fixtures__/corpus/empty.txt?raw';
import noOpen from './__fixtures__/corpus/no-open.txt?raw';
import { CORPUS } from './__fixtures__/corpus.js';
import { editSessionLog } from './editSessionLog.js';
import { readEntryHead } from './entryModel.js';
import { parseSessionLog } from './parseSessionLog.js';

const { bullets, paragraphs, sections, agentlog } = CORPUS;

describe('readEntryHead: every style of the corpus', () => {
  it.each([
    ['- [2026-01-10 09:00:00] text', 'bullet-bracket', undefined, 'text'],
    ['* [2026-01-10 09:00:00] text', 'bullet-bracket', undefined, 'text'],
    ['- **[2026-01-10 09:00:00]** text', 'bullet-bracket', undefined, 'text'],
    ['- `[2026-01-10T09:00:00+01:00]` text', 'bullet-bracket', undefined, 'text'],
    ['*   **[2026-01-10 09:00:00 AEST]** `dev`: text', 'bullet-bracket', undefined, '`dev`: text'],
    ['- 2026-01-10 09:00: text', 'bullet-bare', undefined, 'text'],
    ['- 2026-01-10 09:00:00 - text', 'bullet-bare', undefined, 'text'],
    ['- 2026-01-10 09:00 (dev-git): text', 'bullet-bare', 'dev-git', 'text'],
    ['*   2026-01-10 09:00:00: text', 'bullet-bare', undefined, 'text'],
    ['*   **2026-01-10 09:00 Code Reviewer:** text', 'bullet-bare', 'Code Reviewer', 'text'],
    ['- **2026-01-10 09:00:30** text', 'bullet-bare', undefined, 'text'],
    ['[2026-01-10 09:00:00] text', 'paragraph-bracket', undefined, 'text'],
    ['2026-01-10 09:00:12 - text', 'paragraph-bare', undefined, 'text'],
    ['**[2026-01-10 09:00:00]** text', 'paragraph-bracket', undefined, 'text'],
    ['**2026-01-10 09:25** - text', 'paragraph-bare', undefined, 'text'],
    ['## 2026-01-10 10:00 - text', 'heading', undefined, 'text'],
    ['### [2026-01-10 10:00:00] text', 'heading', undefined, 'text'],
    ['## 2026-01-10 11:30 (dev-git) - text', 'heading', 'dev-git', 'text'],
    ['[260110090000] [roo-commander] INFO: text', 'stamp12', 'roo-commander', 'text'],
    ['- [2026-01-10T09:00:00.250Z] text', 'bullet-bracket', undefined, 'text'],
  ])('%s', (line, style, actor, rest) => {
    const head = readEntryHead(line);
    expect(head).toMatchObject({ kind: 'entry', style, actor, rest });
  });

  it('reads the level of 12-digit agent lines and the date of every stamp shape', () => {
    expect(readEntryHead('[260401120400] [agent] ERROR: boom')).toMatchObject({
      level: 'ERROR',
      rest: 'boom',
    });
    const dated = (line: string) => parseSessionLog(`+++\n+++\n${line}\n`, 'f').entries[0]?.date;
    expect(formatLogTimestamp(dated('[260401120400] [a] INFO: x')!)).toBe('2026-04-01 12:04:00');
    expect(dated('- [2026-01-10T09:14:00Z] x')!.toISOString()).toBe('2026-01-10T09:14:00.000Z');
    expect(dated('- [2026-01-10T10:14:00+01:00] x')!.toISOString()).toBe('2026-01-10T09:14:00.000Z');
    expect(dated('- [2026-01-10 09:13:00.250] x')!.getMilliseconds()).toBe(250);
    expect(formatLogTimestamp(dated('- 2026-01-10 09:05: x')!)).toBe('2026-01-10 09:05:00');
  });

  it('reads placeholders as placeholders, and prose, links and indented lines as no entry', () => {
    expect(readEntryHead('- [{{timestamp}}] {{summary}}')?.kind).toBe('placeholder');
    expect(readEntryHead('- [YYYY-MM-DD HH:MM:SS] Created artifact')?.kind).toBe('placeholder');
    expect(readEntryHead('- {{timestamp}}: x')?.kind).toBe('placeholder');
    for (const line of [
      '2026 was a good year',
      '2026-01-10 09:00 without a separator',
      '[2026-01-10](https://example.com) a link',
      '  [2026-01-10 09:00:00] indented: continues the entry above',
      '- plain bullet',
      '## Log Entries',
      '# Session Log',
      '[link]: https://example.com',
    ])
      expect(readEntryHead(line), line).toBeUndefined();
  });
});

describe('scanBody: the corpus', () => {
  const styles = (text: string) => parseSessionLog(text, 'f').entries.map((e) => e.style);

  it('recognises every entry of every style, with the lines that belong to it', () => {
    const counts = Object.fromEntries(
      Object.entries(CORPUS).map(([name, text]) => [name, parseSessionLog(text, name).entries.length]),
    );
    expect(counts).toEqual({ bullets: 13, paragraphs: 7, sections: 4, agentlog: 7, tail: 6 });
    expect(new Set(Object.values(CORPUS).flatMap(styles))).toEqual(
      new Set([
        'bullet-bracket',
        'bullet-bare',
        'paragraph-bracket',
        'paragraph-bare',
        'heading',
        'stamp12',
        'yaml',
      ]),
    );
    const p = parseSessionLog(paragraphs, 'p');
    // The traceback's fence belongs to the entry that announced it; the list to the decision above it.
    const failed = p.entries.find((e) => e.text.startsWith('HPO script failed'))!;
    expect(failed.detail).toContain('TypeError: unsupported operand');
    expect(p.entries.find((e) => e.text.startsWith('Decided'))!.detail).toBe(
      '- cast in `load_config`\n- add a test',
    );
    const s = parseSessionLog(sections, 's');
    const push = s.entries.find((e) => e.text === 'Push failed')!;
    expect(push.detail).toContain('### Decision');
    expect(push.detail).toContain('GH006');
    const a = parseSessionLog(agentlog, 'a');
    expect(a.entries.filter((e) => e.style === 'yaml').map((e) => e.actor)).toEqual([
      'util-reviewer',
      'roo-commander',
    ]);
    expect(a.placeholders).toHaveLength(1);
    const b = parseSessionLog(bullets, 'b');
    expect(b.entries.find((e) => e.text === 'ran the suite')!.detail).toBe(
      '    - 14 passed\n    - 2 failed: `lexer.test.ts` unicode cases',
    );
  });

  it('gives an empty file and a file without its opening +++ their own messages, with no template path', () => {
    const read = (text: string) => {
      try {
        parseSessionLog(text, '.ruru/sessions/S/session_log.md');
      } catch (error) {
        expect(error).toBeInstanceOf(SessionLogParseError);
        return (error as Error).message;
      }
      throw new Error('expected a parse error');
    };
    const e = read(empty);
    expect(e).toMatch(/the file is empty/);
    expect(e).toContain('git checkout <commit> -- .ruru/sessions/S/session_log.md');
    const n = read(noOpen);
    expect(n).toMatch(/the opening `\+\+\+` line is missing/);
    expect(n).toContain('add a line `+++` at the top of .ruru/sessions/S/session_log.md');
    for (const m of [e, n]) expect(m).not.toContain('templates/session_log.md');
  });
});

describe('editSessionLog on the corpus: new entries after the last one', () => {
  const when = new Date(2026, 11, 31, 23, 0, 0);

  it.each(Object.entries(CORPUS))(
    '%s: keeps every line and puts the entry after the last one',
    (name, text) => {
      const before = parseSessionLog(text, name);
      const out = editSessionLog(text, { addEntries: [{ date: when, text: 'added by roo' }] }, name);
      const after = parseSessionLog(out, name);
      const added = after.entries.find((e) => e.text === 'added by roo')!;
      expect(added.raw).toBe('- [2026-12-31 23:00:00] added by roo');
      const lastEnd = Math.max(...before.entries.map((e) => e.endLine!));
      expect(added.line).toBeGreaterThan(lastEnd);
      // Every line of the input is still there, in order: only the new line (and a blank before it) was added.
      const inserted = out.split('\n').filter((_, i, all) => !isSubsequenceWithout(text.split('\n'), all, i));
      expect(inserted.filter((l) => l !== '')).toEqual(['- [2026-12-31 23:00:00] added by roo']);
      expect(after.entries).toHaveLength(before.entries.length + 1);
      expect(after.entries.slice(0, -1).map((e) => e.raw)).toEqual(before.entries.map((e) => e.raw));
    },
  );

  it('counts the corpus: every entry placed after the last one', () => {
    let placed = 0;
    for (const [name, text] of Object.entries(CORPUS)) {
      const out = editSessionLog(
        text,
        { addEntries: [{ date: new Date(2020, 0, 1), text: 'older than all' }] },
        name,
      );
      const doc = parseSessionLog(out, name);
      if (doc.entries.at(-1)!.text === 'older than all') placed++;
    }
    expect(placed).toBe(Object.keys(CORPUS).length);
  });
});

/** Whether removing line `skip` of `big` still leaves `small` as a subsequence (the line is an insertion). */
function isSubsequenceWithout(small: readonly string[], big: readonly string[], skip: number): boolean {
  let i = 0;
  for (let j = 0; j < big.length; j++) if (j !== skip && big[j] === small[i]) i++;
  return i < small.length;
}

// ---------------------------------------------------------------- properties

const stamp = fc
  .date({ min: new Date(2025, 0, 1), max: new Date(2026, 11, 31), noInvalidDate: true })
  .map(formatLogTimestamp);
const word = fc.stringMatching(/^[a-z]{1,8}$/);

/** One entry in any style, with the lines that belong to it. */
const anyEntry = fc.tuple(stamp, word, fc.nat(14)).map(([ts, w, style]) => {
  const [d, t] = ts.split(' ');
  const hm = t!.slice(0, 5);
  switch (style) {
    case 0:
      return [`- [${ts}] ${w}`];
    case 1:
      return [`* **[${ts}]** ${w}`, `  continued ${w}`];
    case 2:
      return [`- \`[${d}T${t}+01:00]\` ${w}`];
    case 3:
      return [`- ${d} ${hm}: ${w}`, '  - sub-bullet', '  - another'];
    case 4:
      return [`- ${ts} (dev-${w}): ${w}`];
    case 5:
      return [`*   **${d} ${hm} Architect:** ${w}`];
    case 6:
      return [`[${ts}] ${w}`, `a paragraph line of ${w}`];
    case 7:
      return [`${ts} - ${w}`];
    case 8:
      return [`**[${ts}]** ${w}`, '', '```', `- [${ts}] quoted in a fence`, '```'];
    case 9:
      return [`**${d} ${hm}** - ${w}`, '- item of it'];
    case 10:
      return [`## ${d} ${hm} - ${w}`, '', `### Detail`, '', `body of ${w}`];
    case 11:
      return [`[${d!.slice(2).replace(/-/g, '')}${t!.replace(/:/g, '')}] [agent-${w}] ERROR: ${w} failed`];
    case 12:
      return ['---', `timestamp: ${d}T${t}Z`, `actor: ${w}`, `event: ${w}`, '---'];
    case 13:
      return [`- [${ts}] ${w}`, '', '  a loose paragraph of it'];
    default:
      return [`- **${d} ${hm}** ${w}`];
  }
});
const foreign = fc.constantFrom(
  ['Stray text after the list.'],
  [''],
  ['## Notes', '', 'notes text'],
  ['---', '**Status:** pasted report'],
  ['# - [YYYY-MM-DD HH:MM:SS] placeholder'],
  ['- [{{timestamp}}] {{summary}}'],
  ['**Log Entries:**'],
);
const logArb = fc
  .record({
    head: fc.array(foreign, { maxLength: 3 }),
    hasSection: fc.boolean(),
    body: fc.array(fc.oneof({ weight: 3, arbitrary: anyEntry }, { weight: 1, arbitrary: foreign }), {
      maxLength: 10,
    }),
    blankBetween: fc.boolean(),
  })
  .map(({ head, hasSection, body, blankBetween }) => {
    const lines = [
      '+++',
      'id = "SESSION-Prop-2601010900"',
      '+++',
      '',
      ...head.flat(),
      ...(hasSection ? ['## Log Entries', ''] : []),
      ...body.flatMap((unit) => (blankBetween ? [...unit, ''] : unit)),
    ];
    return `${lines.join('\n')}\n`;
  });
const newEntries = fc.array(
  fc.record({
    date: fc.date({ min: new Date(2024, 0, 1), max: new Date(2027, 11, 31), noInvalidDate: true }),
    text: fc.oneof(
      word,
      fc.tuple(word, word, word).map(([a, b, c]) => `${a}\n${b}\n\n- [2025-01-01 00:00:00] ${c}`),
    ),
  }),
  { minLength: 1, maxLength: 3 },
);

describe('editSessionLog properties (fixed seed)', () => {
  it('keeps every line, puts each new entry after the last existing one, in time order', () => {
    fc.assert(
      fc.property(logArb, newEntries, (text, adds) => {
        const before = parseSessionLog(text, 'f');
        const out = editSessionLog(text, { addEntries: adds }, 'f');
        const after = parseSessionLog(out, 'f');
        // Every input line is kept, in order.
        const outLines = out.split('\n');
        let i = 0;
        const inLines = text.split('\n');
        for (const line of outLines) if (line === inLines[i]) i++;
        expect(i).toBe(inLines.length);
        // The new entries are the last ones, below everything that belongs to the last old entry.
        expect(after.entries).toHaveLength(before.entries.length + adds.length);
        const fresh = after.entries.slice(before.entries.length);
        const lastEnd = Math.max(0, ...before.entries.map((e) => e.endLine!));
        for (const e of fresh) expect(e.line).toBeGreaterThan(lastEnd);
        expect(after.entries.slice(0, before.entries.length).map((e) => e.raw)).toEqual(
          before.entries.map((e) => e.raw),
        );
        const times = fresh.map((e) => e.date!.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        // Nothing old is above a new one's place: no old entry starts after a new one.
        const firstNew = Math.min(...fresh.map((e) => e.line));
        expect(before.entries.every((e) => e.line < firstNew)).toBe(true);
      }),
      { numRuns: 300, seed: 1101 },
    );
  }, 60_000);
});
