import { readFileSync } from 'node:fs';
import { IndexNotUpdatedError, type LogEdit, RefMovedError } from '@roo-session/core';
import {
  type CommitFolderResult,
  commitFolder,
  crashPoint,
  formatSessionCommitMessage,
  shellQuote,
} from '@roo-session/git';
import { refuseSecrets } from '../scan/secretScan.js';
import { markJournalCursor } from '../store/journalCursor.js';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';
import { renderSession } from './mutate.js';

export type CommitSessionOptions = {
  id: string;
  branch: string;
  /** The event in the subject: `session(<ID>): <event>`. */
  event: string;
  /** Scan what is committed for credentials (config `secretScan`, unless `--allow-secrets`). */
  scan: boolean;
  /** The command to name in a refusal ("roo session end"): what to run again. */
  command?: string;
  /** The journal offset the log was folded up to; the cursor moves there once the commit holds it. */
  foldedTo?: number;
  /** Replace the tip when it is this session's previous checkpoint (docs/git-design.md, "Checkpoints coalesce"). */
  coalesce?: boolean;
};

/**
 * The atomic commit of one session folder (docs/git-design.md), with an optional secret scan of the very bytes
 * that go into the commit (the staged blobs, so a file changed meanwhile cannot slip past it). Returns the new
 * commit, or null when the folder had nothing new to commit. When the commit lands but the index cannot be
 * updated (another git holds `index.lock`), the commit stands, the next roo command repairs the index
 * (`repairInterruptedCommit`), and this throws a GitOperationError (exit 4) saying so.
 */
export async function commitSessionFolder(ws: Workspace, opts: CommitSessionOptions): Promise<string | null> {
  const folder = ws.sessionFolderRel(opts.id);
  let result: CommitFolderResult;
  try {
    result = await commitFolder(ws.repo, {
      folder,
      branch: opts.branch,
      message: formatSessionCommitMessage(opts.id, opts.event),
      ...(opts.coalesce ? { coalesce: { session: opts.id } } : {}),
      ...(opts.scan && ws.config.secretScan
        ? { inspect: refuseSecrets(opts.command ?? 'roo session checkpoint') }
        : {}),
    });
  } catch (error) {
    // The git layer cannot know which command was refused and suggests a checkpoint; after a refused `end` that
    // would leave the session open, so name the command that has to run again.
    if (error instanceof RefMovedError && opts.command !== undefined) {
      throw new RefMovedError({
        what: error.what,
        seen: error.seen ?? undefined,
        next: opts.command,
        hint: 'again',
        cause: error,
      });
    }
    throw error;
  }
  crashPoint('before-cursor');
  if (opts.foldedTo !== undefined) markJournalCursor(ws.repo, opts.id, opts.foldedTo);
  if (!result.indexSynced) {
    throw new IndexNotUpdatedError({
      what: `committed ${result.commit.slice(0, 12)}, but the index could not be updated`,
      seen: result.warning,
      next: `git reset -q -- ${shellQuote(folder)}`,
      hint:
        `to update it now; the commit stands; the next roo command updates the index for ${folder} too; ` +
        'until then do not run `git commit`, which would undo it',
    });
  }
  return result.changed ? result.commit : null;
}

export type CommitPointOptions = {
  branch: string;
  event: string;
  /** The command's own change to the log (a status change and its entry), applied after the fold. */
  build?: (text: string) => LogEdit | undefined;
  scan: boolean;
  command: string;
  coalesce?: boolean;
};

/**
 * A commit point (start aside: checkpoint, pause, continue, end): render the log (pending records and hook
 * events folded in, the command's edit applied), write it, and commit the folder atomically. If the commit is
 * refused, the file goes back to the bytes it had, so the working tree is as before.
 */
export async function commitPoint(
  ws: Workspace,
  s: LoadedSession,
  opts: CommitPointOptions,
): Promise<{ commit: string | null; text: string }> {
  const r = await renderSession(ws, s, opts.build);
  if (r.changed) ws.store.write(s.id, r.text);
  crashPoint('after-write');
  try {
    const commit = await commitSessionFolder(ws, {
      id: s.id,
      branch: opts.branch,
      event: opts.event,
      scan: opts.scan,
      command: opts.command,
      foldedTo: r.foldedTo,
      ...(opts.coalesce ? { coalesce: true } : {}),
    });
    // A branch renamed with `git branch -m`: the log now names it, and so does the branch map.
    const was = s.doc.meta.branch;
    if (was !== '' && was !== opts.branch && ws.store.lookupBranch(was) === s.id)
      ws.store.followRename(s.id, was, opts.branch);
    return { commit, text: r.text };
  } catch (error) {
    // An index failure after the commit landed: the file is what was committed, so it stays.
    if (r.changed && !(error instanceof IndexNotUpdatedError)) restoreLog(ws, s, r.text);
    throw error;
  }
}

/** Puts the log back as it was before the commit point, unless someone changed it meanwhile. */
function restoreLog(ws: Workspace, s: LoadedSession, written: string): void {
  let now: string | undefined;
  try {
    now = readFileSync(s.logPath, 'utf8');
  } catch {
    now = undefined;
  }
  if (now === written) ws.store.write(s.id, s.doc.text);
}
