import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES } from '../status.js';
import { formatLogTimestamp } from '../time.js';
import { tomlString } from '../toml.js';
import { editSessionLog } from './editSessionLog.js';
import { parseSessionLog } from './parseSessionLog.js';
import type { LogEdit } from './types.js';

/**
 * Property tests of the surgical editor: random logs with foreign lines everywhere, random edits.
 * Every foreign line must come out byte for byte and in order; values the edit does not own must not move.
 */

type Unit = { lines: readonly string[]; foreign: boolean };

// One line of text without line breaks that cannot start Markdown structure (no heading, bullet, fence, indent).
const strayText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').trim())
  .filter((s) => s !== '' && !/^[-*+#`~>|0-9]/.test(s) && !s.includes('<!--'));

const commentText = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' '));

const date = fc.date({ min: new Date(2025, 0, 1), max: new Date(2026, 11, 31), noInvalidDate: true });

function foreignFrontmatterUnit(n: number): fc.Arbitrary<Unit> {
  return fc.oneof(
    commentText.map((c) => ({ lines: [`# ${c} ${n}`], foreign: true })),
    fc.string({ maxLength: 20 }).map((v) => ({ lines: [`unknown_${n} = ${tomlString(v)}`], foreign: true })),
    commentText.map((c) => ({ lines: [`weird-${n} = 42 # ${c}`], foreign: true })),
    fc.constant({ lines: [`list_${n} = [`, `  # inside ${n}`, '  "a",', '  "b"', ']'], foreign: true }),
  );
}

function foreignBodyUnit(n: number): fc.Arbitrary<Unit> {
  return fc.oneof(
    strayText.map((s) => ({ lines: [`${s} ${n}`], foreign: true })),
    fc.constant({ lines: [''], foreign: false }),
    fc
      .constantFrom('## Notes', '# Session Log', '### Aside')
      .map((h) => ({ lines: [`${h} ${n}`], foreign: true })),
    fc.constant({ lines: ['---', `**Status:** pasted report ${n}`], foreign: true }),
    fc.constant({ lines: ['```', `- [2025-01-01 00:00:00] fenced ${n}`, '```'], foreign: true }),
    fc.constant({ lines: [`# - [YYYY-MM-DD HH:MM:SS] placeholder ${n}`], foreign: true }),
  );
}

function entryUnit(n: number): fc.Arbitrary<Unit> {
  return fc
    .record({
      date,
      bullet: fc.constantFrom('-', '*'),
      wrap: fc.constantFrom(['[', ']'], ['`[', ']`'], ['**[', ']**']),
      cont: fc.boolean(),
    })
    .map(({ date: d, bullet, wrap, cont }) => ({
      lines: [
        `${bullet} ${wrap[0]}${formatLogTimestamp(d)}${wrap[1]} entry ${n}`,
        ...(cont ? [`  continuation ${n}`] : []),
      ],
      foreign: true,
    }));
}

const arrayLines = (key: string, values: string[], multi: boolean, comment: string): string[] =>
  multi
    ? [
        `${key} = [`,
        `    # ${comment}`,
        ...values.map((v, i) => `    ${tomlString(v)}${i < values.length - 1 ? ',' : ''}`),
        ']',
      ]
    : [`${key} = [${values.map(tomlString).join(', ')}] # ${comment}`];

const logArb = fc
  .record({
    head: fc
      .array(fc.nat(), { maxLength: 6 })
      .chain((ns) => fc.tuple(...ns.map((_, i) => foreignFrontmatterUnit(i)))),
    multiTags: fc.boolean(),
    hasEndTime: fc.boolean(),
    hasTable: fc.boolean(),
    preamble: fc
      .array(fc.nat(), { maxLength: 5 })
      .chain((ns) => fc.tuple(...ns.map((_, i) => foreignBodyUnit(100 + i)))),
    entries: fc
      .array(fc.nat(), { maxLength: 8 })
      .chain((ns) => fc.tuple(...ns.map((_, i) => fc.oneof(entryUnit(200 + i), foreignBodyUnit(300 + i))))),
    hasSection: fc.boolean(),
    tail: fc
      .array(fc.nat(), { maxLength: 3 })
      .chain((ns) => fc.tuple(...ns.map((_, i) => foreignBodyUnit(400 + i)))),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    status: fc.constantFrom(...SESSION_STATUSES, '🟡 Paused', 'done'),
  })
  .map((g) => {
    const units: Unit[] = [
      { lines: ['+++'], foreign: false },
      { lines: ['id = "SESSION-Prop-2611260905" # the id'], foreign: false },
      { lines: [`status = ${tomlString(g.status)} # status comment`], foreign: false },
      ...g.head.slice(0, 3),
      { lines: ['title = "Property"'], foreign: false },
      ...(g.hasEndTime ? [{ lines: ['end_time = "" # open'], foreign: false }] : []),
      { lines: arrayLines('tags', ['session', 'log'], g.multiTags, 'tag comment'), foreign: false },
      { lines: arrayLines('related_tasks', [], true, 'tasks comment'), foreign: false },
      ...g.head.slice(3),
      ...(g.hasTable ? [{ lines: ['[tool]', 'setting = "kept"'], foreign: true }] : []),
      { lines: ['+++'], foreign: false },
      ...g.preamble,
      ...(g.hasSection ? [{ lines: ['## Log Entries', ''], foreign: false }] : []),
      ...g.entries,
      ...g.tail,
    ];
    const eol = g.crlf ? '\r\n' : '\n';
    const lines = units.flatMap((u) => u.lines);
    const text = lines.join(eol) + (g.finalNewline ? eol : '');
    const foreign = units.filter((u) => u.foreign).flatMap((u) => u.lines);
    return { text, foreign, eol };
  });

