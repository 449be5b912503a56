import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIdStamp,
  formatIsoWithOffset,
  formatLogTimestamp,
  formatUtcOffset,
  parseLooseTimestamp,
  wallClockOf,
} from './time.js';

// Local-time constructors keep these tests true in every time zone.
const local = new Date(2026, 10, 26, 9, 5, 12);

describe('formatters', () => {
  it('formats the log timestamp in local time', () => {
    expect(formatLogTimestamp(local)).toBe('2026-11-26 09:05:12');
  });

  it('formats the ID stamp YYMMDDHHMM (26 Nov 2026 09:05 → 2611260905)', () => {
    expect(formatIdStamp(local)).toBe('2611260905');
    expect(formatIdStamp(new Date(2030, 0, 2, 3, 4, 59))).toBe('3001020304');
  });

  it('formats offsets as ±HH:MM, UTC as +00:00', () => {
    expect(formatUtcOffset(60)).toBe('+01:00');
    expect(formatUtcOffset(0)).toBe('+00:00');
    expect(formatUtcOffset(-210)).toBe('-03:30');
    expect(formatUtcOffset(345)).toBe('+05:45');
    expect(formatUtcOffset(600)).toBe('+10:00');
  });

  it('formats ISO with the local offset, which reads back as the same instant', () => {
    const iso = formatIsoWithOffset(local);
    expect(iso).toMatch(/^2026-11-26T09:05:12[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(local.getTime());
    expect(parseLooseTimestamp(iso)?.getTime()).toBe(local.getTime());
  });

  it('round-trips any second-precision instant through formatIsoWithOffset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const date = new Date(seconds * 1000);
        expect(parseLooseTimestamp(formatIsoWithOffset(date))?.getTime()).toBe(date.getTime());
        expect(parseLooseTimestamp(formatLogTimestamp(date))?.getTime()).toBe(date.getTime());
      }),
    );
  });
});

describe('parseLooseTimestamp', () => {
  it.each([
    ['2025-06-05 10:02:15', new Date(2025, 5, 5, 10, 2, 15)],
    ['2025-06-05 03:18', new Date(2025, 5, 5, 3, 18)],
    ['2025-06-05T03:18:09', new Date(2025, 5, 5, 3, 18, 9)],
    ['2025-06-05 03:35:00 AEST', new Date(2025, 5, 5, 3, 35)],
    ['2025-06-05 03:35:00 (CEST)', new Date(2025, 5, 5, 3, 35)],
    ['2025-06-05', new Date(2025, 5, 5)],
    ['  2025-06-05 10:02:15  ', new Date(2025, 5, 5, 10, 2, 15)],
  ])('reads %j as local time', (text, expected) => {
    expect(parseLooseTimestamp(text)?.getTime()).toBe(expected.getTime());
  });

  it.each([
    ['2025-06-05T03:33:27+10:00', Date.UTC(2025, 5, 4, 17, 33, 27)],
    ['2025-06-05T03:33:27-02:30', Date.UTC(2025, 5, 5, 6, 3, 27)],
    ['2025-06-05T03:33:27+1000', Date.UTC(2025, 5, 4, 17, 33, 27)],
    ['2025-06-05T03:33:27Z', Date.UTC(2025, 5, 5, 3, 33, 27)],
    ['2025-06-05 03:33:27 UTC', Date.UTC(2025, 5, 5, 3, 33, 27)],
    ['2025-06-05T03:33:27.250+00:00', Date.UTC(2025, 5, 5, 3, 33, 27, 250)],
    ['2025-05-05T23:17:00+10:00', Date.UTC(2025, 4, 5, 13, 17)],
  ])('reads %j with its offset', (text, expected) => {
    expect(parseLooseTimestamp(text)?.getTime()).toBe(expected);
  });

  it.each([
    'YYYY-MM-DD HH:MM:SS',
    '',
    'yesterday',
    '2025-02-30 10:00:00',
    '2025-13-01 10:00:00',
    '2025-06-05 24:00:00',
    '2025-06-05 10:60',
    '2025-06-05 10:00:00 +25:00',
    '2025-06-05 10:00:00 garbage words here',
  ])('refuses %j', (text) => {
    expect(parseLooseTimestamp(text)).toBeUndefined();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseLooseTimestamp(text)));
  });
});

describe('wallClockOf', () => {
  it('takes the wall clock literally, without zone conversion', () => {
    expect(wallClockOf('2026-11-26T09:05:12+01:00')).toBe('2026-11-26 09:05:12');
    expect(wallClockOf('2026-11-26 09:05')).toBe('2026-11-26 09:05:00');
    expect(wallClockOf('nope')).toBeUndefined();
  });
});
