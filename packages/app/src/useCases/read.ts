import { sep } from 'node:path';
import { type LogEntry, parseStatus, UsageError } from '@roo-session/core';
import type { AppContext } from '../context.js';
import { withPending } from '../ops/foldJournal.js';
import { hookHealth } from '../ops/hookHealth.js';
import { listSessions } from '../ops/listSessions.js';
import { summarizePullRequest } from '../ops/prSessions.js';
import { type ReadSession, readSessionForDisplay } from '../ops/readSession.js';
import { Workspace } from '../store/Workspace.js';
import type { SessionQuery } from './lifecycle.js';

/** A session's folder and log path when it is checked out here; null for one read from a branch. */
function filesOf(ws: Workspace, s: { id: string; where: string }) {
  return s.where === 'worktree' ? ws.files(s.id) : { folder: null, logPath: null };
}

/** `roo session current`: the session a command would act on (docs/git-design.md, "Which session"). */
export async function sessionCurrent(ctx: AppContext, input: SessionQuery) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session);
  const { meta } = s.doc;
  return {
    id: s.id,
    status: meta.status ?? meta.statusRaw,
    branch: meta.branch,
    title: meta.title,
    ...ws.files(s.id),
  };
}

/**
 * `roo session show` and `status`: the session as it reads with pending journal entries folded in (from this
 * worktree, or from the newest copy on a branch), with its files and, for `status`, the health of roo's hooks.
 */
export async function sessionRead(ctx: AppContext, input: SessionQuery & { hooks?: boolean | undefined }) {
  const ws = await Workspace.open(ctx);
  // The hook check (two git processes) does not depend on the session: run it while the log is folded.
  const [session, hooks] = await Promise.all([
    readSessionForDisplay(ws, input.session),
    input.hooks ? hookHealth(ws) : undefined,
  ]);
  return { session, hooks, topLevel: ws.repo.topLevel, ...filesOf(ws, session) };
}

/** How many of the latest entries {@link sessionBrief} returns. */
const LAST_ENTRIES = 5;

/**
 * A session in brief, for agents (the MCP server's `status` tool): what it is, where its files are, how many
 * entries it has and its latest few as one line each.
 */
export async function sessionBrief(ctx: AppContext, input: SessionQuery) {
  const { session: s, topLevel, folder, logPath } = await sessionRead(ctx, input);
  const meta = s.doc.meta;
  return {
    id: s.id,
    title: meta.title,
    status: meta.statusRaw,
    branch: meta.branch,
    // `worktree` when the folder is checked out here; else the branch the session was read from.
    where: s.where,
    folder,
    logPath,
    pendingEntries: s.pending,
    entries: s.doc.entries.length,
    lastEntries: s.doc.entries.slice(-LAST_ENTRIES).map(entryLine),
    repository: topLevel,
  };
}

/** An entry as one compact line: its timestamp and text, without roo's key. */
function entryLine(e: LogEntry): string {
  return e.raw
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/\s*<!-- roo:\S+ -->\s*$/, '')
    .trim();
}

/** `roo session show --pr`: every session the branch touches since `base`, summarised (docs/summary-schema.md). */
export async function sessionPullRequest(ctx: AppContext, input: { base?: string | undefined }) {
  const ws = await Workspace.open(ctx);
  return summarizePullRequest(ws, input.base === undefined ? {} : { base: input.base });
}

/**
 * `roo session list [--all] [--status <status>]`: the sessions of this worktree (with `all`, of every local and
 * remote-tracking branch too), each with its folder and log path when it is checked out here.
 */
export async function sessionList(
  ctx: AppContext,
  input: { all?: boolean | undefined; status?: string | undefined },
) {
  const want = input.status === undefined ? undefined : parseStatus(input.status)?.status;
  if (input.status !== undefined && want === undefined) {
    throw new UsageError({
      what: `--status ${input.status} is not a session status`,
      next: 'roo session list --status active',
      hint: '(or paused, completed, error)',
    });
  }
  const ws = await Workspace.open(ctx);
  let rows = await listSessions(ws, { all: input.all ?? false });
  if (want !== undefined) rows = rows.filter((r) => r.status === want);
  // 10,000 rows: the paths by concatenation (an ID is one folder name), not two path.join calls each.
  const dir = `${ws.sessionsDir}${sep}`;
  return {
    root: ws.repo.topLevel,
    sessions: rows.map((r) => {
      const here = r.locations.includes('worktree');
      const folder = here ? `${dir}${r.id}` : null;
      return { ...r, folder, logPath: folder === null ? null : `${folder}${sep}session_log.md` };
    }),
  };
}

/** `roo session sync`: how many journal entries the log does not hold yet (folded in memory only). */
export async function sessionSync(ctx: AppContext, input: SessionQuery) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session, { anyStatus: true });
  const r = await withPending(ws, s);
  return { id: s.id, changed: r.doc.text !== s.doc.text, pendingEntries: r.pending, ...ws.files(s.id) };
}

/** The IDs of the session folders in this worktree. */
export async function sessionIds(ctx: AppContext): Promise<string[]> {
  return (await Workspace.open(ctx)).store.listIds();
}

export type { ReadSession };
