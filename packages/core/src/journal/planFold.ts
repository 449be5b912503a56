import type { LogEdit, NewLogEntry } from '../log/types.js';
import {
  commitEntry,
  type DropCause,
  droppedEntry,
  FROM_HISTORY,
  fastForwardEntry,
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
  /**
   * roo's own commit of this session (start, checkpoint, pause, end: subject `session(<ID>): …` and the
   * `Roo-Session: <ID>` trailer): never logged as work.
   */
  isRoo: boolean;
  isMerge: boolean;
  /** For merges: how many commits it brought in. */
  mergedCount: number;
  /** `<author email> <author unix time>`: kept by amend, rebase and cherry-pick (pairs hookless rewrites). */
  author?: string;
};

/** Subject and date of a commit named by the journal or by a logged line (git's `CommitInfo`). */
export type FoldCommitInfo = { subject: string; committedAt: Date; author?: string };

/** One line of a worktree's HEAD reflog (git's `ReflogEntry`). */
export type FoldReflogEntry = { old: string; new: string; date: Date; message: string };

/** Everything {@link planFold} decides from. */
export type FoldInput = {
  /** `formerBranches`: the names the branch had before `git branch -m` (events may carry them). */
  session: { id: string; branch: string; formerBranches?: readonly string[] };
  /**
   * The log's entries as parsed (`SessionLogDoc.entries`), in file order: `key` and `date` tell what is logged
   * already and when a rewritten commit's line was dated; `text`, whether a commit's line says "(from history)".
   */
  log: readonly { key: string | undefined; date: Date | undefined; text?: string }[];
  /** Journal events not yet in the committed log (after the session's cursor), of every branch and worktree. */
  events: readonly JournalEvent[];
  /** `sessionHistory(...).commits`: first-parent commits after the start commit, oldest first. */
  history: readonly FoldHistoryCommit[];
  /**
   * `sessionHistory(...).startCommit`: a rebase rewrites it too, but it is not work. When it is a SHA, `history`
   * is the branch as it is: logged commits missing from it have left the branch. Null or absent (the branch or
   * its start commit is not found): nothing is taken off the log.
   */
  startCommit?: string | null;
  /**
   * `commitInfo(...)`: dates of rewrite results that are not in `history`, and subject and author of commits
   * that left the branch (logged, or named by the journal), to pair them with their rewrites no hook saw.
   */
  commits?: ReadonlyMap<string, FoldCommitInfo>;
  /**
   * History commits that the journal *before* the cursor names (a `commit` or `rewrite` line, a `merge` line for
   * a merge commit): seen by a hook, though their line is not in this log (it was reset to an older version).
   */
  seenBefore?: ReadonlySet<string>;
  /** The session branch's reflog, oldest first (`readBranchReflog`): fast-forwards, and what removed commits. */
  branchReflog?: readonly FoldReflogEntry[];
  /**
   * For each reset of {@link resetsToExplain}, keyed by the commit it moved the branch away from: the commits of
   * that commit's first-parent chain that are not on the branch now, oldest first (`commitsLeftBehind`).
   */
  reflogDrops?: ReadonlyMap<string, readonly FoldHistoryCommit[]>;
  /** HEAD reflog of each worktree named by a checkout event (`journalWorktrees`), oldest first. */
  reflogs?: ReadonlyMap<string, readonly FoldReflogEntry[]>;
  /** Date for an entry git has no date for (a rewrite whose commits are gone). */
  now: Date;
};

const ZERO = /^0+$/;
const CHECKOUT = /^checkout: moving from (\S+) to (\S+)$/;
const FAST_FORWARD = /^(merge|pull)\b ?(.*): Fast-forward$/;
const key12 = (sha: string) => sha.slice(0, 12);
const keySha = (key: string) => (key.startsWith('c:') || key.startsWith('m:') ? key.slice(2) : undefined);

