import { resolveSessionId, titlesNeededToResolve } from '@roo-session/core';

/**
 * Sessions that can be named by ID before any log is read (a session's ID is its folder's name): their titles
 * are read only when asked for, so that resolving an ID among 10,000 sessions parses one log, not 10,000.
 */
export interface SessionIdSource {
  /** The IDs, without repeats, in the order an ambiguity error lists them. */
  ids(): readonly string[];
  has(id: string): boolean;
  /** The titles of `ids` (all held by this source): '' for a log that cannot be read. */
  titles(ids: readonly string[]): Promise<Map<string, string>>;
}

/**
 * `resolveSessionId` over the sessions of several sources, in order (a session in an earlier source is the copy
 * whose title counts), reading only the titles that can change the answer or its message (see
 * `titlesNeededToResolve`): none for an exact ID or a unique prefix.
 */
export async function resolveSessionQuery(
  query: string,
  sources: readonly SessionIdSource[],
): Promise<string> {
  const q = query.trim();
  if (q !== '' && sources.some((s) => s.has(q))) return q;
  const ids = [...new Set(sources.flatMap((s) => s.ids()))];
  const needed = titlesNeededToResolve(q, ids);
  const titles = new Map<string, string>();
  for (const source of sources) {
    const own = needed.filter((id) => !titles.has(id) && source.has(id));
    if (own.length === 0) continue;
    for (const [id, title] of await source.titles(own)) titles.set(id, title);
  }
  return resolveSessionId(
    query,
    ids.map((id) => ({ id, title: titles.get(id) ?? '' })),
  );
}
