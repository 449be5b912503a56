import {
  BranchInOtherWorktreeError,
  DirtyTreeError,
  escapeTerminalLine,
  GitOperationError,
  isPlainBranchName,
  PreconditionError,
  planTransition,
  SessionStatus,
  seenOf,
  statusEntry,
  UnknownSessionIdError,
} from '@roo-session/core';
import {
  dirtyPaths,
  pathsChangedBetween,
  refExists,
  stashPush,
  switchBranch,
  trackRemoteBranch,
  worktreeForBranch,
} from '@roo-session/git';
import { findRenamedBranch } from '@roo-session/git/history';
import { assertNoOperation } from '../store/guards.js';
import { type RefSession, RefSessions, shortRef } from '../store/remoteSessions.js';
import { resolveSessionQuery } from '../store/resolveSessionQuery.js';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';
import { commitPoint } from './commitSession.js';
import { warnHookFailure } from './hookFailure.js';
import { checkpointSession } from './transitions.js';

export type ContinueOptions = { query: string; reopen: boolean; autostash: boolean; allowSecrets: boolean };
export type ContinueResult = { id: string; branch: string; left?: string; stash?: string; switched: boolean };

/**
 * `roo session continue <id>` (docs/commands.md): resolve the ID across this worktree and every branch, checkpoint the
 * session being left, refuse (exit 3, naming the files) when uncommitted changes would block the checkout unless
 * `--autostash`, check out the session's branch (local, or tracking `origin/<branch>`), and make it Active again.
 * Everything refusable is checked before the first change.
 */
