import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseStatusZ, parseWorktreeListZ } from './porcelain.js';

describe('porcelain parsers', () => {
  it('parseStatusZ handles copies and empty output', () => {
    expect(parseStatusZ('')).toEqual([]);
    expect(parseStatusZ('C  b\0a\0 M c\0')).toEqual([
      { path: 'b', origPath: 'a', index: 'C', worktree: ' ', isUntracked: false },
      { path: 'c', index: ' ', worktree: 'M', isUntracked: false },
    ]);
  });

  it('parseWorktreeListZ handles bare, locked, prunable and unborn entries', () => {
    const zero = '0'.repeat(40);
    const list = parseWorktreeListZ(
      `worktree /r\0bare\0\0worktree /a\0HEAD ${zero}\0branch refs/heads/new\0locked why\0\0` +
        'worktree /b\0HEAD abc\0detached\0prunable gone\0\0',
    );
    expect(list.map((w) => [w.path, w.isBare, w.head, w.branch, w.isLocked, w.isPrunable, w.isMain])).toEqual(
      [
        ['/r', true, null, null, false, false, true],
        ['/a', false, null, 'new', true, false, false],
        ['/b', false, 'abc', null, false, true, false],
      ],
    );
  });
});

// Keep the temp-folder root honest: tests must never point git at this checkout.
it('runs outside the project', () => {
  expect(realpathSync(tmpdir())).not.toContain('/work/main');
});
