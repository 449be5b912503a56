import { RefMovedError } from '@roo-session/core';
import { formatSessionCommitMessage } from '@roo-session/git';
import type { Workspace } from '../workspace/Workspace.js';
import { markJournalCursor } from './journalCursor.js';
import { scanFolderForSecrets, secretsFoundError } from './secretScan.js';

export type CommitSessionOptions = {
  id: string;
  branch: string;
  /** The event in the subject: `session(<ID>): <event>`. */
  event: string;
  /** Scan for credentials first (config `secretScan`, unless `--allow-secrets`). */
  scan: boolean;
  /** The command to name in a refusal ("roo session end"): what to run again. */
  command?: string;
  /** The journal offset the log was folded up to; the cursor moves there once the commit holds it. */
  foldedTo?: number;
};

/**
 * The atomic commit of SPEC 2.5 for one session folder, after an optional secret scan. Returns the new commit,
 * or null when the folder had nothing new to commit.
 */
export async function commitSessionFolder(ws: Workspace, opts: CommitSessionOptions): Promise<string | null> {
  const folder = ws.sessionFolderRel(opts.id);
  if (opts.scan && ws.config.secretScan) {
    const findings = await scanFolderForSecrets(ws.sessionDir(opts.id), ws.repo.topLevel);
    if (findings.length > 0) throw secretsFoundError(findings, opts.command ?? 'roo session checkpoint');
  }
  let result: Awaited<ReturnType<typeof ws.repo.commitFolder>>;
  try {
    result = await ws.repo.commitFolder({
      folder,
      branch: opts.branch,
      message: formatSessionCommitMessage(opts.id, opts.event),
    });
  } catch (error) {
    // The git layer cannot know which command was refused and suggests a checkpoint; after a refused `end` that
    // would leave the session open, so name the command that has to run again.
    if (error instanceof RefMovedError && opts.command !== undefined) {
      const what = error.message.replace(/;?\s*run `[^`]*` again\s*$/, '');
      throw new RefMovedError(`${what}; run \`${opts.command}\` again`, { cause: error });
    }
    throw error;
  }
  if (opts.foldedTo !== undefined) markJournalCursor(ws, opts.id, opts.foldedTo);
  return result.changed ? result.commit : null;
}
