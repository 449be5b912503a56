import { closeSync, openSync, readSync } from 'node:fs';
import {
  editSessionLog,
  journalCommitShas,
  journalWorktreeGitDir,
  journalWorktrees,
  type LogEdit,
  parseJournal,
  planFold,
  type SessionLogDoc,
} from '@roo-session/core';
import type { Workspace } from '../workspace/Workspace.js';
import { journalPath, journalSize, readJournalCursor } from './journalCursor.js';

export type Folded = {
  /** The log text with every pending event and the branch history folded in (not written). */
  text: string;
  /** The journal byte offset this text holds every event up to (a line still being written is excluded). */
  foldedTo: number;
  /** Journal lines that could not be read (reported by `doctor`). */
  badLines: number;
};

/**
 * Folds the hook journal (from the session's cursor) and the session branch's first-parent history into the log
 * text, in memory. Pure decisions live in core's `planFold`; this gathers the facts: journal bytes, history,
 * commit subjects, worktree reflogs.
 */
export async function foldJournal(ws: Workspace, s: { id: string; doc: SessionLogDoc }): Promise<Folded> {
  const from = readJournalCursor(ws, s.id);
  const size = journalSize(ws);
  const branch = s.doc.meta.branch;
  if (branch === '') return { text: s.doc.text, foldedTo: from, badLines: 0 };
  const raw = readRange(journalPath(ws), from, size);
  const journal = parseJournal(raw.toString('utf8'));
  const foldedTo = from + raw.length - Buffer.byteLength(journal.tail, 'utf8');
  const { repo } = ws;
  const history = await repo.sessionHistory({ id: s.id, branch });
  // Only rewrites on this branch, or on no branch (a `rebase --apply` that ran through), can become entries here
  // (planFold): the commits of other branches' rewrites are never looked up, which in a busy shared journal spares
  // thousands of cat-file requests and, often, the cat-file process itself.
  const ownRewrites = journal.events.filter(
    (event) => event.kind === 'rewrite' && (event.branch === branch || event.branch === ''),
  );
  const commits = await repo.commitInfo(journalCommitShas(ownRewrites));
  const reflogs = new Map<string, Awaited<ReturnType<typeof repo.reflog>>>();
  for (const wt of journalWorktrees(journal.events)) {
    reflogs.set(wt, await repo.reflog(journalWorktreeGitDir(repo.commonDir, wt)));
  }
  const edit: LogEdit = planFold({
    session: { id: s.id, branch },
    log: s.doc.entries,
    events: journal.events,
    history: history.commits,
    startCommit: history.startCommit,
    commits,
    reflogs,
    now: ws.ctx.now(),
  });
  if (history.baseCommit && history.baseCommit !== s.doc.meta.baseCommit) {
    edit.set = { ...edit.set, base_commit: history.baseCommit };
  }
  const text = isEmptyEdit(edit) ? s.doc.text : editSessionLog(s.doc.text, edit, s.doc.file);
  return { text, foldedTo, badLines: journal.bad.length };
}

function isEmptyEdit(edit: LogEdit): boolean {
  return (
    Object.keys(edit.set ?? {}).length === 0 &&
    Object.keys(edit.append ?? {}).length === 0 &&
    (edit.addEntries?.length ?? 0) === 0 &&
    (edit.replaceKeyed?.length ?? 0) === 0
  );
}

/** Reads bytes [from, to) of a file; an absent file reads as empty. */
function readRange(file: string, from: number, to: number): Buffer {
  if (to <= from) return Buffer.alloc(0);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const buf = Buffer.alloc(to - from);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