/**
 * Decides how the journal and the branch history change a session's log (docs/journal.md). Keys make it
 * idempotent: applying the edit and folding the same input again yields an empty edit.
 *
 * - `c:<sha>` every non-roo commit of `history` once, with its current SHA and subject; ` (from history)` when
 *   no journal event names it (hooks off, `rebase --apply`, pulled from a teammate);
 * - `m:<sha>` a merge on the branch: ``Merged `x` into `branch` (N commits)``; what it brought in is not listed;
 * - `f:<old>-<new>` a fast-forward of the branch (`git merge`, `git pull`, from the branch reflog): one entry, the
 *   commits it brought are not listed;
 * - a commit that replaces logged ones through post-rewrite pairs (amend, rebase, squash — chains followed)
 *   takes over the first old line's date, and the old lines go: one line per current commit;
 * - `r:<kind>:<old>-<new>` one "Rewrote N commits (amend|rebase)" per post-rewrite run on the branch (roo's own commits
 *   not counted; a run that rewrote only those is not logged);
 * - when the history is known (`startCommit`), lines of commits no longer on the branch go: one paired with a new
 *   commit no hook saw (same author and author date, else same subject) is replaced by it, counted in one
 *   `r:found:<old>-<new>` "Rewrote N commits (found in history)"; the others are counted in one `d:<first>-<last>`
 *   "Dropped …" / "Branch reset: …" entry;
 * - `s:<wt>:<time>:<old>:<new>` branch switches into and out of the branch (names and times from the reflog:
 *   a checkout the reflog does not hold is not logged) and worktrees added on it.
 */
