import {
  decodeUtf8,
  MAX_SESSION_FILE_BYTES,
  parseSessionLog,
  resolveSessionId,
  type SessionListRow,
  UnknownSessionIdError,
} from '@roo-session/core';
import { CatFileBatch } from '@roo-session/git';
import { tooLargeError } from '../store/safeFiles.js';
import type { Workspace } from '../store/Workspace.js';
import type { ReadSession } from './foldJournal.js';
import { foldJournal, withPending } from './foldJournal.js';
import { listSessions } from './listSessions.js';

export type { ReadSession } from './foldJournal.js';

/**
 * Resolves a session for reading: the active one, or a query (exact ID, unique prefix, unique part of an ID or
 * title) matched against every session this worktree and every local and remote-tracking branch hold. A session
 * in this worktree is read from the file with pending journal events folded in; one found only on branches is
 * read from its newest copy (see `mergeSessionCopies`) straight from git objects.
 */
export async function readSessionForDisplay(ws: Workspace, query: string | undefined): Promise<ReadSession> {
  const q = query ?? ws.ctx.env.ROO_SESSION_ID;
  if (q === undefined || q === '')
    return withPending(ws, await ws.store.resolve(undefined, { anyStatus: true }));
  const rows = await listSessions(ws, { all: true });
  const id = resolveSessionId(
    q,
    rows.map((r) => ({ id: r.id, title: r.title })),
  );
  return readSessionById(
    ws,
    id,
    rows.find((r) => r.id === id),
  );
}

/**
 * Reads session `id` for display: from this worktree (journal folded in) when its folder is here, else from the
 * newest copy on a branch. Throws UnknownSessionIdError when no copy exists, and the parse error of an
 * unreadable log (exit 2, file and line).
 */
export async function readSessionById(ws: Workspace, id: string, row?: SessionListRow): Promise<ReadSession> {
  if (ws.store.exists(id)) return withPending(ws, ws.store.read(id));
  const known = row ?? (await listSessions(ws, { all: true })).find((r) => r.id === id);
  if (known === undefined) {
    throw new UnknownSessionIdError({
      what: `no session \`${id}\` in this worktree or on any branch`,
      next: 'roo session list --all',
      hint: 'to see the sessions roo knows',
    });
  }
  const where = known.newest;
  const file = `${where}:${ws.sessionFolderRel(id)}/session_log.md`;
  const text = await readBlobText(ws, file);
  if (text === undefined) {
    throw new UnknownSessionIdError({
      what: `session \`${id}\` has no log at ${file}`,
      next: 'roo session list --all',
      hint: 'to see the sessions roo knows',
    });
  }
  // Pending records and hook events are shown from any branch or worktree, as they will be committed.
  const doc = parseSessionLog(text, file);
  const folded = await foldJournal(ws, { id, doc });
  return {
    id,
    doc: folded.doc,
    where,
    pending: Math.max(0, folded.doc.entries.length - doc.entries.length),
  };
}

/** One file at a ref (`<ref>:<path>`), strictly UTF-8; undefined when there is no such file. */
async function readBlobText(ws: Workspace, spec: string): Promise<string | undefined> {
  const batch = new CatFileBatch(ws.repo);
  try {
    // Bounded like a worktree read: a log past the cap is refused by name, its bytes never held.
    const object = await batch.get(spec, { maxSize: MAX_SESSION_FILE_BYTES });
    if (object === null || object.type !== 'blob') return undefined;
    if (object.tooLarge) throw tooLargeError(object.size, MAX_SESSION_FILE_BYTES, spec);
    return decodeUtf8(object.data, spec);
  } finally {
    await batch.close();
  }
}
