import { AmbiguousSessionIdError, UnknownSessionIdError } from './errors.js';

/** What ID resolution needs to know of a session. */
export type SessionCandidate = { id: string; title: string; where?: string };

/**
 * Resolves what a user typed to one session (SPEC 2.8): an exact ID, else a unique ID prefix, else a unique
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
      const list = found
        .slice(0, 20)
        .map((c) => `  ${c.id}  ${oneLine(c.title)}`)
        .join('\n');
      throw new AmbiguousSessionIdError(
        `session \`${q}\` is ambiguous: ${found.length} sessions match\n${list}\n` +
          `run the command again with one of the IDs above in full, e.g. \`--session ${found[0]!.id}\``,
        found.map((c) => c.id),
      );
    }
  }
  throw new UnknownSessionIdError(
    `no session matches \`${q}\` (${all.length} known)\n` +
      'run `roo session list --all` to see every session, including those on other branches',
  );
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
