import { InvalidStatusTransitionError } from './errors.js';

/**
 * The four canonical V7 status strings, written exactly like this into `status`. The paused one is U+23F8 U+FE0F
 * followed by a space: the variation selector makes terminals draw the emoji, and V7 logs carry it.
 */
export const SessionStatus = {
  Active: '🟢 Active',
  Paused: '\u23F8\uFE0F Paused',
  Completed: '🏁 Completed',
  Error: '🔴 Error',
} as const;
/** One of the four canonical status strings. */
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];
/** The name of a status (`Active`, `Paused`, `Completed`, `Error`). */
export type SessionStatusName = keyof typeof SessionStatus;

/** All canonical statuses, in lifecycle order. */
export const SESSION_STATUSES: readonly SessionStatus[] = [
  SessionStatus.Active,
  SessionStatus.Paused,
  SessionStatus.Completed,
  SessionStatus.Error,
];

/** Result of reading a status value: the canonical status and whether the file spelled it another way. */
export type ParsedStatus = { status: SessionStatus; isLegacy: boolean };

// Words people and agents actually wrote. `done`/`failed` are not V7 but are unambiguous, so reading them is
// kinder than reporting an unknown status.
const WORDS: Record<string, SessionStatus> = {
  active: SessionStatus.Active,
  paused: SessionStatus.Paused,
  pause: SessionStatus.Paused,
  completed: SessionStatus.Completed,
  complete: SessionStatus.Completed,
  done: SessionStatus.Completed,
  error: SessionStatus.Error,
  errored: SessionStatus.Error,
  failed: SessionStatus.Error,
};

// Emojis seen in V5–V7 logs (🟡 and ⚪ are the V5 spellings of paused and completed).
const EMOJIS: Record<string, SessionStatus> = {
  '🟢': SessionStatus.Active,
  '\u23F8': SessionStatus.Paused,
  '🟡': SessionStatus.Paused,
  '🏁': SessionStatus.Completed,
  '⚪': SessionStatus.Completed,
  '✅': SessionStatus.Completed,
  '🔴': SessionStatus.Error,
  '❌': SessionStatus.Error,
};

/**
 * Reads a `status` value as found in a log: canonical, legacy (`🟡 Paused`, `⚪ Completed`), with or without
 * U+FE0F, a bare word (`Paused`, `done`) or a bare emoji, any letter case and surrounding spaces.
 * When an emoji and a word disagree, the word wins: it is what a human reads.
 *
 * @returns `undefined` when nothing recognisable is there; `isLegacy` is true when the text is not exactly the
 *   canonical string (so a rewrite would normalise it).
 */
export function parseStatus(raw: string): ParsedStatus | undefined {
  // What roo itself writes reads as itself: no need to compile the Unicode pattern below (about 1 ms, which
  // `roo session status` spends twice in docs/performance.md's start-up budget).
  if ((SESSION_STATUSES as readonly string[]).includes(raw))
    return { status: raw as SessionStatus, isLegacy: false };
  const text = raw.replace(/\uFE0F/g, '').trim();
  if (text === '') return undefined;
  const word = text
    .replace(/^[^\p{L}]+/u, '')
    .trim()
    .toLowerCase();
  let status: SessionStatus | undefined;
  if (word !== '') {
    status = WORDS[word];
  } else {
    const emoji = [...text][0];
    status = emoji === undefined ? undefined : EMOJIS[emoji];
  }
  if (status === undefined) return undefined;
  return { status, isLegacy: raw !== status };
}

/** The name (`Active`…) of a canonical status. */
export function statusName(status: SessionStatus): SessionStatusName {
  const entry = Object.entries(SessionStatus).find(([, value]) => value === status);
  return entry![0] as SessionStatusName;
}

/** What a status change does, decided by {@link planTransition}. */
export type StatusTransition = {
  from: SessionStatus | undefined;
  to: SessionStatus;
  /** Same status before and after: callers write nothing and may say "already …". */
  isNoop: boolean;
  /** `end_time`: set on pause, completion and error, cleared when the session becomes Active again. */
  endTime: 'set' | 'clear' | 'keep';
};

/**
 * Decides whether a session may go from `from` to `to`.
 *
 * Allowed: Active ↔ Paused; Active/Paused → Completed or Error; Completed or Error → Active only with
 * `reopen`. A change to the same status is an allowed no-op (`isNoop`), so repeating `pause` or `end` is
 * harmless. An unreadable status (`from` undefined) may go anywhere: that is how a user repairs it.
 *
 * @throws InvalidStatusTransitionError for any other change, naming the command that would work.
 */
export function planTransition(
  from: SessionStatus | undefined,
  to: SessionStatus,
  options: { reopen?: boolean; id?: string } = {},
): StatusTransition {
  const endTime = to === SessionStatus.Active ? 'clear' : 'set';
  if (from === to) return { from, to, isNoop: true, endTime: 'keep' };
  if (from === undefined) return { from, to, isNoop: false, endTime };
  const isOpen = from === SessionStatus.Active || from === SessionStatus.Paused;
  if (isOpen) return { from, to, isNoop: false, endTime };
  const id = options.id ?? '<id>';
  const who = options.id === undefined ? 'the session' : `session ${options.id}`;
  if (to === SessionStatus.Active) {
    if (options.reopen) return { from, to, isNoop: false, endTime };
    throw new InvalidStatusTransitionError({
      what: `${who} is \`${from}\``,
      next: `roo session continue ${id} --reopen`,
      hint: 'to reopen it',
    });
  }
  throw new InvalidStatusTransitionError({
    what: `cannot change a session from \`${from}\` to \`${to}\``,
    next: `roo session continue ${id} --reopen`,
    hint: 'to reopen it first',
  });
}
