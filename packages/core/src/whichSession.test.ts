import { describe, expect, it } from 'vitest';
import { SessionStatus } from './status.js';
import { assertTakesEntries, pickBranchSession } from './whichSession.js';

const c = (id: string, status: SessionStatus | undefined, startTime: string, branch = 'b') => ({
  id,
  status,
  branch,
  startTime,
});

describe('pickBranchSession', () => {
  const list = [
    c('A', SessionStatus.Completed, '2026-11-26T10:00:00+00:00'),
    c('B', SessionStatus.Active, '2026-11-26T09:00:00+00:00'),
    c('C', SessionStatus.Active, '2026-11-26T08:00:00+00:00'),
    c('D', SessionStatus.Active, '2026-11-27T08:00:00+00:00', 'other'),
  ];

  it('prefers the mapped Active session, then the latest Active one on the branch', () => {
    expect(pickBranchSession(list, 'b', { anyStatus: false, mapped: 'C' })).toBe('C');
    expect(pickBranchSession(list, 'b', { anyStatus: false })).toBe('B');
    expect(pickBranchSession(list, 'b', { anyStatus: true, mapped: 'A' })).toBe('B');
  });

  it('falls back to the latest session whatever its status only when asked', () => {
    const finished = [
      c('A', SessionStatus.Completed, '2026-11-26T10:00:00+00:00'),
      c('E', SessionStatus.Paused, '2026-11-26T10:30:00+01:00'), // 09:30 UTC: earlier than A
      c('F', undefined, 'not a date'),
    ];
    expect(pickBranchSession(finished, 'b', { anyStatus: false })).toBeUndefined();
    expect(pickBranchSession(finished, 'b', { anyStatus: true })).toBe('A');
    expect(pickBranchSession(finished, 'none', { anyStatus: true })).toBeUndefined();
    // Same start: the greater ID, so the answer never depends on the order given.
    const tie = [c('X1', SessionStatus.Paused, 't'), c('X2', SessionStatus.Paused, 't')];
    expect(pickBranchSession(tie, 'b', { anyStatus: true })).toBe('X2');
    expect(pickBranchSession([...tie].reverse(), 'b', { anyStatus: true })).toBe('X2');
  });
});

describe('assertTakesEntries', () => {
  it('refuses Completed and Error sessions with exit 3 and says what to run', () => {
    expect(() => assertTakesEntries('S', SessionStatus.Active)).not.toThrow();
    expect(() => assertTakesEntries('S', SessionStatus.Paused)).not.toThrow();
    for (const status of [SessionStatus.Completed, SessionStatus.Error]) {
      expect(() => assertTakesEntries('S', status)).toThrow(/roo session continue S --reopen/);
    }
  });
});
