import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSessionLog } from '../log/editSessionLog.js';
import { parseSessionLog } from '../log/parseSessionLog.js';
import { parseJournal } from './parseJournal.js';
import { formatJournalRecord, isEmptyLogEdit, mergeLogEdits, planRecords, recordKey } from './records.js';

const at = new Date(Date.UTC(2026, 10, 26, 9, 5, 12));
const base = { wt: '.', branch: 'session/S', session: 'SESSION-S-2611260905', at };

describe('record lines', () => {
  it('round-trip through parseJournal, any text included (tabs, newlines, quotes, emoji)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (entry, tasks) => {
          const line = formatJournalRecord({ ...base, rid: 'a-1-0', payload: { entry, tasks } });
          expect(line.endsWith('\n')).toBe(true);
          expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
          const parsed = parseJournal(line);
          expect(parsed.bad).toEqual([]);
          expect(parsed.events).toEqual([]);
          expect(parsed.records).toEqual([{ ...base, rid: 'a-1-0', payload: { entry, tasks }, line: 1 }]);
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('are skipped by the hook-event reader and reported when damaged', () => {
    const good = formatJournalRecord({ ...base, rid: 'x-2-1', payload: { entry: 'ok' } });
    const text = `${good}roo1\trecord\t.\tb\t\tS\tx-2-2\tnot-a-time\t{}\nroo1\trecord\t.\tb\t\tS\tx-2-3\t1\tnot json\n`;
    const parsed = parseJournal(text);
    expect(parsed.records.map((r) => r.rid)).toEqual(['x-2-1']);
    expect(parsed.bad.map((b) => b.reason)).toEqual(['bad record time', 'bad record payload']);
  });

  it('refuse a record ID or field that could break the line', () => {
    expect(() => formatJournalRecord({ ...base, rid: 'bad id', payload: {} })).toThrow(/bad record id/);
    expect(() => formatJournalRecord({ ...base, branch: 'a\tb', rid: 'x', payload: {} })).toThrow(/tab/);
  });
});

const LOG = `+++
id = "SESSION-S-2611260905"
title = "S"
status = "🟢 Active"
start_time = "2026-11-26T09:05:12+00:00"
end_time = ""
coordinator = "roo-cli"
related_tasks = []
related_artifacts = []
tags = ["session", "log"]
branch = "session/S"
base_commit = ""
+++

# Session Log

## Log Entries

- [2026-11-26 09:05:12] Session initiated by \`roo-cli\` with goal: "S"
`;

describe('planRecords', () => {
  const records = parseJournal(
    [
      formatJournalRecord({ ...base, rid: 'r-1-0', payload: { entry: 'first' } }),
      formatJournalRecord({ ...base, session: 'OTHER', rid: 'r-1-1', payload: { entry: 'not mine' } }),
      formatJournalRecord({
        ...base,
        rid: 'r-1-2',
        payload: { entry: 'Linked task `TASK-1`', tasks: ['TASK-1'] },
      }),
      formatJournalRecord({
        ...base,
        rid: 'r-1-3',
        payload: { artifacts: ['artifacts/notes/N.md'], entry: 'art' },
      }),
    ].join(''),
  ).records;

  it('adds this session’s entries once, keyed, with their tasks and artifacts; folding again adds nothing', () => {
    const doc = parseSessionLog(LOG, 'log');
    const edit = planRecords(records, doc.meta.id, new Set());
    const text = editSessionLog(LOG, edit);
    expect(text).toContain(`- [2026-11-26 09:05:12] first <!-- roo:${recordKey('r-1-0')} -->\n`);
    expect(text).not.toContain('not mine');
    expect(text).toContain('related_tasks = ["TASK-1"]');
    expect(text).toContain('related_artifacts = ["artifacts/notes/N.md"]');
    const again = parseSessionLog(text, 'log');
    const keys = new Set(again.entries.flatMap((e) => (e.key ? [e.key] : [])));
    const second = editSessionLog(text, planRecords(records, doc.meta.id, keys));
    expect(second).toBe(text);
  });
});

describe('mergeLogEdits', () => {
  it('joins entries in date order, the first edit first within a date; the second wins on a value', () => {
    const d1 = new Date(1000);
    const d2 = new Date(2000);
    const merged = mergeLogEdits(
      {
        set: { status: 'a' },
        addEntries: [
          { date: d2, text: 'git late' },
          { date: d1, text: 'git early' },
        ],
      },
      { set: { status: 'b' }, addEntries: [{ date: d1, text: 'record early' }], append: { tags: ['x'] } },
    );
    expect(merged.set).toEqual({ status: 'b' });
    expect(merged.append).toEqual({ tags: ['x'] });
    expect(merged.addEntries?.map((e) => e.text)).toEqual(['git early', 'record early', 'git late']);
    expect(isEmptyLogEdit(mergeLogEdits({}, {}))).toBe(true);
    expect(isEmptyLogEdit({ append: { tags: [] } })).toBe(true);
  });
});
