import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournalCached, readJournalSince } from './readJournal.js';

const SHA = (n: number) => n.toString(16).padStart(40, '0');
const commit = (branch: string, n: number) => `roo1\tcommit\t.\t${branch}\t${SHA(n)}\t\n`;
const record = (session: string, n: number) =>
  `roo1\trecord\t.\tb\t\t${session}\tr-${n}\t${1000 + n}\t{"entry":"e${n}"}\n`;
const checkout = (branch: string, n: number) => `roo1\tcheckout\t.\t${branch}\t${SHA(n)}\t${SHA(n + 1)}\n`;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function temp(): string {
  dir = mkdtempSync(join(tmpdir(), 'roo-journal-'));
  return dir;
}
const filter = { session: 'S', branches: new Set(['b', '']) };

describe('readJournalSince', () => {
  it("keeps the session's records, its branches' events and every checkout; stops before a torn line", () => {
    const file = join(temp(), 'journal');
    const lines = [
      commit('b', 1),
      commit('other', 2),
      record('S', 3),
      record('T', 4),
      checkout('x', 5),
      commit('', 6),
    ];
    writeFileSync(file, `${lines.join('')}roo1\tcommit\t.\tb\t${SHA(7)}`);
    const slice = readJournalSince(file, 0, filter);
    expect(slice.text).toBe([lines[0], lines[2], lines[4], lines[5]].join(''));
    expect(slice.end).toBe(Buffer.byteLength(lines.join('')));
    // From the end: nothing; a cursor past the end (journal replaced) starts again at 0.
    expect(readJournalSince(file, slice.end, filter).text).toBe('');
    expect(readJournalSince(file, 10 ** 9, filter).text).toBe(slice.text);
  });

  it('reads lines that straddle the 1 MiB chunks whole', () => {
    const file = join(temp(), 'journal');
    const lines = Array.from({ length: 40_000 }, (_, n) =>
      n % 3 === 0 ? commit('b', n) : commit('other', n),
    );
    writeFileSync(file, lines.join(''));
    const slice = readJournalSince(file, 0, filter);
    expect(slice.text).toBe(lines.filter((_, n) => n % 3 === 0).join(''));
  });

  it('refuses a FIFO or a directory in the journal’s place without blocking, and reads an absent one as empty', () => {
    const root = temp();
    const fifo = join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readJournalSince(fifo, 0, filter)).toThrow(/not a regular file[\s\S]*roo doctor --fix/);
    mkdirSync(join(root, 'dir'));
    expect(() => readJournalSince(join(root, 'dir'), 0, filter)).toThrow(/not a regular file/);
    expect(readJournalSince(join(root, 'absent'), 0, filter)).toEqual({ text: '', end: 0 });
  });
});

describe('readJournalCached', () => {
  it('gives what an uncached read gives, as the journal grows, and reads only what was appended', () => {
    const root = temp();
    const file = join(root, 'journal');
    const cache = join(root, 'cursors', 'S.scan');
    writeFileSync(file, '');
    let n = 0;
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < 50; k++, n++)
        appendFileSync(file, n % 5 === 0 ? record('S', n) : commit('other', n));
      expect(readJournalCached(file, 0, filter, cache)).toEqual(readJournalSince(file, 0, filter));
    }
    // Another cursor, another filter: the cache is not used for them.
    const from = readJournalSince(file, 0, { session: 'none', branches: new Set() }).end;
    expect(readJournalCached(file, from, filter, cache)).toEqual({ text: '', end: from });
    expect(readJournalCached(file, 0, { session: 'T', branches: new Set(['other']) }, cache)).toEqual(
      readJournalSince(file, 0, { session: 'T', branches: new Set(['other']) }),
    );
  });

  it('notices a journal that was replaced by a shorter one', () => {
    const root = temp();
    const file = join(root, 'journal');
    const cache = join(root, 'S.scan');
    writeFileSync(file, record('S', 1) + record('S', 2) + record('S', 3));
    readJournalCached(file, 0, filter, cache);
    writeFileSync(file, record('S', 9));
    expect(readJournalCached(file, 0, filter, cache)).toEqual({
      text: record('S', 9),
      end: record('S', 9).length,
    });
  });
});
