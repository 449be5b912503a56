/**
 * Time formats of the V7 files. Everything is local time on purpose: V7 IDs and log lines show the wall clock of
 * the person working, and `start_time` carries the offset so the instant stays exact.
 */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` in local time, the timestamp of a log entry line. */
export function formatLogTimestamp(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * A UTC offset as `+HH:MM`/`-HH:MM`. UTC is `+00:00`, never `Z`, so every `start_time` has the same shape.
 *
 * @param minutesEast minutes east of UTC (the negation of `Date#getTimezoneOffset()`).
 */
export function formatUtcOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 local time with offset and seconds precision: `2026-11-26T09:05:12+01:00`. */
export function formatIsoWithOffset(date: Date): string {
  return `${formatLogTimestamp(date).replace(' ', 'T')}${formatUtcOffset(-date.getTimezoneOffset())}`;
}

/** `YYMMDDHHMM` in local time, the stamp of session IDs and artifact names (26 Nov 2026 09:05 → `2611260905`). */
export function formatIdStamp(date: Date): string {
  return (
    pad(date.getFullYear() % 100) +
    pad(date.getMonth() + 1) +
    pad(date.getDate()) +
    pad(date.getHours()) +
    pad(date.getMinutes())
  );
}

// date, optional time (T or space, seconds and fraction optional), optional offset or zone name.
const LOOSE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?[ \t]*(?:([Zz])|([+-])(\d{2}):?(\d{2})?|\(?([A-Za-z][A-Za-z0-9/_+-]{0,40})\)?)?$/;

const UTC_NAMES = new Set(['UTC', 'GMT', 'UT']);

/**
 * Reads every timestamp shape real logs contain: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM`, a `T` separator,
 * fractions, offsets (`+10:00`, `+1000`, `Z`) and trailing zone names (`AEST`). A zone name is not an offset
 * (abbreviations are ambiguous), so the time is read as local wall-clock time, except `UTC`/`GMT`, which are
 * unambiguous. A date alone is local midnight.
 *
 * @returns `undefined` for anything else, including template placeholders and impossible dates (`2025-02-30`).
 */
export function parseLooseTimestamp(text: string): Date | undefined {
  const m = LOOSE.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zulu, sign, oh, om = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Day-of-month check: Date.UTC rolls 2025-02-30 over into March, which we refuse to guess.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return undefined;
  const isUtc = zulu !== undefined || (zone !== undefined && UTC_NAMES.has(zone.toUpperCase()));
  if (isUtc || sign !== undefined) {
    let utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (sign !== undefined) {
      if (Number(oh) > 23 || Number(om) > 59) return undefined;
      const offset = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
      utc -= offset * 60_000;
    }
    const date = new Date(utc);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const date = new Date(year, month - 1, day, hour, minute, second, ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The wall-clock part of an ISO-like timestamp, `YYYY-MM-DD HH:MM:SS`, taken literally from the text (no time
 * zone conversion): the first log entry of a new session shows the same clock time as its `start_time`.
 *
 * @returns `undefined` when the text does not start with a date and time.
 */
export function wallClockOf(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (m === null) return undefined;
  return `${m[1]} ${m[2]}:${m[3] ?? '00'}`;
}