export function planFold(input: FoldInput): LogEdit {
  const { branch } = input.session;
  const ownNames = new Set([branch, ...(input.session.formerBranches ?? [])]);
  const own = (name: string) => ownNames.has(name);
  const logged = new Map<string, { date: Date | undefined; order: number }>();
  const loggedFromHistory = new Set<string>();
  input.log.forEach((entry, order) => {
    if (entry.key !== undefined && !logged.has(entry.key)) logged.set(entry.key, { date: entry.date, order });
    if (entry.key !== undefined && entry.text?.endsWith(FROM_HISTORY)) loggedFromHistory.add(entry.key);
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
  const isLogged = (sha: string) => commitKeys(sha).some((key) => logged.has(key));

  // roo's own commits: the start commit is the first-parent of the oldest history commit when not given.
  const startCommit = input.startCommit ?? input.history[0]?.parents[0];
  const historyKnown = typeof input.startCommit === 'string';

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

  // 0. Fast-forwards of the branch (its reflog: `merge x: Fast-forward`, `pull: Fast-forward`): one entry each;
  //    the commits they brought are not listed one by one as if made here.
  const fastForwarded = new Set<string>();
  for (const { entry, how, brought } of fastForwards(input.branchReflog ?? [], input.history, startCommit)) {
    if (brought.every((commit) => isLogged(commit.sha))) continue;
    for (const commit of brought) fastForwarded.add(commit.sha);
    const count = brought.reduce((sum, commit) => sum + 1 + commit.mergedCount, 0);
    const key = `f:${key12(entry.old)}-${key12(entry.new)}`;
    // Ordered by the post-merge line that named the new tip (its commit line, if any, came earlier).
    const mergedAt = input.events.findIndex((event) => event.kind === 'merge' && event.sha === entry.new);
    add({
      date: entry.date,
      text: fastForwardEntry(how, branch, count),
      key,
      order: mergedAt === -1 ? LATER : mergedAt,
    });
  }

  // 1. The branch's commits, as they are now.
  const inHistory = new Set<string>();
  const unseenNew: FoldHistoryCommit[] = [];
  for (const commit of input.history) {
    inHistory.add(commit.sha);
    if (commit.isRoo || fastForwarded.has(commit.sha)) continue;
    const key = `${commit.isMerge ? 'm' : 'c'}:${commit.sha}`;
    const seenAt = (commit.isMerge ? seenMerge : seenCommit).get(commit.sha);
    const fromHistory = seenAt === undefined && !input.seenBefore?.has(commit.sha);
    // A commit no hook saw may be the rewrite of one that left (step 4); so may one an earlier fold listed
    // "(from history)", which keeps the pairing the same on every fold.
    if (fromHistory && (!logged.has(key) || loggedFromHistory.has(key))) unseenNew.push(commit);
    if (has(key)) continue;
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
  let ownRebase = false;
  for (const group of groupRewrites(input.events)) {
    const news = group.pairs.map((pair) => pair.sha);
    const mine = own(group.branch) || (group.branch === '' && news.some((sha) => inHistory.has(sha)));
    const work = group.pairs.filter((pair) => !rooCommits.has(pair.sha));
    // A reword or squash makes git amend inside the rebase: the rebase's own entry covers it.
    const insideRebase = group.rewrite === 'amend' && news.every((sha) => picks.has(sha));
    if (mine && group.rewrite === 'rebase') ownRebase = true;
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

  // 4. Commits that left the branch (only when the history read is the branch as it is): logged lines whose
  //    commit is not on it, commits the journal saw made here that are not on it (nor rewritten), and what each
  //    reset in the branch reflog took off (the log in the tree may be an older one that never listed them).
  if (historyKnown) {
    // `named`: the journal or the reflog names it (the same on every fold until the cursor passes it), as opposed
    // to only a logged line (gone once the line is).
    const gone: { sha: string; key?: string; named: boolean; reset?: FoldReflogEntry }[] = [];
    const goneAt = new Map<string, (typeof gone)[number]>();
    const push = (sha: string, key?: string) => {
      const known = goneAt.get(sha);
      if (known !== undefined) {
        if (key !== undefined) known.key ??= key;
        else known.named = true;
        return;
      }
      const item = key === undefined ? { sha, named: true } : { sha, key, named: false };
      gone.push(item);
      goneAt.set(sha, item);
    };
    const resets = resetsToExplain(input.branchReflog ?? [], input.history, input.startCommit ?? null);
    for (const entry of resets) {
      for (const commit of input.reflogDrops?.get(entry.old) ?? []) {
        if (commit.isRoo || inHistory.has(commit.sha) || commit.sha === startCommit) continue;
        push(commit.sha);
        const item = goneAt.get(commit.sha)!;
        item.reset ??= entry;
      }
    }
    // `logged` holds each key at its first line: its iteration order is the log's.
    for (const key of logged.keys()) {
      const sha = keySha(key);
      if (sha === undefined || inHistory.has(sha) || sha === startCommit) continue;
      if (removed.has(key) || replaced.has(key)) continue;
      push(sha, key);
    }
    input.events.forEach((event) => {
      if (event.kind !== 'commit' && event.kind !== 'merge') return;
      const sha = event.sha;
      if (sha === '' || !own(event.branch) || (event.kind === 'commit' && event.rebase)) return;
      if (inHistory.has(sha) || sha === startCommit || rooCommits.has(sha)) return;
      if (predecessors.has(sha) || successors.has(sha)) return;
      push(sha);
    });
    const info = (sha: string): FoldCommitInfo | undefined => {
      const known = input.commits?.get(sha);
      if (known !== undefined) return known;
      for (const list of input.reflogDrops?.values() ?? []) {
        const found = list.find((commit) => commit.sha === sha);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    // A rewrite no hook saw (amend or rebase with hooks off, a teammate's force-push): the new commit keeps the
    // author and author date; with those reset, the subject.
    const pairs: { old: (typeof gone)[number]; neu: FoldHistoryCommit }[] = [];
    const free = new Set(unseenNew);
    // One new per old first; then several olds may share one new (amended again and again with hooks off).
    const pair = (match: (old: FoldCommitInfo, neu: FoldHistoryCommit) => boolean, reuse: boolean) => {
      for (const old of gone) {
        if (pairs.some((p) => p.old === old)) continue;
        const oldInfo = info(old.sha);
        if (oldInfo === undefined) continue;
        const neu = (reuse ? unseenNew : [...free]).find((candidate) => match(oldInfo, candidate));
        if (neu === undefined) continue;
        free.delete(neu);
        pairs.push({ old, neu });
      }
    };
    const sameAuthor = (old: FoldCommitInfo, neu: FoldHistoryCommit) =>
      old.author !== undefined && old.author !== '' && old.author === neu.author;
    // Commits made within one second share an author date: the subject tells them apart first.
    pair((old, neu) => sameAuthor(old, neu) && old.subject === neu.subject, false);
    pair(sameAuthor, false);
    pair((old, neu) => old.subject === neu.subject, false);
    pair(sameAuthor, true);
    if (pairs.length > 0) {
      for (const { old, neu } of pairs) {
        if (old.key === undefined) continue;
        const newKey = `${neu.isMerge ? 'm' : 'c'}:${neu.sha}`;
        const entry = added.get(newKey);
        // Already listed (or replacing another line): the old line just goes.
        if (entry === undefined) {
          removed.add(old.key);
          continue;
        }
        added.delete(newKey);
        replaced.set(old.key, { newKey, text: entry.text });
        replacedTo.add(newKey);
      }
      // Keyed by the pairs the journal names when there are any: those stay the same on every fold until the
      // cursor passes them, while logged lines are gone once replaced.
      const unlisted = pairs.filter((p) => p.old.named);
      const keyed = [...(unlisted.length > 0 ? unlisted : pairs)].sort((a, b) =>
        a.old.sha.localeCompare(b.old.sha),
      );
      const first = keyed[0]!;
      const date = new Date(Math.max(...pairs.map((p) => p.neu.committedAt.getTime())));
      const key = `r:found:${key12(first.old.sha)}-${key12(first.neu.sha)}`;
      const count = new Set(pairs.map((p) => p.neu.sha)).size;
      add({ date, text: rewriteEntry(count, 'found in history'), key, order: LATER });
    }
    const dropped = gone.filter((old) => !pairs.some((p) => p.old === old));
    for (const old of dropped) if (old.key !== undefined) removed.add(old.key);
    // One entry per reset that took commits off; the rest in one entry, its cause from the reflog.
    for (const entry of resets) {
      const shas = dropped.filter((old) => old.reset === entry).map((old) => old.sha);
      if (shas.length === 0) continue;
      const key = `d:${key12(entry.old)}-${key12(entry.new)}`;
      add({ date: entry.date, text: droppedEntry(shas, 'reset'), key, order: LATER });
    }
    const restItems = dropped.filter((old) => old.reset === undefined);
    const rest = restItems.map((old) => old.sha);
    if (rest.length > 0) {
      const cause = dropCause(rest, ownRebase, input.branchReflog ?? []);
      // Keyed like the found rewrites: by what the journal names, when anything.
      const unlisted = restItems.filter((old) => old.named).map((old) => old.sha);
      const sorted = [...(unlisted.length > 0 ? unlisted : rest)].sort();
      const key = `d:${key12(sorted[0]!)}-${key12(sorted[sorted.length - 1]!)}`;
      add({ date: cause.date ?? input.now, text: droppedEntry(rest, cause.cause), key, order: LATER });
    }
  }

  // 5. Switches into and out of the branch, worktrees added on it.
  for (const [wt, matches] of matchCheckouts(input.events, input.reflogs)) {
    for (const { event, index, entry, occurrence } of matches) {
      const key = `s:${wt}:${Math.floor(entry.date.getTime() / 1000)}:${key12(event.from)}:${key12(event.sha)}${
        occurrence > 0 ? `:${occurrence}` : ''
      }`;
      if (ZERO.test(event.from)) {
        if (own(event.branch))
          add({ date: entry.date, text: worktreeAddEntry(branch, wt), key, order: index });
        continue;
      }
      const moving = CHECKOUT.exec(entry.message);
      if (!moving) continue;
      const [, fromName = '', toName = ''] = moving;
      // Detached: the reflog names what was typed (a tag, a SHA, or just HEAD for --detach).
      const target = event.branch !== '' ? event.branch : toName === 'HEAD' ? event.sha : toName;
      if (own(target) && !own(fromName)) {
        add({ date: entry.date, text: switchIntoEntry(branch, fromName), key, order: index });
      } else if (own(fromName) && !own(target)) {
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

const RESET = /^(?:reset: |branch: Reset to )/;

/** Whether a branch reflog message is a reset (`git reset`, `git branch -f`): the tree may hold an older log. */
export function isBranchReset(message: string): boolean {
  return RESET.test(message);
}
const REBASE = /^(?:rebase|pull --rebase)/;
const AMEND = /^commit \(amend\)/;

/**
 * The fast-forwards in a branch reflog (`merge x: Fast-forward`, `pull: Fast-forward`) that moved the branch
 * within the session's history (from its start commit or later), with the commits each brought (roo's own aside).
 */
export function fastForwards(
  reflog: readonly FoldReflogEntry[],
  history: readonly FoldHistoryCommit[],
  startCommit: string | null | undefined,
): { entry: FoldReflogEntry; how: { merged: string } | { to: string }; brought: FoldHistoryCommit[] }[] {
  const position = new Map<string, number>(history.map((commit, i) => [commit.sha, i]));
  if (startCommit) position.set(startCommit, -1);
  const found: ReturnType<typeof fastForwards> = [];
  for (const entry of reflog) {
    const ff = FAST_FORWARD.exec(entry.message);
    const from = position.get(entry.old);
    const to = position.get(entry.new);
    if (!ff || from === undefined || to === undefined || to <= from) continue;
    const brought = history.slice(from + 1, to + 1).filter((commit) => !commit.isRoo);
    if (brought.length === 0) continue;
    found.push({ entry, how: ff[1] === 'merge' && ff[2] ? { merged: ff[2] } : { to: entry.new }, brought });
  }
  return found;
}

/**
 * The resets in a branch reflog whose dropped commits the fold must account for (`git reset`, `git branch -f`,
 * `git fetch`-then-reset of a teammate's force-push): those that moved the branch from a commit no longer on it
 * to one of the session's (its start commit or later). The CLI reads what each one dropped (`reflogDrops`).
 */
export function resetsToExplain(
  reflog: readonly FoldReflogEntry[],
  history: readonly { sha: string }[],
  startCommit: string | null,
): FoldReflogEntry[] {
  if (startCommit === null) return [];
  const onBranch = new Set(history.map((commit) => commit.sha));
  onBranch.add(startCommit);
  return reflog.filter(
    (entry) =>
      RESET.test(entry.message) &&
      entry.old !== entry.new &&
      !onBranch.has(entry.old) &&
      onBranch.has(entry.new),
  );
}

/**
 * What took `shas` off the branch: a hooked rebase of the branch in the journal, else the branch reflog's newest
 * line that moved the branch away from one of them, else its newest reset or rebase line.
 */
function dropCause(
  shas: readonly string[],
  ownRebase: boolean,
  reflog: readonly FoldReflogEntry[],
): { cause: DropCause; date?: Date } {
  const classify = (message: string): DropCause | undefined =>
    RESET.test(message)
      ? 'reset'
      : REBASE.test(message)
        ? 'rebase'
        : AMEND.test(message)
          ? 'amend'
          : undefined;
  const wanted = new Set(shas);
  let fallback: { cause: DropCause; date: Date } | undefined;
  for (let i = reflog.length - 1; i >= 0; i--) {
    const entry = reflog[i]!;
    const cause = classify(entry.message);
    if (wanted.has(entry.old) && (cause !== undefined || !ownRebase)) {
      return { cause: ownRebase ? 'rebase' : (cause ?? 'unknown'), date: entry.date };
    }
    if (fallback === undefined && cause !== undefined) fallback = { cause, date: entry.date };
  }
  if (ownRebase) return { cause: 'rebase', ...(fallback?.cause === 'rebase' ? { date: fallback.date } : {}) };
  return fallback ?? { cause: 'unknown' };
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
