import { assertTakesEntries } from '@roo-session/core';
import type { RecordPayload } from '@roo-session/core/journal';
import { currentBranch } from '@roo-session/git';
import { appendJournalRecord } from '../store/journalRecords.js';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';

/**
 * Records an entry (and the tasks or artifacts it names) for session `s`: one atomic append to the journal, not a
 * rewrite of `session_log.md`, which stays as it is in the working tree until the next commit point
 * (docs/git-design.md, "Commit points"). A Completed or Error session takes no more entries.
 */
export async function recordEntry(ws: Workspace, s: LoadedSession, payload: RecordPayload): Promise<string> {
  assertTakesEntries(s.id, s.doc.meta.status);
  const branch = (await currentBranch(ws.repo)) ?? '';
  return appendJournalRecord(
    { commonDir: ws.repo.commonDir, gitDir: ws.repo.gitDir },
    { branch, session: s.id, at: ws.ctx.now(), payload },
  );
}