export async function continueSession(ws: Workspace, opts: ContinueOptions): Promise<ContinueResult> {
  const { repo, store } = ws;
  const head = await ws.requireCommits();
  // Sessions are found by folder name first; only the logs of the one the query names are parsed.
  const local = store.idSource();
  const remote = await RefSessions.read(ws.repo);
  const id = await resolveSessionQuery(opts.query, [local, remote]);
  const here = local.has(id) ? readIfOnBranch(ws, id, head.branch) : undefined;
  const copy = here ? undefined : pickCopy(await remote.copiesOf(id));
  const meta = here?.doc?.meta ?? copy?.doc?.meta;
  if (!meta) {
    if (copy?.error) throw copy.error;
    throw new UnknownSessionIdError({
      what: `session ${id} has no readable log`,
      next: 'roo session check',
      hint: 'to see why',
    });
  }
  planTransition(meta.status, SessionStatus.Active, { reopen: opts.reopen, id });
  const recorded = meta.branch || (copy ? shortRef(copy.ref) : (head.branch ?? ''));
  // The branch comes from the log, which anyone can push: a ref spelled out, an option-like or invalid name would
  // make `git switch` create or read something else. Refused before anything changes.
  if (!isPlainBranchName(recorded)) {
    throw new PreconditionError({
      what:
        `session ${escapeTerminalLine(id)} names the branch ${JSON.stringify(recorded)}, which is not a branch name ` +
        'git accepts (or it names a ref, `refs/…`); nothing was changed',
      next: 'roo session check',
      hint: `, then set \`branch = "<branch>"\` in its session_log.md to the session's real branch`,
    });
  }
  // A branch renamed with `git branch -m` keeps its session: follow the rename its reflog records.
  const branch =
    recorded !== '' && !(await refExists(repo, `refs/heads/${recorded}`))
      ? (findRenamedBranch(repo.commonDir, recorded) ?? recorded)
      : recorded;
  await assertNoOperation(ws.repo, 'switch sessions');

  let left: LoadedSession | undefined;
  let stash: string | undefined;
  const switching = head.branch !== branch;
  if (switching) {
    const elsewhere = await worktreeForBranch(repo, branch);
    if (elsewhere !== undefined) {
      throw new BranchInOtherWorktreeError({ branch, worktree: elsewhere, session: id });
    }
    const localRef = `refs/heads/${branch}`;
    const hasLocal = await refExists(repo, localRef);
    const remoteRef = hasLocal ? undefined : copy?.ref.startsWith('refs/remotes/') ? copy.ref : undefined;
    if (!hasLocal && remoteRef === undefined) {
      throw new UnknownSessionIdError({
        what: `session ${id} is mapped to branch \`${branch}\`, which exists neither locally nor on a remote`,
        next: 'git fetch',
        hint: 'if a teammate pushed it, or `roo session list --all` to see where it lives',
      });
    }
    const target = hasLocal ? localRef : remoteRef!;
    left = (await store.active()) ?? undefined;
    const leftFolder = left ? ws.sessionFolderRel(left.id) : undefined;
    const dirty = (await dirtyPaths(repo)).filter((p) => !leftFolder || !isInside(p.path, leftFolder));
    const changed = new Set(await pathsChangedBetween(repo, 'HEAD', target));
    const blocking = dirty.filter((p) => changed.has(p.path)).map((p) => p.path);
    if (blocking.length > 0 && !opts.autostash) {
      throw new DirtyTreeError({ branch, paths: blocking, session: id });
    }
    if (left)
      await checkpointSession(ws, left, {
        allowSecrets: opts.allowSecrets,
        command: `roo session continue ${id}`,
      });
    if (blocking.length > 0) {
      stash = `roo: autostash leaving ${head.branch ?? head.sha.slice(0, 12)} for ${id}`;
      await stashPush(repo, stash);
    }
    try {
      const switched = hasLocal
        ? await switchBranch(repo, branch)
        : await trackRemoteBranch(repo, branch, shortRef(remoteRef!));
      if (switched.hookFailure) warnHookFailure(ws, branch, switched.hookFailure);
    } catch (error) {
      throw new GitOperationError({
        what:
          `git could not check out \`${branch}\`; your work is safe` +
          `${left ? ` (session ${left.id} was checkpointed)` : ''}${stash ? ` and stashed as "${stash}"` : ''}`,
        seen: seenOf(error),
        next: 'git status',
        hint: `, then \`git switch ${branch}\` by hand`,
        cause: error,
      });
    }
  }
  const resumed = store.read(id);
  const now = ws.ctx.now();
  const wasActive = resumed.doc.meta.status === SessionStatus.Active;
  // A commit point for the session resumed too: its status (and a `branch` a log without one gets) is committed
  // on its branch, so the working tree is clean and every reader sees it Active.
  if (!wasActive || resumed.doc.meta.branch !== branch) {
    await commitPoint(ws, resumed, {
      branch,
      event: 'continue',
      scan: !opts.allowSecrets,
      command: `roo session continue ${id}`,
      build: () => ({
        set: {
          status: SessionStatus.Active,
          end_time: '',
          ...(resumed.doc.meta.branch !== branch ? { branch } : {}),
        },
        ...(wasActive ? {} : { addEntries: [{ date: now, text: statusEntry(SessionStatus.Active) }] }),
      }),
    });
  }
  store.mapBranch(branch, id);
  return { id, branch, ...(left ? { left: left.id } : {}), ...(stash ? { stash } : {}), switched: switching };
}

/** Session `id` of this worktree when its log reads and maps it to `branch` (the session checked out here). */
function readIfOnBranch(ws: Workspace, id: string, branch: string | null): LoadedSession | undefined {
  try {
    const s = ws.store.read(id);
    const recorded = s.doc.meta.branch;
    // A log that names no branch is continued on the branch checked out here; a renamed branch keeps its session.
    return recorded === branch ||
      recorded === '' ||
      (branch !== null && ws.store.isFormerName(branch, recorded))
      ? s
      : undefined;
  } catch {
    return undefined;
  }
}

/** The copy to continue from: the one on the session's own local branch, else its remote-tracking one, else the newest. */
function pickCopy(copies: RefSession[]): RefSession | undefined {
  const readable = copies.filter((c) => c.doc);
  const own = (c: RefSession) => c.doc && shortRef(c.ref) === c.doc.meta.branch;
  const ownRemote = (c: RefSession) => c.doc && shortRef(c.ref).replace(/^[^/]+\//, '') === c.doc.meta.branch;
  return (
    readable.find((c) => c.ref.startsWith('refs/heads/') && own(c)) ??
    readable.find((c) => c.ref.startsWith('refs/remotes/') && ownRemote(c)) ??
    readable.sort((a, b) => (b.tipDate?.getTime() ?? 0) - (a.tipDate?.getTime() ?? 0))[0] ??
    copies[0]
  );
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}
