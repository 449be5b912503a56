import { parseSessionLog, resolveSessionId, type SessionLogDoc } from '@roo-session/core';
import { findSessionsOnRefs, shortRef } from '../workspace/remoteSessions.js';
import type { Workspace } from '../workspace/Workspace.js';
import { foldJournal } from './syncSession.js';

/** A session as read commands see it: with pending journal events folded in (in memory, never written). */
export type ReadSession = {
  id: string;
  doc: SessionLogDoc;
  /** `worktree` when the folder is checked out here, else the branch it was read from. */
  where: string;
  /** Entries the journal and history add that the file does not hold yet. */
  pending: number;
};

/**
 * Resolves a session for reading: the active one, or a query matched against this worktree first and then every
 * local and remote-tracking branch (read from git objects, no checkout).
 */
export async function readSessionForDisplay(ws: Workspace, query: string | undefined): Promise<ReadSession> {
  const q = query ?? ws.ctx.env.ROO_SESSION_ID;
  if (q === undefined || q === '') return withPending(ws, await ws.store.resolve(undefined));
  const local = ws.store.readAll();
  const remote = await findSessionsOnRefs(ws);
  const id = resolveSessionId(q, [
    ...local.map((r) => ({ id: r.id, title: r.doc?.meta.title ?? '' })),
    ...remote.map((r) => ({ id: r.id, title: r.title })),
  ]);
  const here = local.find((r) => r.id === id);
  if (here) {
    if (here.error) throw here.error;
    return withPending(ws, { id, logPath: here.logPath, doc: here.doc! });
  }
  const copies = remote.filter((r) => r.id === id);
  const best =
    copies.find((c) => c.doc && shortRef(c.ref) === c.doc.meta.branch) ??
    copies.sort((a, b) => (b.tipDate?.getTime() ?? 0) - (a.tipDate?.getTime() ?? 0))[0]!;
  if (best.error || !best.doc) throw best.error ?? new Error(`session ${id} could not be read`);
  return { id, doc: best.doc, where: shortRef(best.ref), pending: 0 };
}

async function withPending(
  ws: Workspace,
  s: { id: string; logPath: string; doc: SessionLogDoc },
): Promise<ReadSession> {
  const folded = await foldJournal(ws, s);
  if (folded.text === s.doc.text) return { id: s.id, doc: s.doc, where: 'worktree', pending: 0 };
  const doc = parseSessionLog(folded.text, s.logPath);
  return {
    id: s.id,
    doc,
    where: 'worktree',
    pending: Math.max(0, doc.entries.length - s.doc.entries.length),
  };
}
