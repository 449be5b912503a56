import { SessionStatus } from '../status.js';
import { parseLooseTimestamp } from '../time.js';

/** The frontmatter facts `roo session list` shows for one copy of a session log (or why it is unreadable). */
export type SessionCopyMeta = {
  id: string;
  title: string;
  status: SessionStatus | undefined;
  statusRaw: string;
  branch: string;
  startTime: string;
  endTime: string;
  /** `start_time` / `end_time` as epoch milliseconds; null when empty or not a date. */
  startMs: number | null;
  endMs: number | null;
  /** Set when the log cannot be read: the first line of the error. Everything else is then empty. */
  error?: string;
};

/** A place holding a copy of a session log: this worktree or a branch tip. */
export type CopyLocation = {
  /** `worktree`, a local branch (`session/X`) or a remote-tracking one (`origin/session/X`). */
  location: string;
  kind: 'worktree' | 'local' | 'remote';
  /** The branch this copy lives on, without the remote (for the worktree: the branch checked out). */
  branch: string | null;
  /** The branch tip's commit time (epoch ms); null for the worktree. */
  tipMs: number | null;
  /**
   * Display position among all locations (ascending), when the caller has already ordered them; without it
   * locations are ordered worktree, local branches, remote-tracking branches, then by name.
   */
  order?: number;
};

/**
 * One content of a session log and every location holding exactly that content (twenty branches forked from
 * `main` hold the same bytes of an old session: one copy, twenty locations).
 */
export type SessionCopy = {
  /** The folder name (the session ID as the tree holds it). */
  id: string;
  meta: SessionCopyMeta;
  locations: readonly CopyLocation[];
};

/** One row of `roo session list`: the newest copy's facts, and where every copy lives. */
export type SessionListRow = {
  id: string;
  title: string;
  status: SessionStatus | undefined;
  statusRaw: string;
  branch: string;
  startTime: string;
  endTime: string;
  /** Every location holding a copy: `worktree` first, then local branches, then remote-tracking ones. */
  locations: string[];
  /** The location of the newest copy (see {@link compareCopies}); its facts are the row's. */
  newest: string;
  /** Whether the copies differ (only then does `newest` matter). */
  diverged: boolean;
  /** When they differ: each distinct copy, its status and end time and where it lives, newest first. */
  copies?: { locations: string[]; status: string; endTime: string; error?: string }[];
  error?: string;
};

const KIND_ORDER = { worktree: 0, local: 1, remote: 2 } as const;

const isFinished = (status: SessionStatus | undefined): boolean =>
  status === SessionStatus.Completed || status === SessionStatus.Error;

/** A copy at one location, as {@link compareCopies} orders them. */
export type LocatedCopy = { meta: SessionCopyMeta; at: CopyLocation };

/**
 * Orders two copies of one session, newest first. Status alone cannot say which copy is newer (a session goes
 * Active → Paused → Active again, and `continue` clears `end_time`), and a branch tip's date says when the branch
 * last moved, not when the log did. So, in this order:
 * 1. a readable copy beats an unreadable one;
 * 2. a finished copy (🏁 Completed, 🔴 Error) beats an open one (🟢 Active, ⏸️ Paused): a finished session only
 *    changes again through `continue --reopen`; between two finished copies the later `end_time` wins;
 * 3. a copy on the session's own branch (its `branch` key; for the worktree, when that branch is checked out here)
 *    beats a snapshot elsewhere (a base branch it was merged into, a branch forked from it): the session commits
 *    its log on its own branch;
 * 4. the worktree copy beats a committed one: it may hold work not committed yet;
 * 5. the newer branch tip; then a local branch before its remote-tracking copy, then by name.
 */
export function compareCopies(a: LocatedCopy, b: LocatedCopy): number {
  return compareContent(a.meta, b.meta) || compareLocation(a.meta, a.at, b.meta, b.at);
}

function compareContent(a: SessionCopyMeta, b: SessionCopyMeta): number {
  const readable = Number(b.error === undefined) - Number(a.error === undefined);
  if (readable !== 0) return readable;
  const finished = Number(isFinished(b.status)) - Number(isFinished(a.status));
  if (finished !== 0) return finished;
  if (isFinished(a.status)) return (b.endMs ?? 0) - (a.endMs ?? 0);
  return 0;
}

// Takes the parts rather than LocatedCopy objects: it runs once per location of every session (200,000 times
// for 10,000 sessions on twenty branches) and must not allocate.
function compareLocation(am: SessionCopyMeta, a: CopyLocation, bm: SessionCopyMeta, b: CopyLocation): number {
  const own = Number(isOwnBranch(bm, b)) - Number(isOwnBranch(am, a));
  if (own !== 0) return own;
  const worktree = Number(b.kind === 'worktree') - Number(a.kind === 'worktree');
  if (worktree !== 0) return worktree;
  const tip = (b.tipMs ?? 0) - (a.tipMs ?? 0);
  if (tip !== 0) return tip;
  return byPlace(a, b);
}

