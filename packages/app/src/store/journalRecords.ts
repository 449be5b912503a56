import { closeSync, constants, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PreconditionError } from '@roo-session/core/errors';
import { formatJournalRecord, type RecordPayload } from '@roo-session/core/journal';

/** What appending a record needs to know of the repository. */
export type RecordTarget = { commonDir: string; gitDir: string };

let sequence = 0;

/**
 * A record ID unique within the journal: the time, this process, and a counter (one process may write many,
 * e.g. an MCP server). The log line's key is `j:<rid>` (docs/journal.md, "Records").
 */
export function newRecordId(at: Date): string {
  return `${at.getTime().toString(36)}-${process.pid.toString(36)}-${(sequence++).toString(36)}`;
}

/**
 * Appends one record to `<common>/roo/journal` with one `write(2)` on an `O_APPEND` descriptor, as the hooks do:
 * parallel writers (agents, hooks, other roo processes, other worktrees) never lose or interleave a line, and the
 * cost does not depend on the log's size. The working tree is not touched: the next commit point folds it in.
 * Something other than a regular file in the journal's place is refused without blocking (`O_NONBLOCK`).
 */
export function appendJournalRecord(
  target: RecordTarget,
  record: { branch: string; session: string; at: Date; payload: RecordPayload },
): string {
  const rid = newRecordId(record.at);
  const wt = isLinkedWorktree(target) ? basename(target.gitDir.replace(/[\\/]+$/, '')) : '.';
  const line = Buffer.from(formatJournalRecord({ ...record, wt, rid }), 'utf8');
  const dir = join(target.commonDir, 'roo');
  const file = join(dir, 'journal');
  mkdirSync(dir, { recursive: true });
  let fd: number;
  try {
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK,
      0o644,
    );
  } catch (error) {
    throw journalError(file, (error as NodeJS.ErrnoException).code ?? String(error), error);
  }
  try {
    if (!fstatSync(fd).isFile()) throw journalError(file, 'not a regular file');
    let written = 0;
    while (written < line.length) written += writeSync(fd, line, written, line.length - written);
  } finally {
    closeSync(fd);
  }
  return rid;
}

function isLinkedWorktree(target: RecordTarget): boolean {
  const norm = (p: string) => p.replace(/[\\/]+$/, '');
  return norm(target.gitDir) !== norm(target.commonDir);
}

function journalError(file: string, seen: string, cause?: unknown): PreconditionError {
  return new PreconditionError({
    what: `cannot append to the session journal ${file}; nothing was recorded`,
    seen,
    next: 'roo doctor',
    hint: "to see what is wrong with roo's state, then run the command again",
    cause,
  });
}
