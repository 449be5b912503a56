import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertStateFile, damagedStateError } from './safeFiles.js';

/** What the cursor files need of a workspace: where the shared git directory is. */
type CursorWorkspace = { repo: { readonly commonDir: string } };

/**
 * Per-session journal cursors (`<common>/roo/cursors/<ID>`): the byte offset of the journal up to which every
 * event is already in a *committed* log. A fold reads from there, so its cost is bounded by the events since the
 * session's last commit, and an event is never skipped before a commit holds it: if the working-tree log is
 * thrown away, folding again from the cursor brings the events back.
 */
export function journalPath(ws: CursorWorkspace): string {
  return join(ws.repo.commonDir, 'roo', 'journal');
}

function cursorPath(ws: CursorWorkspace, id: string): string {
  return join(ws.repo.commonDir, 'roo', 'cursors', id);
}

/** Where a fold keeps what it has scanned past the cursor (see readJournalCached). */
export function journalScanCachePath(ws: CursorWorkspace, id: string): string {
  return join(ws.repo.commonDir, 'roo', 'cache', 'scan', id);
}

/**
 * The journal's current size in bytes (0 when there is none yet). A journal that is not a regular file (a folder,
 * a FIFO) is damaged state: DamagedStateError, before anything reads or commits.
 */
export function journalSize(ws: CursorWorkspace): number {
  const file = journalPath(ws);
  const st = statSync(file, { throwIfNoEntry: false });
  if (st === undefined) return 0;
  if (!st.isFile()) throw damagedStateError(file, 'the journal of git events', st);
  return st.size;
}

/** Where folding for `id` starts; a cursor past the end (journal removed) restarts at 0. */
export function readJournalCursor(ws: CursorWorkspace, id: string): number {
  // A folder or FIFO here would fail (or block) the write after the next commit: say so before it.
  assertStateFile(cursorPath(ws, id), `the journal cursor of session \`${id}\``);
  try {
    const n = Number.parseInt(readFileSync(cursorPath(ws, id), 'utf8').trim(), 10);
    return Number.isFinite(n) && n >= 0 && n <= journalSize(ws) ? n : 0;
  } catch {
    return 0;
  }
}

/** Records that the journal up to `offset` (default: its current end) is held by the committed log of `id`. */
export function markJournalCursor(ws: CursorWorkspace, id: string, offset: number = journalSize(ws)): void {
  const file = cursorPath(ws, id);
  assertStateFile(file, `the journal cursor of session \`${id}\``);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${offset}\n`);
}
