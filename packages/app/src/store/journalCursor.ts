import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RepoContext } from '@roo-session/git';
import { assertStateFile, damagedStateError } from './safeFiles.js';

/** What the cursor files need of the repository: where the shared git directory is. */
type CursorRepo = Pick<RepoContext, 'commonDir'>;

/**
 * Per-session journal cursors (`<common>/roo/cursors/<ID>`): the byte offset of the journal up to which every
 * event is already in a *committed* log. A fold reads from there, so its cost is bounded by the events since the
 * session's last commit, and an event is never skipped before a commit holds it: if the working-tree log is
 * thrown away, folding again from the cursor brings the events back.
 */
export function journalPath(repo: CursorRepo): string {
  return join(repo.commonDir, 'roo', 'journal');
}

function cursorPath(repo: CursorRepo, id: string): string {
  return join(repo.commonDir, 'roo', 'cursors', id);
}

/** Where a fold keeps what it has scanned past the cursor (see readJournalCached). */
export function journalScanCachePath(repo: CursorRepo, id: string): string {
  return join(repo.commonDir, 'roo', 'cache', 'scan', id);
}

/**
 * The journal's current size in bytes (0 when there is none yet). A journal that is not a regular file (a folder,
 * a FIFO) is damaged state: DamagedStateError, before anything reads or commits.
 */
export function journalSize(repo: CursorRepo): number {
  const file = journalPath(repo);
  const st = statSync(file, { throwIfNoEntry: false });
  if (st === undefined) return 0;
  if (!st.isFile()) throw damagedStateError(file, 'the journal of git events', st);
  return st.size;
}

/** Where folding for `id` starts; a cursor past the end (journal removed) restarts at 0. */
export function readJournalCursor(repo: CursorRepo, id: string): number {
  // A folder or FIFO here would fail (or block) the write after the next commit: say so before it.
  assertStateFile(cursorPath(repo, id), `the journal cursor of session \`${id}\``);
  try {
    const n = Number.parseInt(readFileSync(cursorPath(repo, id), 'utf8').trim(), 10);
    return Number.isFinite(n) && n >= 0 && n <= journalSize(repo) ? n : 0;
  } catch {
    return 0;
  }
}

/** Records that the journal up to `offset` (default: its current end) is held by the committed log of `id`. */
export function markJournalCursor(repo: CursorRepo, id: string, offset: number = journalSize(repo)): void {
  const file = cursorPath(repo, id);
  assertStateFile(file, `the journal cursor of session \`${id}\``);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${offset}\n`);
}
