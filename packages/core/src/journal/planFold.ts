import type { LogEdit, NewLogEntry } from '../log/types.js';
import {
  commitEntry,
  mergeEntry,
  mergeSource,
  rewriteEntry,
  switchIntoEntry,
  switchOutEntry,
  worktreeAddEntry,
} from './gitEntries.js';
import { type CheckoutEvent, groupRewrites, type JournalEvent } from './parseJournal.js';

/** One commit of the session branch's first-parent history after its start commit (git's `HistoryCommit`). */
export type FoldHistoryCommit = {
  sha: string;
  parents: readonly string[];
  subject: string;
  committedAt: Date;
  /** roo's own commit (start, checkpoint, pause, end): never logged as work. */
  isRoo: boolean;
  isMerge: boolean;
  /** For merges: how many commits it brought in. */
  mergedCount: number;
};

/** Subject and date of a commit named by the journal (git's `CommitInfo`). */
export type FoldCommitInfo = { subject: string; committedAt: Date };

/** One line of a worktree's HEAD reflog (git's `ReflogEntry`). */
export type FoldReflogEntry = { old: string; new: string; date: Date; message: string };

/** Everything {@link planFold} decides from. */
export type FoldInput = {
  session: { id: string; branch: string };
  /**
   * The log's entries as parsed (`SessionLogDoc.entries`), in file order: only `key` and `date` are used, to
   * know what is logged already and when a rewritten commit's line was dated.
   */
  log: readonly { key: string | undefined; date: Date | undefined }[];
  /** Journal events not yet in the committed log (after the session's cursor), of every branch and worktree. */
  events: readonly JournalEvent[];
  /** `sessionHistory(...).commits`: first-parent commits after the start commit, oldest first. */
  history: readonly FoldHistoryCommit[];
  /** `sessionHistory(...).startCommit`: a rebase rewrites it too, but it is not work. */
  startCommit?: string | null;
  /** `commitInfo(journalCommitShas(events))`: dates of rewrite results that are not in `history`. */
  commits?: ReadonlyMap<string, FoldCommitInfo>;
  /** HEAD reflog of each worktree named by a checkout event (`journalWorktrees`), oldest first. */
  reflogs?: ReadonlyMap<string, readonly FoldReflogEntry[]>;
  /** Date for an entry git has no date for (a rewrite whose commits are gone). */
  now: Date;
};

const ZERO = /^0+$/;
const CHECKOUT = /^checkout: moving from (\S+) to (\S+)$/;
const key12 = (sha: string) => sha.slice(0, 12);

/**
 * Decides how the journal and the branch history change a session's log (SPEC 2.4). Keys make it idempotent:
 * applying the edit and folding the same input again yields an empty edit.
 *
 * - `c:<sha>` every non-roo commit of `history` once, with its current SHA and subject; ` (from history)` when
 *   no journal event names it (hooks off, `rebase --apply`, pulled from a teammate);
 * - `m:<sha>` a merge on the branch: ``Merged `x` into `branch` (N commits)``; what it brought in is not listed;
 * - a commit that replaces logged ones through post-rewrite pairs (amend, rebase, squash — chains followed)
 *   takes over the first old line's date, and the old lines go: one line per current commit;
 * - `r:<kind>:<old>-<new>` one "Rewrote N commits (amend|rebase)" per post-rewrite run on the branch (roo's own commits
 *   not counted; a run that rewrote only those is not logged);
 * - `s:<wt>:<time>:<old>:<new>` branch switches into and out of the branch (names and times from the reflog:
 *   a checkout the reflog does not hold is not logged) and worktrees added on it.
 */
