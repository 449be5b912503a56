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
  /** The command to name in a refusal ("roo session end"). */
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
  const result = await ws.repo.commitFolder({
    folder,
    branch: opts.branch,
    message: formatSessionCommitMessage(opts.id, opts.event),
  });
  if (opts.foldedTo !== undefined) markJournalCursor(ws, opts.id, opts.foldedTo);
  return result.changed ? result.commit : null;
}