function isOwnBranch(meta: SessionCopyMeta, at: CopyLocation): boolean {
  return meta.branch !== '' && at.branch === meta.branch;
}

function byPlace(a: CopyLocation, b: CopyLocation): number {
  if (a.order !== undefined && b.order !== undefined) return a.order - b.order;
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.location < b.location ? -1 : a.location > b.location ? 1 : 0)
  );
}

/** Location names in display order (sorting only when the caller's order is not already it). */
function placeNames(locations: readonly CopyLocation[]): string[] {
  let sorted = true;
  for (let i = 1; i < locations.length && sorted; i++)
    sorted = byPlace(locations[i - 1]!, locations[i]!) <= 0;
  return (sorted ? locations : [...locations].sort(byPlace)).map((at) => at.location);
}

/** The location of `copy` that is the best place to read it from (own branch, worktree, newest tip…). */
function bestLocation(copy: SessionCopy): CopyLocation {
  let best = copy.locations[0]!;
  for (let i = 1; i < copy.locations.length; i++) {
    const at = copy.locations[i]!;
    if (compareLocation(copy.meta, at, copy.meta, best) < 0) best = at;
  }
  return best;
}

/**
 * De-duplicates copies by session ID into list rows (the newest copy's facts, every location), sorted newest
 * session first by `start_time`, then by ID. Pure; the CLI gathers the copies.
 */
export function mergeSessionCopies(copies: readonly SessionCopy[]): SessionListRow[] {
  const byId = new Map<string, SessionCopy[]>();
  for (const copy of copies) {
    if (copy.locations.length === 0) continue;
    const list = byId.get(copy.id);
    if (list === undefined) byId.set(copy.id, [copy]);
    else list.push(copy);
  }
  const rows: (SessionListRow & { sortMs: number })[] = [];
  for (const [id, list] of byId) {
    const ranked: LocatedCopy[] = list.map((copy) => ({ meta: copy.meta, at: bestLocation(copy) }));
    const order = list.map((_, i) => i);
    if (list.length > 1) order.sort((i, j) => compareCopies(ranked[i]!, ranked[j]!));
    const newest = ranked[order[0]!]!;
    const m = newest.meta;
    const diverged = list.length > 1;
    rows.push({
      id,
      title: m.title,
      status: m.status,
      statusRaw: m.statusRaw,
      branch: m.branch,
      startTime: m.startTime,
      endTime: m.endTime,
      locations: placeNames(diverged ? list.flatMap((c) => c.locations) : list[0]!.locations),
      newest: newest.at.location,
      diverged,
      ...(diverged
        ? {
            copies: order.map((i) => {
              const copy = list[i]!;
              return {
                locations: placeNames(copy.locations),
                status: copy.meta.status ?? copy.meta.statusRaw,
                endTime: copy.meta.endTime,
                ...(copy.meta.error === undefined ? {} : { error: copy.meta.error }),
              };
            }),
          }
        : {}),
      ...(m.error === undefined ? {} : { error: m.error }),
      sortMs: m.startMs ?? Number.NEGATIVE_INFINITY,
    });
  }
  rows.sort((a, b) => b.sortMs - a.sortMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map(({ sortMs: _sortMs, ...row }) => row);
}

/** The list facts of a parsed frontmatter (`readSessionMeta(...).meta`). */
export function copyMetaOf(meta: {
  id: string;
  title: string;
  status: SessionStatus | undefined;
  statusRaw: string;
  branch: string;
  startTime: string;
  endTime: string;
}): Omit<SessionCopyMeta, 'error'> {
  const ms = (text: string) => (text === '' ? null : (parseLooseTimestamp(text)?.getTime() ?? null));
  return {
    id: meta.id,
    title: meta.title,
    status: meta.status,
    statusRaw: meta.statusRaw,
    branch: meta.branch,
    startTime: meta.startTime,
    endTime: meta.endTime,
    startMs: ms(meta.startTime),
    endMs: ms(meta.endTime),
  };
}

/** The list facts of a log that cannot be read: only the ID (its folder name) and the error. */
export function unreadableCopyMeta(id: string, error: string): SessionCopyMeta {
  return {
    id,
    title: '',
    status: undefined,
    statusRaw: '',
    branch: '',
    startTime: '',
    endTime: '',
    startMs: null,
    endMs: null,
    error,
  };
}
