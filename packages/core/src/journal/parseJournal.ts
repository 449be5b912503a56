/**
 * The hook journal (`<git-common-dir>/roo/journal`), format `roo1`: see docs/journal.md. One line per event,
 * tab-separated: `roo1 <kind> <worktree> <branch> <sha> [kind fields…]`. Written by hooks/capture.sh.
 */

import { type JournalRecord, parseRecordFields } from './records.js';

/** The journal format version this reader understands. */
export const JOURNAL_VERSION = 'roo1';

/** Fields every event has. */
type EventBase = {
  /** `.` for the main worktree, else the worktree's name (`<common>/worktrees/<name>`). */
  wt: string;
  /** The branch HEAD was on (during a rebase: the branch being rebased); '' when detached. */
  branch: string;
  /** 1-based line number in the text given to {@link parseJournal}. */
  line: number;
};

/** post-commit: a commit, cherry-pick, revert or merge-backend rebase pick. `sha` is '' when the ref was packed. */
export type CommitEvent = EventBase & {
  kind: 'commit';
  sha: string;
  /** Made by a (merge-backend) rebase: a pick, or a commit made while the rebase was stopped. */
  rebase: boolean;
};
/** post-checkout with flag 1: `sha` is the new HEAD, `from` the previous one (all zeros: clone / worktree add). */
export type CheckoutEvent = EventBase & { kind: 'checkout'; sha: string; from: string };
/** post-merge (merges and fast-forwards, `git pull` too): `sha` is HEAD after it; `squash` for `--squash`. */
export type MergeEvent = EventBase & { kind: 'merge'; sha: string; squash: boolean };
/**
 * One `old new` pair of post-rewrite. The pairs of one hook run share `tag` (the hook's pid) and have `seq`
 * 1, 2, 3…; see {@link groupRewrites}.
 */
export type RewriteEvent = EventBase & {
  kind: 'rewrite';
  /** The new commit. */
  sha: string;
  old: string;
  /** `amend` or `rebase` (git's post-rewrite argument). */
  rewrite: string;
  tag: string;
  seq: number;
};

export type JournalEvent = CommitEvent | CheckoutEvent | MergeEvent | RewriteEvent;

/** A line that is not a readable event of a known version (torn, edited by hand, corrupt). */
export type BadJournalLine = { line: number; text: string; reason: string };

export type ParsedJournal = {
  events: JournalEvent[];
  /** roo's own writes (`record` lines, see records.ts), in journal order. */
  records: JournalRecord[];
  bad: BadJournalLine[];
  /** Lines of a newer format version or an unknown kind: skipped without complaint (a newer roo wrote them). */
  skipped: number;
  /**
   * Text after the last newline: a line a hook may be writing right now. It is not parsed; a reader that keeps
   * a byte offset should stop before it (`size - byteLength(tail)`).
   */
  tail: string;
};

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const VERSION = /^roo[0-9]+$/;

const isSha = (value: string | undefined): value is string => value !== undefined && SHA.test(value);

type LineResult = JournalEvent | { bad: string } | 'skip';

function parseLine(fields: string[], line: number): LineResult {
  const [version = '', kind = '', wt = '', branch = '', sha = ''] = fields;
  if (version !== JOURNAL_VERSION) {
    return VERSION.test(version)
      ? 'skip'
      : { bad: 'not a journal line (it should start with "roo1" and a tab)' };
  }
  if (fields.length < 5 || wt === '') return { bad: 'too few fields' };
  switch (kind) {
    case 'commit':
      return sha === '' || isSha(sha)
        ? { kind, wt, branch, line, sha, rebase: fields[5] === 'rebase' }
        : { bad: 'bad commit id' };
    case 'checkout': {
      const from = fields[5];
      return isSha(sha) && isSha(from) ? { kind, wt, branch, line, sha, from } : { bad: 'bad commit id' };
    }
    case 'merge':
      return sha === '' || isSha(sha)
        ? { kind, wt, branch, line, sha, squash: fields[5] === '1' }
        : { bad: 'bad commit id' };
    case 'rewrite': {
      const [rewrite = '', tag = '', seqText = '', old] = fields.slice(5);
      const seq = Number(seqText);
      if (!isSha(sha) || !isSha(old)) return { bad: 'bad commit id' };
      if (rewrite === '' || tag === '' || !Number.isInteger(seq) || seq < 1)
        return { bad: 'bad rewrite fields' };
      return { kind, wt, branch, line, sha, old, rewrite, tag, seq };
    }
    default:
      return 'skip';
  }
}

