import {
  errorEntry,
  formatIsoWithOffset,
  PreconditionError,
  planTransition,
  type SessionStatus,
  SessionStatus as Status,
  statusEntry,
} from '@roo-session/core';
import type { LoadedSession } from '../workspace/SessionStore.js';
import type { Workspace } from '../workspace/Workspace.js';
import { commitSessionFolder } from './commitSession.js';
import { assertNoOperation } from './guards.js';
import { mutateSession } from './mutate.js';
import { scanFolderForSecrets, secretsFoundError } from './secretScan.js';

export type CommitOptions = { allowSecrets: boolean; command: string };

/**
 * Refuses early everything that would make the atomic commit fail, before the log is touched: a git operation in
 * progress, the session's branch not checked out here, credentials in the folder.
 */
async function preflight(
  ws: Workspace,
  s: LoadedSession,
  opts: CommitOptions,
  what: string,
): Promise<string> {
  await assertNoOperation(ws, what);
  const head = await ws.requireCommits();
  const branch = s.doc.meta.branch || head.branch;
  if (head.branch === null || branch !== head.branch) {
    throw new PreconditionError(
      `session ${s.id} is mapped to branch \`${branch}\`, but ${head.branch === null ? 'HEAD is detached' : `\`${head.branch}\` is checked out`}\n` +
        `run \`git switch ${branch}\` (or \`roo session continue ${s.id}\`) and try again`,
    );
  }
  if (ws.config.secretScan && !opts.allowSecrets) {
    const findings = await scanFolderForSecrets(ws.sessionDir(s.id), ws.repo.topLevel);
    if (findings.length > 0) throw secretsFoundError(findings, opts.command);
  }
  return branch;
}

/** Commits `text`'s folder; if git refuses, the log goes back to `previous` so nothing is half-done. */
async function commitOrRestore(
  ws: Workspace,
  s: LoadedSession,
  branch: string,
  event: string,
  foldedTo: number,
  command: string,
): Promise<string | null> {
  try {
    return await commitSessionFolder(ws, { id: s.id, branch, event, scan: false, foldedTo, command });
  } catch (error) {
    ws.store.write(s.id, s.doc.text);
    throw error;
  }
}

/** `roo session checkpoint`: fold, then the atomic commit. Returns the commit, or null when nothing changed. */
export async function checkpointSession(
  ws: Workspace,
  s: LoadedSession,
  opts: CommitOptions,
): Promise<string | null> {
  const branch = await preflight(ws, s, opts, 'checkpoint the session');
  const r = await mutateSession(ws, s);
  return commitOrRestore(ws, s, branch, 'checkpoint', r.foldedTo, opts.command);
}

/**
 * `pause`, `end` and `end --error`: a status change (planTransition says whether it is allowed), `end_time`,
 * the V7 status entry, then the atomic commit. The branch map follows: only Active sessions are mapped.
 */
export async function changeStatusAndCommit(
  ws: Workspace,
  s: LoadedSession,
  to: SessionStatus,
  opts: CommitOptions & { event: string; errorMessage?: string },
): Promise<string | null> {
  const from = s.doc.meta.status;
  planTransition(from, to, { reopen: false });
  const branch = await preflight(ws, s, opts, `${opts.event} the session`);
  const now = ws.ctx.now();
  const r = await mutateSession(ws, s, () => ({
    set: { status: to, end_time: formatIsoWithOffset(now) },
    addEntries: [
      ...(opts.errorMessage !== undefined ? [{ date: now, text: errorEntry(opts.errorMessage) }] : []),
      { date: now, text: statusEntry(to) },
    ],
  }));
  const commit = await commitOrRestore(ws, s, branch, opts.event, r.foldedTo, opts.command);
  if (to !== Status.Active) ws.store.unmapBranch(branch, s.id);
  return commit;
}