const editArb: fc.Arbitrary<LogEdit> = fc.record(
  {
    set: fc.record(
      {
        status: fc.constantFrom(...SESSION_STATUSES),
        end_time: fc.string({ maxLength: 30 }),
        branch: fc.string({ unit: 'grapheme', maxLength: 30 }),
        title: fc.string({ unit: 'grapheme', maxLength: 30 }),
      },
      { requiredKeys: [] },
    ),
    append: fc.record(
      {
        tags: fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 3 }),
        related_tasks: fc.array(fc.stringMatching(/^TASK-[A-Z0-9]{1,6}$/), { maxLength: 3 }),
        related_artifacts: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    addEntries: fc.array(
      fc.record({
        date,
        text: fc.string({ unit: 'grapheme', maxLength: 40 }),
        key: fc.option(fc.stringMatching(/^[a-z]:[0-9a-f]{4,10}$/), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
);

function expectSubsequence(small: readonly string[], big: readonly string[]): void {
  let i = 0;
  for (const line of big) if (line === small[i]) i++;
  expect(small.slice(i), 'foreign lines missing or reordered').toEqual([]);
}

describe('editSessionLog properties', () => {
  it('keeps every foreign line byte for byte and every value it does not own', () => {
    fc.assert(
      fc.property(logArb, editArb, ({ text, foreign, eol }, edit) => {
        const before = parseSessionLog(text, 'f');
        const out = editSessionLog(text, edit, 'f');
        const after = parseSessionLog(out, 'f');

        expectSubsequence(foreign, out.split(eol));
        if (eol === '\r\n') expect(out.replace(/\r\n/g, '')).not.toContain('\n');
        if ((edit.addEntries ?? []).length === 0) expect(out.endsWith(eol)).toBe(text.endsWith(eol));

        const owned = new Set([...Object.keys(edit.set ?? {}), ...Object.keys(edit.append ?? {})]);
        for (const key of Object.keys(before.data)) {
          if (!owned.has(key)) expect(after.data[key]).toEqual(before.data[key]);
        }
        for (const [key, value] of Object.entries(edit.set ?? {})) expect(after.data[key]).toBe(value);
        for (const [key, values] of Object.entries(edit.append ?? {})) {
          const was = (before.data[key] as string[] | undefined) ?? [];
          expect(after.data[key] ?? []).toEqual([
            ...was,
            ...[...new Set(values)].filter((v) => !was.includes(v)),
          ]);
        }
        expect(after.entries).toHaveLength(before.entries.length + (edit.addEntries ?? []).length);
        expectSubsequence(
          before.entries.map((e) => e.raw),
          after.entries.map((e) => e.raw),
        );
        expect(after.goal).toBe(before.goal);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('is stable: parse → edit → parse, and set/append edits are idempotent', () => {
    fc.assert(
      fc.property(logArb, editArb, ({ text }, edit) => {
        const once = editSessionLog(text, { set: edit.set ?? {}, append: edit.append ?? {} }, 'f');
        expect(editSessionLog(once, { set: edit.set ?? {}, append: edit.append ?? {} }, 'f')).toBe(once);
        const withEntries = editSessionLog(once, { addEntries: edit.addEntries ?? [] }, 'f');
        const doc = parseSessionLog(withEntries, 'f');
        expect(doc.meta).toEqual(parseSessionLog(once, 'f').meta);
        // Newly added entries are in the last section, in chronological order among themselves.
        const added = doc.entries.filter(
          (e) => e.raw.includes('] ') && !parseSessionLog(once, 'f').entries.some((o) => o.raw === e.raw),
        );
        const times = added.map((e) => e.date!.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('an empty edit returns the input unchanged', () => {
    fc.assert(
      fc.property(logArb, ({ text }) => {
        expect(editSessionLog(text, {}, 'f')).toBe(text);
      }),
    );
  });
});