/**
 * Reads journal text (the whole file or the part after a cursor, starting at a line boundary). Never throws:
 * unreadable lines are returned in `bad` with the reason, lines of other versions and unknown kinds are skipped.
 */
export function parseJournal(text: string): ParsedJournal {
  const events: JournalEvent[] = [];
  const records: JournalRecord[] = [];
  const bad: BadJournalLine[] = [];
  let skipped = 0;
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  lines.forEach((raw, index) => {
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (body === '') return;
    const fields = body.split('\t');
    if (fields[1] === 'record' && fields[0] === JOURNAL_VERSION) {
      const record = parseRecordFields(fields, index + 1);
      if (typeof record === 'string') bad.push({ line: index + 1, text: raw, reason: record });
      else records.push(record);
      return;
    }
    const result = parseLine(fields, index + 1);
    if (result === 'skip') skipped++;
    else if ('bad' in result) bad.push({ line: index + 1, text: raw, reason: result.bad });
    else events.push(result);
  });
  return { events, records, bad, skipped, tail: text.slice(end) };
}

/** The pairs of one post-rewrite run. */
export type RewriteGroup = {
  rewrite: string;
  branch: string;
  wt: string;
  tag: string;
  /** Position of the run's first pair in the events given to {@link groupRewrites}. */
  index: number;
  pairs: { old: string; sha: string }[];
};

/**
 * Groups rewrite events into hook runs: same `tag`, `seq` counting up from 1. Runs in other worktrees may
 * interleave; a pid reused by a later run restarts at 1, so it starts a new group.
 */
export function groupRewrites(events: readonly JournalEvent[]): RewriteGroup[] {
  const groups: RewriteGroup[] = [];
  const open = new Map<string, { group: RewriteGroup; seq: number }>();
  events.forEach((event, index) => {
    if (event.kind !== 'rewrite') return;
    const id = `${event.wt}\t${event.tag}`;
    const current = open.get(id);
    if (current !== undefined && event.seq > current.seq) {
      current.group.pairs.push({ old: event.old, sha: event.sha });
      current.seq = event.seq;
      return;
    }
    const group: RewriteGroup = {
      rewrite: event.rewrite,
      branch: event.branch,
      wt: event.wt,
      tag: event.tag,
      index,
      pairs: [{ old: event.old, sha: event.sha }],
    };
    groups.push(group);
    open.set(id, { group, seq: event.seq });
  });
  return groups;
}

/** The worktree IDs the events came from: read each one's HEAD reflog for the fold. */
export function journalWorktrees(events: readonly JournalEvent[]): string[] {
  return [...new Set(events.filter((event) => event.kind === 'checkout').map((event) => event.wt))];
}

/** The git dir of a journal worktree ID: the common dir for `.`, else `<common>/worktrees/<wt>`. */
export function journalWorktreeGitDir(commonDir: string, wt: string): string {
  const base = commonDir.replace(/[\\/]+$/, '');
  return wt === '.' ? base : `${base}/worktrees/${wt}`;
}

/** The commits whose subject and date the fold needs beyond the branch history (rewrite results). */
export function journalCommitShas(events: readonly JournalEvent[]): string[] {
  return [...new Set(events.filter((event) => event.kind === 'rewrite').map((event) => event.sha))];
}