export function planFold(input: FoldInput): LogEdit {
  const { branch } = input.session;
  const logged = new Map<string, { date: Date | undefined; order: number }>();
  input.log.forEach((entry, order) => {
    if (entry.key !== undefined && !logged.has(entry.key)) logged.set(entry.key, { date: entry.date, order });
  });
  // `order` (the journal position of what caused an entry) keeps entries of the same second in the order they
  // happened; entries nothing in the journal caused (from history) come after, in history order.
  const added = new Map<string, NewLogEntry & { order: number }>();
  const removed = new Set<string>();
  // A rewritten commit's line is replaced in place (keeping its position and date) under the new commit's key.
  const replaced = new Map<string, { newKey: string; text: string }>();
  const replacedTo = new Set<string>();
  const has = (key: string) =>
    (logged.has(key) && !removed.has(key) && !replaced.has(key)) || added.has(key) || replacedTo.has(key);
  const add = (entry: NewLogEntry & { key: string; order: number }) => {
    if (!has(entry.key)) added.set(entry.key, entry);
  };

  // Where the journal first names a commit: as a commit (post-commit, a rewrite's result) or as a merge (post-merge
  // names HEAD after it; after a fast-forward that is someone else's commit, which stays "from history").
  const seenCommit = new Map<string, number>();
  const seenMerge = new Map<string, number>();
  const predecessors = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  input.events.forEach((event, index) => {
    if (event.kind === 'checkout' || event.sha === '') return;
    if (event.kind !== 'merge' && !seenCommit.has(event.sha)) seenCommit.set(event.sha, index);
    if (event.kind !== 'rewrite' && !seenMerge.has(event.sha)) seenMerge.set(event.sha, index);
    if (event.kind === 'rewrite') {
      pushTo(predecessors, event.sha, event.old);
      pushTo(successors, event.old, event.sha);
    }
  });
  const LATER = input.events.length;
  const commitKeys = (sha: string) => [`c:${sha}`, `m:${sha}`];

  // roo's own commits: the start commit is the first-parent of the oldest history commit when not given.
  const startCommit = input.startCommit ?? input.history[0]?.parents[0];

  // Logged lines of the commits `sha` was rewritten from (transitively), in log order.
  const loggedAncestors = (sha: string): string[] => {
    const found: string[] = [];
    const visited = new Set<string>([sha]);
    const queue = [...(predecessors.get(sha) ?? [])];
    for (let old = queue.shift(); old !== undefined; old = queue.shift()) {
      if (visited.has(old)) continue;
      visited.add(old);
      for (const key of commitKeys(old)) if (logged.has(key) && !removed.has(key)) found.push(key);
      queue.push(...(predecessors.get(old) ?? []));
    }
    return found.sort((a, b) => logged.get(a)!.order - logged.get(b)!.order);
  };

  // 1. The branch's commits, as they are now.
  const inHistory = new Set<string>();
  for (const commit of input.history) {
    inHistory.add(commit.sha);
    if (commit.isRoo) continue;
    const key = `${commit.isMerge ? 'm' : 'c'}:${commit.sha}`;
    if (has(key)) continue;
    const seenAt = (commit.isMerge ? seenMerge : seenCommit).get(commit.sha);
    const fromHistory = seenAt === undefined;
    const text = commit.isMerge
      ? mergeEntry(mergeSource(commit.subject, commit.parents), branch, commit.mergedCount, commit.subject, {
          fromHistory,
        })
      : commitEntry(commit.sha, branch, commit.subject, { fromHistory });
    const olds = loggedAncestors(commit.sha);
    const first = olds[0];
    if (first !== undefined) {
      // The first line of what it replaces becomes this commit's line where it stands; squashed ones go.
      replaced.set(first, { newKey: key, text });
      replacedTo.add(key);
      for (const old of olds.slice(1)) removed.add(old);
      continue;
    }
    add({ date: commit.committedAt, text, key, order: seenAt ?? LATER });
  }

  // 2. Lines of commits that are no longer on the branch but whose rewrite result is logged (e.g. it was logged
  //    by an earlier fold that did not see the rewrite yet).
  const hasLoggedSuccessor = (sha: string): boolean => {
    const visited = new Set<string>();
    const queue = [...(successors.get(sha) ?? [])];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (visited.has(next)) continue;
      visited.add(next);
      if (commitKeys(next).some(has)) return true;
      queue.push(...(successors.get(next) ?? []));
    }
    return false;
  };
  for (const old of successors.keys()) {
    if (inHistory.has(old)) continue;
    for (const key of commitKeys(old)) {
      if (logged.has(key) && !removed.has(key) && !replaced.has(key) && hasLoggedSuccessor(old))
        removed.add(key);
    }
  }

  // 3. One entry per post-rewrite run on this branch. A `rebase --apply` that ran through could not name its
  //    branch: its run belongs here when one of its new commits is on the branch. git also lists commits the
  //    rebase itself made and replaced (a pick later squashed into): those are not counted.
  const historyDates = new Map(input.history.map((commit) => [commit.sha, commit.committedAt]));
  const picks = new Set(
    input.events.flatMap((event) => (event.kind === 'commit' && event.rebase ? [event.sha] : [])),
  );
  const earlierNews = new Set<string>();
  // roo's own commits (start, checkpoint…) move with a rebase too; they are not counted as rewritten work.
  const rooCommits = new Set(input.history.flatMap((commit) => (commit.isRoo ? [commit.sha] : [])));
  if (startCommit) rooCommits.add(startCommit);
  for (const group of groupRewrites(input.events)) {
    const news = group.pairs.map((pair) => pair.sha);
    const mine = group.branch === branch || (group.branch === '' && news.some((sha) => inHistory.has(sha)));
    const work = group.pairs.filter((pair) => !rooCommits.has(pair.sha));
    // A reword or squash makes git amend inside the rebase: the rebase's own entry covers it.
    const insideRebase = group.rewrite === 'amend' && news.every((sha) => picks.has(sha));
    if (mine && work.length > 0 && !insideRebase) {
      const firstPair = group.pairs[0]!;
      const lastPair = group.pairs[group.pairs.length - 1]!;
      const date =
        historyDates.get(lastPair.sha) ?? input.commits?.get(lastPair.sha)?.committedAt ?? input.now;
      const olds = new Set(work.map((pair) => pair.old));
      const originals =
        group.rewrite === 'rebase'
          ? [...olds].filter((old) => !picks.has(old) || earlierNews.has(old))
          : [...olds];
      const count = originals.length > 0 ? originals.length : olds.size;
      const key = `r:${group.rewrite}:${key12(firstPair.old)}-${key12(firstPair.sha)}`;
      add({ date, text: rewriteEntry(count, group.rewrite), key, order: group.index });
    }
    for (const sha of news) earlierNews.add(sha);
  }

  // 4. Switches into and out of the branch, worktrees added on it.
  for (const [wt, matches] of matchCheckouts(input.events, input.reflogs)) {
    for (const { event, index, entry, occurrence } of matches) {
      const key = `s:${wt}:${Math.floor(entry.date.getTime() / 1000)}:${key12(event.from)}:${key12(event.sha)}${
        occurrence > 0 ? `:${occurrence}` : ''
      }`;
      if (ZERO.test(event.from)) {
        if (event.branch === branch)
          add({ date: entry.date, text: worktreeAddEntry(branch, wt), key, order: index });
        continue;
      }
      const moving = CHECKOUT.exec(entry.message);
      if (!moving) continue;
      const [, fromName = '', toName = ''] = moving;
      // Detached: the reflog names what was typed (a tag, a SHA, or just HEAD for --detach).
      const target = event.branch !== '' ? event.branch : toName === 'HEAD' ? event.sha : toName;
      if (target === branch && fromName !== branch) {
        add({ date: entry.date, text: switchIntoEntry(branch, fromName), key, order: index });
      } else if (fromName === branch && target !== branch) {
        add({ date: entry.date, text: switchOutEntry(branch, target), key, order: index });
      }
    }
  }

  const edit: LogEdit = {};
  const entries = [...added.values()]
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.order - b.order)
    .map(({ date, text, key }) => ({ date, text, key }));
  if (entries.length > 0) edit.addEntries = entries;
  const gone = [...removed].filter((key) => logged.has(key) && !replaced.has(key));
  const rewrites = [...replaced].map(([key, r]) => ({ key, newKey: r.newKey, text: r.text }));
  const replaceKeyed = [...rewrites, ...gone.map((key) => ({ key, text: null }))];
  if (replaceKeyed.length > 0) edit.replaceKeyed = replaceKeyed;
  return edit;
}

