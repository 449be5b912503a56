import { codeSpan } from '../log/entries.js';

/**
 * The wordings of the log entries roo derives from git (docs/journal.md). Each returns the text after the timestamp;
 * the fold adds the `<!-- roo:KEY -->` key.
 */

/** The 7-character abbreviation git shows by default. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** What ends the line of a commit no hook saw. */
export const FROM_HISTORY = ' (from history)';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** ``Commit `abc1234` on `branch`: subject``, with ` (from history)` when no hook saw it. */
export function commitEntry(
  sha: string,
  branch: string,
  subject: string,
  options: { fromHistory: boolean },
): string {
  return `Commit ${codeSpan(shortSha(sha))} on ${codeSpan(branch)}: ${subject}${options.fromHistory ? FROM_HISTORY : ''}`;
}

/** ``Merged `x` into `branch` (N commits): subject``, with ` (from history)` when no hook saw it. */
export function mergeEntry(
  source: string,
  branch: string,
  mergedCount: number,
  subject: string,
  options: { fromHistory: boolean },
): string {
  return (
    `Merged ${codeSpan(source)} into ${codeSpan(branch)} (${plural(mergedCount, 'commit')}): ${subject}` +
    (options.fromHistory ? FROM_HISTORY : '')
  );
}

/** `Rewrote N commits (rebase)` / `Rewrote 1 commit (amend)`. */
export function rewriteEntry(count: number, kind: string): string {
  return `Rewrote ${plural(count, 'commit')} (${kind})`;
}

/**
 * A fast-forward of the session branch, from its reflog: ``Merged `topic` into `branch` (N commits)`` for
 * `git merge`, ``Fast-forwarded `branch` to `abc1234` (N commits)`` for `git pull` (the reflog does not name
 * what was pulled).
 */
export function fastForwardEntry(
  how: { merged: string } | { to: string },
  branch: string,
  count: number,
): string {
  return 'merged' in how
    ? `Merged ${codeSpan(how.merged)} into ${codeSpan(branch)} (${plural(count, 'commit')})`
    : `Fast-forwarded ${codeSpan(branch)} to ${codeSpan(shortSha(how.to))} (${plural(count, 'commit')})`;
}

/** What took logged commits off the branch (the branch reflog's last word on them). */
export type DropCause = 'rebase' | 'reset' | 'amend' | 'unknown';

const LISTED = 5;

/**
 * Commits that left the branch: ``Branch reset: 2 commits dropped (`abc1234`, `def5678`)``,
 * ``Dropped 1 commit `abc1234` (rebase)``, ``Dropped 1 commit `abc1234` (no longer on the branch)``. At most
 * five SHAs are named.
 */
export function droppedEntry(shas: readonly string[], cause: DropCause): string {
  const named = shas.slice(0, LISTED).map((sha) => codeSpan(shortSha(sha)));
  const list = `${named.join(', ')}${shas.length > LISTED ? ', …' : ''}`;
  const count = plural(shas.length, 'commit');
  if (cause === 'reset') return `Branch reset: ${count} dropped (${list})`;
  return `Dropped ${count} ${list} (${cause === 'unknown' ? 'no longer on the branch' : cause})`;
}

/** ``Switched to `branch` from `main` ``; without a known origin ``Switched to `branch` ``. */
export function switchIntoEntry(branch: string, from: string | undefined): string {
  return from === undefined || from === ''
    ? `Switched to ${codeSpan(branch)}`
    : `Switched to ${codeSpan(branch)} from ${codeSpan(displayRef(from))}`;
}

/** ``Switched from `branch` to `main` `` (a detached target shows as its short SHA). */
export function switchOutEntry(branch: string, to: string): string {
  return `Switched from ${codeSpan(branch)} to ${codeSpan(displayRef(to))}`;
}

/** ``Checked out `branch` in new worktree `name` `` (`git worktree add`). */
export function worktreeAddEntry(branch: string, worktree: string): string {
  return `Checked out ${codeSpan(branch)} in new worktree ${codeSpan(worktree)}`;
}

/** A reflog names a detached HEAD by its full SHA: show it short. */
function displayRef(name: string): string {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(name) ? shortSha(name) : name;
}

/**
 * The branch a merge brought in, from git's default merge subjects ("Merge branch 'x'", "Merge remote-tracking
 * branch 'origin/x'", "Merge pull request #12 from owner/x", "Merge tag 'v1'", "Merge commit 'abc'"); otherwise
 * the short SHA of the merged parent.
 */
export function mergeSource(subject: string, parents: readonly string[]): string {
  const quoted = /^Merge (?:remote-tracking )?(?:branch|tag|commit)(?:es)? '([^']+)'/.exec(subject);
  if (quoted?.[1]) return displayRef(quoted[1]);
  const pull = /^Merge pull request #\d+ from (\S+)/.exec(subject);
  if (pull?.[1]) return pull[1];
  const second = parents[1];
  return second === undefined ? 'unknown' : shortSha(second);
}
