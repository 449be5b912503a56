import { InvalidGoalError } from './errors.js';
import { isPortableFileName, isValidRefComponent } from './refs.js';
import { formatIdStamp } from './time.js';

/** Longest sanitised goal (docs/formats.md). */
export const MAX_GOAL_LENGTH = 48;

/**
 * Cuts `text` to at most `max` characters, preferring to end at a `_` so words stay whole; a cut at a `_` is
 * only taken when it keeps at least half of the allowed length, otherwise one long word would shrink the name
 * to almost nothing.
 */
export function cutAtUnderscore(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const at = head.lastIndexOf('_');
  const cut = at >= Math.ceil(max / 2) ? text.slice(0, at) : text.slice(0, max);
  return cut.replace(/[_-]+$/, '');
}

/** Unicode-normalises (NFKD) and drops combining marks, so `Café` becomes `Cafe` before sanitising. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * The goal part of a session ID (docs/formats.md): diacritics dropped, every run of characters outside `[A-Za-z0-9-]`
 * becomes one `_`, no leading/trailing `_` or `-`, at most 48 characters (cut at a `_` where possible),
 * `Untitled` when nothing is left. Case is kept: "Fix login rate-limit!" → `Fix_login_rate-limit`.
 */
export function sanitizeGoal(goal: string): string {
  const replaced = stripDiacritics(goal)
    .replace(/[^A-Za-z0-9-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  const cut = cutAtUnderscore(replaced, MAX_GOAL_LENGTH);
  return cut === '' ? 'Untitled' : cut;
}

/**
 * A new session ID `SESSION-<SanitizedGoal>-<YYMMDDHHMM>` (local time). When `isTaken` says the ID's folder or
 * branch exists, `_2`, `_3`, … is appended to the goal part: `SESSION-Fix_2-2611260905`.
 *
 * @throws InvalidGoalError if no free ID is found after 9999 attempts (a broken `isTaken`).
 */
export function makeSessionId(goal: string, date: Date, isTaken: (id: string) => boolean): string {
  const base = sanitizeGoal(goal);
  const stamp = formatIdStamp(date);
  for (let n = 1; n < 10_000; n++) {
    const id = `SESSION-${n === 1 ? base : `${base}_${n}`}-${stamp}`;
    if (!isTaken(id)) return id;
  }
  throw new InvalidGoalError({
    what: `no free session ID for goal "${goal}" at ${stamp}`,
    next: 'roo session start <goal>',
    hint: 'with another goal',
  });
}

/** Which form a session ID has: V7, or one of the legacy forms readers accept (docs/formats.md). */
export type SessionIdKind = 'v7' | 'legacy-stamp12' | 'legacy-datetime' | 'legacy-sess' | 'legacy-prime';

/** The parts of a session ID; `stamp` is the literal stamp text (empty when a legacy ID has none). */
export type ParsedSessionId = {
  kind: SessionIdKind;
  goal?: string;
  stamp: string;
  /** The stamp read as local time, when it is a valid date. */
  date?: Date;
};

// The goal part of an ID found on disk may be anything a person typed into a folder name, but never a path
// separator, whitespace or a control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters make an ID unusable
const SAFE_CHARS = /^[^/\\\s\u0000-\u001f\u007f]+$/;

function stampDate(digits: string): Date | undefined {
  // YYMMDDHHMM, YYYYMMDDHHMM or YYYYMMDD-HHMMSS, all local time.
  const m =
    /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits) ??
    /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits) ??
    /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(digits);
  if (m === null) return undefined;
  const [, y = '', mo, d, h, mi, s = '0'] = m;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const date = new Date(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const isExact =
    date.getMonth() === Number(mo) - 1 &&
    date.getDate() === Number(d) &&
    date.getHours() === Number(h) &&
    date.getMinutes() === Number(mi);
  return isExact ? date : undefined;
}

function withDate(parsed: Omit<ParsedSessionId, 'date'>): ParsedSessionId {
  const date = parsed.stamp === '' ? undefined : stampDate(parsed.stamp);
  return date === undefined ? parsed : { ...parsed, date };
}

/**
 * Reads a session ID: V7 `SESSION-<Goal>-<YYMMDDHHMM>`, and the legacy forms `SESSION-<Goal>-<YYYYMMDDHHMM>`
 * (12-digit stamp), `SESSION-<Goal>-<YYYYMMDD-HHMMSS>`, `SESSION-PRIME-…` and `SESS-…`.
 *
 * @returns `undefined` when `id` is none of these or could not be a folder name.
 */
export function parseSessionId(id: string): ParsedSessionId | undefined {
  if (!SAFE_CHARS.test(id) || id === '.' || id === '..') return undefined;
  let m = /^SESSION-(.+)-(\d{10})$/.exec(id);
  if (m !== null) return withDate({ kind: 'v7', goal: m[1]!, stamp: m[2]! });
  m = /^SESSION-(?:(.+)-)?(\d{12})$/.exec(id);
  if (m !== null) return withDate({ kind: 'legacy-stamp12', ...(m[1] ? { goal: m[1] } : {}), stamp: m[2]! });
  m = /^SESSION-(?:(.+)-)?(\d{8}-\d{6})$/.exec(id);
  if (m !== null) {
    const kind = m[1] === 'PRIME' ? 'legacy-prime' : 'legacy-datetime';
    return withDate({ kind, ...(m[1] ? { goal: m[1] } : {}), stamp: m[2]! });
  }
  m = /^SESSION-PRIME-(.+)$/.exec(id);
  if (m !== null) return { kind: 'legacy-prime', goal: 'PRIME', stamp: m[1]! };
  m = /^SESS-(.+)$/.exec(id);
  if (m !== null) {
    const stamp = /(\d{8}-\d{6}|\d{12}|\d{10})$/.exec(m[1]!)?.[1] ?? '';
    const goal = stamp === '' ? m[1]! : m[1]!.slice(0, -stamp.length).replace(/-$/, '');
    return withDate({ kind: 'legacy-sess', ...(goal ? { goal } : {}), stamp });
  }
  return undefined;
}

/**
 * True when `text` reads as a session ID ({@link parseSessionId}) and is safe as a folder name and a ref
 * component, so it can be joined into a path or a branch name.
 */
export function isSessionIdLike(text: string): boolean {
  return parseSessionId(text) !== undefined && isPortableFileName(text) && isValidRefComponent(text);
}
