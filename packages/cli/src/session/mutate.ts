import { editSessionLog, type LogEdit } from '@roo-session/core';
import type { LoadedSession } from '../workspace/SessionStore.js';
import type { Workspace } from '../workspace/Workspace.js';
import { foldJournal } from './syncSession.js';

export type MutateResult = {
  session: LoadedSession;
  /** The log text now on disk. */
  text: string;
  /** Whether the file was rewritten. */
  changed: boolean;
  /** The journal offset the log now holds every event up to. */
  foldedTo: number;
};

/**
 * The write path every session command shares: fold pending journal events and history into the log, apply the
 * command's own edit, and write once (atomically) if anything changed. Bytes roo does not own are kept by
 * `editSessionLog`.
 */
export async function mutateSession(
  ws: Workspace,
  session: LoadedSession,
  build?: (text: string) => LogEdit | undefined,
): Promise<MutateResult> {
  ws.store.assertWritable(session.id);
  const folded = await foldJournal(ws, session);
  let text = folded.text;
  const edit = build?.(text);
  if (edit) text = editSessionLog(text, edit);
  const changed = text !== session.doc.text;
  if (changed) ws.store.write(session.id, text);
  return { session: ws.store.read(session.id), text, changed, foldedTo: folded.foldedTo };
}