/** The largest value of the ascending `list` that is ≤ `limit`, or -1. */
function lastAtOrBefore(list: readonly number[], limit: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= limit) {
      found = list[mid]!;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type CheckoutMatch = { event: CheckoutEvent; index: number; entry: FoldReflogEntry; occurrence: number };

/**
 * Pairs checkout events with their reflog lines, per worktree, from the newest backwards: the events are the
 * newest checkouts (those after the cursor), so the k-th last event with a given (old, new) is the k-th last
 * reflog line with it. `occurrence` tells apart identical lines written within the same second.
 */
function matchCheckouts(
  events: readonly JournalEvent[],
  reflogs: ReadonlyMap<string, readonly FoldReflogEntry[]> | undefined,
): Map<string, CheckoutMatch[]> {
  const byWorktree = new Map<string, { event: CheckoutEvent; index: number }[]>();
  events.forEach((event, index) => {
    if (event.kind !== 'checkout') return;
    const list = byWorktree.get(event.wt);
    if (list) list.push({ event, index });
    else byWorktree.set(event.wt, [{ event, index }]);
  });
  const result = new Map<string, CheckoutMatch[]>();
  for (const [wt, checkouts] of byWorktree) {
    const reflog = reflogs?.get(wt) ?? [];
    const positions = new Map<string, number[]>();
    reflog.forEach((entry, at) => {
      pushTo(positions, `${entry.old} ${entry.new}`, at);
    });
    const matches: CheckoutMatch[] = [];
    let cursor = reflog.length - 1;
    for (let i = checkouts.length - 1; i >= 0 && cursor >= 0; i--) {
      const { event, index } = checkouts[i]!;
      const at = lastAtOrBefore(positions.get(`${event.from} ${event.sha}`) ?? [], cursor);
      if (at < 0) continue;
      const entry = reflog[at]!;
      let occurrence = 0;
      for (let j = at - 1; j >= 0; j--) {
        const other = reflog[j]!;
        if (other.date.getTime() !== entry.date.getTime()) break;
        if (other.old === entry.old && other.new === entry.new) occurrence++;
      }
      matches.push({ event, index, entry, occurrence });
      cursor = at - 1;
    }
    result.set(wt, matches.reverse());
  }
  return result;
}
