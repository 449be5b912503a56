import {
  errorEntry,
  formatIsoWithOffset,
  PreconditionError,
  planTransition,
  type SessionStatus,
  SessionStatus as Status,
  statusEntry,
} from '@roo-session/core';
import { operationInProgress, readHead } from '@roo-session/git';
import { assertNoOperation } from '../store/guards.js';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';
import { commitPoint, commitSessionFolder } from './commitSession.js';

export type CommitOptions = { allowSecrets: boolean; command: string };

/**
 * Refuses early what would make the atomic commit fail, before the log is touched: a git operation in progress,
 * the session's branch not checked out here. (The secret scan runs on the bytes committed, in the commit point.)
 */
async function preflight(ws: Workspace, s: LoadedSession, what: string): Promise<string> {
  await assertNoOperation(ws.repo, what);
  const head = await ws.requireCommits();
  let branch = s.doc.meta.branch || head.branch;
  // A branch renamed with `git branch -m` is still the session's (docs/journal.md); the log follows at this fold.
  if (
    head.branch !== null &&
    branch !== null &&
    branch !== head.branch &&
    ws.store.isFormerName(head.branch, branch)
  )
    branch = head.branch;
  if (head.branch === null || branch !== head.branch) {
    throw new PreconditionError({
      what: `session ${s.id} is mapped to branch \`${branch}\`, but ${head.branch === null ? 'HEAD is detached' : `\`${head.branch}\` is checked out`}`,
      next: `git switch ${branch}`,
      hint: `(or \`roo session continue ${s.id}\`) and try again`,
    });
  }
  return branch;
}

/**
 * `roo session checkpoint`: fold, then the atomic commit, replacing the previous checkpoint when nothing came
 * between (docs/git-design.md, "Checkpoints coalesce"). Returns the commit, or null when nothing changed.
 */
export async function checkpointSession(
  ws: Workspace,
  s: LoadedSession,
  opts: CommitOptions,
): Promise<string | null> {
  const branch = await preflight(ws, s, 'checkpoint the session');
  const { commit } = await commitPoint(ws, s, {
    branch,
    event: 'checkpoint',
    scan: !opts.allowSecrets,
    command: opts.command,
    coalesce: true,
  });
  return commit;
}

export type StatusChangeResult = {
  commit: string | null;
  /** The session was in that state already: nothing new was logged (an interrupted commit may have been finished). */
  already: boolean;
};

/**
 * `pause`, `end` and `end --error`: a status change (planTransition says whether it is allowed), `end_time`,
 * the V7 status entry, then the atomic commit. The branch map follows: only Active sessions are mapped.
 *
 * Idempotent: on a session already in `to`, nothing is logged and the times are kept; if the folder still differs
 * from the branch tip (a run killed between writing the log and committing it), that commit is finished.
 */
export async function changeStatusAndCommit(
  ws: Workspace,
  s: LoadedSession,
  to: SessionStatus,
  opts: CommitOptions & { event: string; errorMessage?: string },
): Promise<StatusChangeResult> {
  const from = s.doc.meta.status;
  const already = from === to;
  if (already) {
    const head = await readHead(ws.repo);
    const branch = s.doc.meta.branch;
    let commit: string | null = null;
    if (
      head.branch !== null &&
      branch !== '' &&
      head.branch === branch &&
      operationInProgress(ws.repo) === null
    ) {
      // Only what is on disk: pending records are not folded into a session already closed this way.
      commit = await commitSessionFolder(ws, {
        id: s.id,
        branch,
        event: opts.event,
        scan: !opts.allowSecrets,
        command: opts.command,
      });
    }
    if (to !== Status.Active && branch !== '') ws.store.unmapBranch(branch, s.id);
    return { commit, already: true };
  }
  planTransition(from, to, { reopen: false, id: s.id });
  const branch = await preflight(ws, s, `${opts.event} the session`);
  const now = ws.ctx.now();
  const { commit } = await commitPoint(ws, s, {
    branch,
    event: opts.event,
    scan: !opts.allowSecrets,
    command: opts.command,
    build: () => ({
      set: { status: to, end_time: formatIsoWithOffset(now) },
      addEntries: [
        ...(opts.errorMessage !== undefined ? [{ date: now, text: errorEntry(opts.errorMessage) }] : []),
        { date: now, text: statusEntry(to) },
      ],
    }),
  });
  if (to !== Status.Active) ws.store.unmapBranch(branch, s.id);
  return { commit, already: false };
}
