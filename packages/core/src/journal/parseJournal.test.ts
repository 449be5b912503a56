import { describe, expect, it } from 'vitest';
import { groupRewrites, journalWorktreeGitDir, parseJournal } from './parseJournal.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const line = (...fields: string[]) => `${fields.join('\t')}\n`;

describe('parseJournal', () => {
  it('reads every event kind of roo1', () => {
    const text =
      line('roo1', 'commit', '.', 'session/X', A) +
      line('roo1', 'checkout', 'wt1', 'main', B, A) +
      line('roo1', 'merge', '.', 'session/X', C, '1') +
      line('roo1', 'rewrite', '.', 'session/X', B, 'amend', '4242', '1', A) +
      line('roo1', 'commit', '.', '', '', '') +
      line('roo1', 'commit', '.', 'session/X', B, 'rebase');
    const { events, bad, skipped, tail } = parseJournal(text);
    expect(bad).toEqual([]);
    expect(skipped).toBe(0);
    expect(tail).toBe('');
    expect(events).toEqual([
      { kind: 'commit', wt: '.', branch: 'session/X', line: 1, sha: A, rebase: false },
      { kind: 'checkout', wt: 'wt1', branch: 'main', line: 2, sha: B, from: A },
      { kind: 'merge', wt: '.', branch: 'session/X', line: 3, sha: C, squash: true },
      {
        kind: 'rewrite',
        wt: '.',
        branch: 'session/X',
        line: 4,
        sha: B,
        old: A,
        rewrite: 'amend',
        tag: '4242',
        seq: 1,
      },
      { kind: 'commit', wt: '.', branch: '', line: 5, sha: '', rebase: false },
      { kind: 'commit', wt: '.', branch: 'session/X', line: 6, sha: B, rebase: true },
    ]);
  });

  it('accepts sha256 object names and extra trailing fields (forward compatible)', () => {
    const long = 'd'.repeat(64);
    const { events, bad } = parseJournal(line('roo1', 'commit', '.', 'b', long, 'future-field'));
    expect(bad).toEqual([]);
    expect(events[0]).toMatchObject({ kind: 'commit', sha: long });
  });

  it('skips newer versions and unknown kinds without calling them bad', () => {
    const text = line('roo2', 'commit', '.', 'b', A) + line('roo1', 'teleport', '.', 'b', A);
    expect(parseJournal(text)).toMatchObject({ events: [], bad: [], skipped: 2 });
  });

  it('reports torn, garbled and hand-edited lines with their line numbers', () => {
    const text =
      line('roo1', 'commit', '.', 'b', A) +
      'roo1\tcommit\t.\tb\taaaaroo1\tcommit\n' +
      'hello world\n' +
      line('roo1', 'checkout', '.', 'b', A) +
      line('roo1', 'rewrite', '.', 'b', B, 'amend', 'x', '0', A) +
      line('roo1', 'commit', '.', 'b', A);
    const { events, bad } = parseJournal(text);
    expect(events.map((e) => e.line)).toEqual([1, 6]);
    expect(bad.map((b) => [b.line, b.reason])).toEqual([
      [2, 'bad commit id'],
      [3, 'not a journal line (it should start with "roo1" and a tab)'],
      [4, 'bad commit id'],
      [5, 'bad rewrite fields'],
    ]);
  });

  it('leaves a last line without newline (being written) unread, in tail', () => {
    const text = `${line('roo1', 'commit', '.', 'b', A)}roo1\tcommit\t.\tb\t${B.slice(0, 10)}`;
    const { events, bad, tail } = parseJournal(text);
    expect(events).toHaveLength(1);
    expect(bad).toEqual([]);
    expect(tail).toBe(`roo1\tcommit\t.\tb\t${B.slice(0, 10)}`);
  });

  it('ignores empty lines and CRLF endings', () => {
    const text = `\n${line('roo1', 'commit', '.', 'b', A).replace('\n', '\r\n')}`;
    expect(parseJournal(text).events).toEqual([
      { kind: 'commit', wt: '.', branch: 'b', line: 2, sha: A, rebase: false },
    ]);
  });

  it('handles an empty journal', () => {
    expect(parseJournal('')).toEqual({ events: [], records: [], bad: [], skipped: 0, tail: '' });
  });
});

describe('groupRewrites', () => {
  it('groups by tag and sequence, across interleaved worktrees and reused pids', () => {
    const text =
      line('roo1', 'rewrite', '.', 'x', B, 'rebase', '100', '1', A) +
      line('roo1', 'rewrite', 'wt', 'y', C, 'amend', '100', '1', A) +
      line('roo1', 'rewrite', '.', 'x', C, 'rebase', '100', '2', B) +
      line('roo1', 'rewrite', '.', 'x', A, 'amend', '100', '1', C);
    const groups = groupRewrites(parseJournal(text).events);
    expect(groups.map((g) => [g.wt, g.branch, g.rewrite, g.pairs.length])).toEqual([
      ['.', 'x', 'rebase', 2],
      ['wt', 'y', 'amend', 1],
      ['.', 'x', 'amend', 1],
    ]);
    expect(groups[0]?.pairs).toEqual([
      { old: A, sha: B },
      { old: B, sha: C },
    ]);
  });
});

describe('journalWorktreeGitDir', () => {
  it('maps . to the common dir and names to worktrees/<name>', () => {
    expect(journalWorktreeGitDir('/r/.git/', '.')).toBe('/r/.git');
    expect(journalWorktreeGitDir('/r/.git', 'wt1')).toBe('/r/.git/worktrees/wt1');
  });
});
