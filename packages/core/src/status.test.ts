import { describe, expect, it } from 'vitest';
import { InvalidStatusTransitionError } from './errors.js';
import { parseStatus, planTransition, SESSION_STATUSES, SessionStatus, statusName } from './status.js';

describe('SessionStatus', () => {
  it('has the four canonical V7 strings, paused with U+23F8 U+FE0F', () => {
    expect(SessionStatus.Active).toBe('🟢 Active');
    expect(SessionStatus.Paused).toBe('\u23F8\uFE0F Paused');
    expect([...SessionStatus.Paused].map((c) => c.codePointAt(0)!.toString(16))).toEqual([
      '23f8',
      'fe0f',
      '20',
      '50',
      '61',
      '75',
      '73',
      '65',
      '64',
    ]);
    expect(SessionStatus.Completed).toBe('🏁 Completed');
    expect(SessionStatus.Error).toBe('🔴 Error');
    expect(SESSION_STATUSES).toHaveLength(4);
    expect(statusName(SessionStatus.Paused)).toBe('Paused');
  });
});

describe('parseStatus', () => {
  it.each(SESSION_STATUSES)('reads canonical %s as not legacy', (status) => {
    expect(parseStatus(status)).toEqual({ status, isLegacy: false });
  });

  it.each([
    ['🟡 Paused', SessionStatus.Paused],
    ['⚪ Completed', SessionStatus.Completed],
    ['\u23F8 Paused', SessionStatus.Paused],
    ['Paused', SessionStatus.Paused],
    ['paused', SessionStatus.Paused],
    ['  ACTIVE ', SessionStatus.Active],
    ['🟢 active', SessionStatus.Active],
    ['complete', SessionStatus.Completed],
    ['done', SessionStatus.Completed],
    ['🏁', SessionStatus.Completed],
    ['error', SessionStatus.Error],
    ['🔴 ERROR', SessionStatus.Error],
    ['failed', SessionStatus.Error],
  ])('reads legacy %j', (raw, status) => {
    expect(parseStatus(raw)).toEqual({ status, isLegacy: true });
  });

  it('lets the word win over a contradicting emoji', () => {
    expect(parseStatus('🟢 Paused')?.status).toBe(SessionStatus.Paused);
  });

  it.each(['', '   ', 'in progress', '🤔', 'Active-ish'])('returns undefined for %j', (raw) => {
    expect(parseStatus(raw)).toBeUndefined();
  });
});

describe('planTransition', () => {
  const { Active, Paused, Completed, Error: Failed } = SessionStatus;

  it.each([
    [Active, Paused, 'set'],
    [Paused, Active, 'clear'],
    [Active, Completed, 'set'],
    [Paused, Completed, 'set'],
    [Active, Failed, 'set'],
    [Paused, Failed, 'set'],
  ] as const)('allows %s → %s', (from, to, endTime) => {
    expect(planTransition(from, to)).toEqual({ from, to, isNoop: false, endTime });
  });

  it.each([Completed, Failed])('reopens %s only with reopen', (from) => {
    expect(() => planTransition(from, Active, { id: 'SESSION-X-2611260905' })).toThrow(
      /roo session continue SESSION-X-2611260905 --reopen/,
    );
    expect(planTransition(from, Active, { reopen: true })).toEqual({
      from,
      to: Active,
      isNoop: false,
      endTime: 'clear',
    });
  });

  it.each([
    [Completed, Paused],
    [Completed, Failed],
    [Failed, Completed],
    [Failed, Paused],
  ] as const)('refuses %s → %s even with reopen', (from, to) => {
    expect(() => planTransition(from, to, { reopen: true })).toThrow(InvalidStatusTransitionError);
  });

  it.each(SESSION_STATUSES)('treats %s → same as a no-op', (status) => {
    expect(planTransition(status, status)).toEqual({
      from: status,
      to: status,
      isNoop: true,
      endTime: 'keep',
    });
  });

  it('lets an unreadable status go anywhere, so it can be repaired', () => {
    expect(planTransition(undefined, Completed).isNoop).toBe(false);
    expect(planTransition(undefined, Active).endTime).toBe('clear');
  });

  it('throws errors with exit code 2', () => {
    try {
      planTransition(Completed, Paused);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidStatusTransitionError).exitCode).toBe(2);
    }
  });
});
