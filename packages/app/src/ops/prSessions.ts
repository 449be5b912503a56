import {
  PR_SUMMARY_SCHEMA,
  type PrSummary,
  RooError,
  SessionLogParseError,
  type SessionSummary,
  summarizeSession,
  UsageError,
} from '@roo-session/core';
import {
  commitsInRange,
  defaultBaseRef,
  resolveCommitish,
  sessionFoldersChangedSince,
} from '@roo-session/git';
import { isOwnRooCommit } from '@roo-session/git/history';
import type { Workspace } from '../store/Workspace.js';
import { listSessions } from './listSessions.js';
import { readSessionById } from './readSession.js';

/**
 * `roo session show --pr`: every session a pull request touches, i.e. the commits `base..HEAD`:
 * the session folders changed by `git diff base...HEAD -- .ruru/sessions`, then the sessions named by
 * `Roo-Session:` trailers of those commits (a squash-merged or rebased PR still names them). Each is read from
 * this worktree (journal folded in) when its folder is here, else from the newest copy on any branch; one that
 * cannot be read anywhere is listed in `missing` with the reason. The base defaults to the remote default branch
 * (`origin/HEAD`'s target), else `main`.
 */
export async function summarizePullRequest(ws: Workspace, opts: { base?: string }): Promise<PrSummary> {
  const head = await ws.requireCommits();
  const base = opts.base ?? (await defaultBaseRef(ws.repo)).ref;
  let baseCommit: string;
  try {
    baseCommit = await resolveCommitish(ws.repo, base, '--base');
  } catch (error) {
    if (opts.base !== undefined || !(error instanceof UsageError)) throw error;
    throw new UsageError({
      what: `no base to compare with: \`origin/HEAD\` is not set and there is no branch \`${base}\``,
      next: 'roo session show --pr --base <branch>',
      hint: '(e.g. `--base origin/develop`), or `git remote set-head origin --auto` to record the remote default branch',
    });
  }
  const [changed, commits] = await Promise.all([
    sessionFoldersChangedSince(ws.repo, baseCommit, head.sha),
    commitsInRange(ws.repo, baseCommit, head.sha),
  ]);
  const ids = [...changed];
  for (const c of commits) for (const id of c.sessionIds) if (!ids.includes(id)) ids.push(id);

  const sessions: SessionSummary[] = [];
  const missing: PrSummary['missing'] = [];
  const rows = ids.some((id) => !ws.store.exists(id)) ? await listSessions(ws, { all: true }) : [];
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    if (!ws.store.exists(id) && row === undefined) {
      missing.push({
        id,
        reason: changed.includes(id)
          ? 'its folder is removed by this range and no branch holds its log'
          : 'named by a `Roo-Session` trailer, but no branch holds its log',
      });
      continue;
    }
    try {
      const s = await readSessionById(ws, id, row);
      sessions.push(
        summarizeSession(s.doc, {
          where: s.where,
          now: ws.ctx.now(),
          pendingEntries: s.pending,
          // The range's commits for this session that its log may not list yet: its work only. roo's own are the
          // log itself, and a merge (from main, say) is logged as a merge, not as work.
          rangeCommits: commits.filter(
            (c) => c.sessionIds.includes(id) && !c.merge && !isOwnRooCommit(id, c.subject, c.sessionIds),
          ),
        }),
      );
    } catch (error) {
      if (!(error instanceof RooError)) throw error;
      // Named relative to the repository: the summary is posted where the runner's paths mean nothing.
      const reason =
        error instanceof SessionLogParseError
          ? `${ws.sessionFolderRel(id)}/session_log.md:${error.line}: ${error.detail}`
          : error.what;
      missing.push({ id, reason: `its log cannot be read: ${reason}` });
    }
  }
  return { schema: PR_SUMMARY_SCHEMA, base, baseCommit, headCommit: head.sha, sessions, missing };
}
