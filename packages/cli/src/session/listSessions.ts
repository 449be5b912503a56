import type { SessionStatus } from '@roo-session/core';
import { findSessionsOnRefs, shortRef } from '../workspace/remoteSessions.js';
import type { Workspace } from '../workspace/Workspace.js';

/** One row of `roo session list`: a session ID with where its copies live and the newest copy's fields. */
export type SessionRow = {
  id: string;
  title: string;
  status: SessionStatus | undefined;
  statusRaw: string;
  branch: string;
  startTime: string;
  endTime: string;
  /** `worktree` and/or short ref names holding a copy. */
  locations: string[];
  /** Where the newest copy lives (the worktree counts as newest). */
  newest: string;
  error?: string;
};

/**
 * Sessions of this worktree, and with `all` every copy on local and remote-tracking branches, de-duplicated by ID.
 * The worktree copy wins (it is what the user sees); among branch copies the one whose tip is newest wins.
 */
export async function listSessions(ws: Workspace, opts: { all: boolean }): Promise<SessionRow[]> {
  const rows = new Map<string, SessionRow & { at: number }>();
  for (const r of ws.store.readAll()) {
    rows.set(r.id, toRow(r.id, r.doc?.meta, r.error, 'worktree', Number.POSITIVE_INFINITY));
  }
  if (opts.all) {
    for (const c of await findSessionsOnRefs(ws)) {
      const where = shortRef(c.ref);
      const at = c.tipDate?.getTime() ?? 0;
      const existing = rows.get(c.id);
      if (!existing) {
        rows.set(c.id, toRow(c.id, c.doc?.meta, c.error, where, at));
        continue;
      }
      if (!existing.locations.includes(where)) existing.locations.push(where);
      if (at > existing.at && (c.doc || !existing.error)) {
        const newer = toRow(c.id, c.doc?.meta, c.error, where, at);
        rows.set(c.id, { ...newer, locations: existing.locations });
      }
    }
  }
  return [...rows.values()]
    .map(({ at: _at, ...row }) => row)
    .sort((a, b) =>
      a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : a.id.localeCompare(b.id),
    );
}

function toRow(
  id: string,
  meta: import('@roo-session/core').SessionMeta | undefined,
  error: Error | undefined,
  where: string,
  at: number,
): SessionRow & { at: number } {
  return {
    id,
    title: meta?.title ?? '',
    status: meta?.status,
    statusRaw: meta?.statusRaw ?? '',
    branch: meta?.branch ?? '',
    startTime: meta?.startTime ?? '',
    endTime: meta?.endTime ?? '',
    locations: [where],
    newest: where,
    at,
    ...(error ? { error: error.message.split('\n')[0] ?? String(error) } : {}),
  };
}
