import { AmbiguousSessionIdError, UnknownSessionIdError } from './errors.js';

/** What ID resolution needs to know of a session. */
export type SessionCandidate = { id: string; title: string; where?: string };

// An ambiguity error lists this many candidates at most.
const LISTED = 20;

/**
 * Resolves what a user typed to one session (docs/commands.md): an exact ID, else a unique ID prefix, else a unique
 * case-insensitive substring of an ID or title. Several matches → AmbiguousSessionIdError listing them (exit 2);
 * none → UnknownSessionIdError (exit 2). Candidates may repeat an ID (copies on several branches): they count once.
 */
export function resolveSessionId(query: string, candidates: readonly SessionCandidate[]): string {
  const q = query.trim();
  const byId = new Map<string, SessionCandidate>();
  for (const c of candidates) if (!byId.has(c.id)) byId.set(c.id, c);
  const all = [...byId.values()];
  if (q !== '' && byId.has(q)) return q;
  const tiers: ((c: SessionCandidate) => boolean)[] = [
    (c) => c.id.startsWith(q),
    (c) => c.id.toLowerCase().includes(q.toLowerCase()) || c.title.toLowerCase().includes(q.toLowerCase()),
  ];
  for (const matches of tiers) {
    const found = q === '' ? [] : all.filter(matches);
    if (found.length === 1) return found[0]!.id;
    if (found.length > 1) {
      throw new AmbiguousSessionIdError({ query: q, matches: found, listed: LISTED });
    }
  }
  throw new UnknownSessionIdError({
    what: `no session matches \`${q}\` (${all.length} known)`,
    next: 'roo session list --all',
    hint: 'to see every session, including those on other branches',
  });
}

/**
 * The titles {@link resolveSessionId} reads to resolve `query` among sessions with these IDs (in candidate
 * order, no repeats), so that a caller with thousands of sessions parses only those logs: none when the query
 * is empty, an exact ID or a unique ID prefix; the IDs an ambiguity error would list when several IDs start with
 * it; every one when no ID does (a title may then match). Any other title can be left empty: the answer, and
 * every message, is the same.
 */
export function titlesNeededToResolve(query: string, ids: readonly string[]): readonly string[] {
  const q = query.trim();
  if (q === '' || ids.includes(q)) return [];
  const prefixed = ids.filter((id) => id.startsWith(q));
  if (prefixed.length === 1) return [];
  return prefixed.length > 1 ? prefixed.slice(0, LISTED) : ids;
}
