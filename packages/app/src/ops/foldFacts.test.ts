import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalSightings, loggedCommitShas } from './foldFacts.js';

const sha = (n: number) => String(n).padStart(2, '0').repeat(20);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function journal(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'roo-sightings-'));
  dirs.push(dir);
  const file = join(dir, 'journal');
  writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  return file;
}

describe('journalSightings', () => {
  const lines = [
    `roo1\tcommit\t.\tb\t${sha(1)}\t`,
    `roo1\trewrite\t.\tb\t${sha(2)}\tamend\t7\t1\t${sha(9)}`,
    // After a fast-forward post-merge names someone else's tip: only a merge commit counts as seen by it.
    `roo1\tmerge\t.\tb\t${sha(3)}\t0`,
    `roo1\tmerge\t.\tb\t${sha(4)}\t0`,
    `roo1\tcheckout\t.\tb\t${sha(5)}\t${sha(6)}`,
  ];
  const wanted = new Map([
    [sha(1), false],
    [sha(2), false],
    [sha(3), false],
    [sha(4), true],
    [sha(5), false],
    [sha(9), false],
    [sha(8), false],
  ]);

  it('finds commits named by commit, rewrite-result and (for merges) merge lines before the offset', () => {
    const file = journal(lines);
    const all = lines.join('\n').length + 1;
    expect([...journalSightings(file, all, wanted)].sort()).toEqual([sha(1), sha(2), sha(4)]);
    // Only what lies before the offset: the first line alone.
    expect([...journalSightings(file, lines[0]!.length + 1, wanted)]).toEqual([sha(1)]);
    expect(journalSightings(file, 0, wanted).size).toBe(0);
  });

  it('gives the same answer for a few SHAs (byte search) and many (one pass)', () => {
    const file = journal(lines);
    const all = lines.join('\n').length + 1;
    const many = new Map(wanted);
    for (let n = 20; n < 40; n++) many.set(sha(n), false);
    expect([...journalSightings(file, all, many)].sort()).toEqual([sha(1), sha(2), sha(4)]);
  });

  it('an absent journal sees nothing', () => {
    expect(journalSightings('/nonexistent/roo/journal', 100, wanted).size).toBe(0);
  });
});

describe('loggedCommitShas', () => {
  it('lists the SHAs of commit and merge lines only', () => {
    expect(
      loggedCommitShas([
        { key: `c:${sha(1)}` },
        { key: undefined },
        { key: 'r:amend:x-y' },
        { key: `m:${sha(2)}` },
      ]),
    ).toEqual([sha(1), sha(2)]);
  });
});
