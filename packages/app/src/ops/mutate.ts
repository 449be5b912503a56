import { editSessionLog, type LogEdit } from '@roo-session/core';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';
import { foldJournal } from './foldJournal.js';

export type Rendered = {
  session: LoadedSession;
  /** The log text with pending records, hook events and the command's own edit folded in. */
  text: string;
  /** Whether `text` differs from the file in the working tree. */
  changed: boolean;
  /** The journal offset `text` holds every event up to. */
  foldedTo: number;
};

/**
 * What the log will be at a commit point: the file as it is in the working tree (an agent's own edits kept), the
 * journal's pending records and hook events folded in, then the command's own edit. Nothing is written here:
 * only the commit point writes the file, right before committing it (docs/git-design.md, "Commit points").
 */
export async function renderSession(
  ws: Workspace,
  session: LoadedSession,
  build?: (text: string) => LogEdit | undefined,
): Promise<Rendered> {
  const folded = await foldJournal(ws, session);
  let text = folded.text;
  const edit = build?.(text);
  if (edit) text = editSessionLog(text, edit);
  return { session, text, changed: text !== session.doc.text, foldedTo: folded.foldedTo };
}
