// A realistic hook journal (format roo1, docs/journal.md) of any size: mostly events of OTHER branches and
// worktrees (what a busy repository's shared journal holds), with the session branch's own commit events spread
// through it in order.

const T = '\t';

/**
 * Returns the journal text. `sessionEvents` are lines for the session branch (already formatted, in order);
 * they are spread evenly among `total - sessionEvents.length` other events that use `otherShas` (real commits
 * of other branches, so that every lookup the fold makes finds a real object, as it would in a real repo).
 * Mix of other events: ~74% commit, ~12% checkout, ~11% rewrite (runs of 1-8 pairs), ~3% merge, in four
 * worktrees (`.` and three linked ones) over 40 branches.
 */
export function makeJournal({ total, sessionEvents, otherShas, seed = 1 }) {
  let x = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: deterministic, fast.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const worktrees = ['.', '.', 'wt-api', 'wt-docs', 'wt-fix'];
  const branches = Array.from({ length: 40 }, (_, i) =>
    i % 2 ? `feature/area-${i}-refactor` : `session/SESSION-Other_work_${i}-25010${(i % 9) + 1}1200`,
  );
  const others = total - sessionEvents.length;
  const every = sessionEvents.length > 0 ? others / sessionEvents.length : Number.POSITIVE_INFINITY;
  const lines = [];
  let nextSession = 0;
  let tag = 40_000;
  let produced = 0;
  while (produced < others) {
    while (nextSession < sessionEvents.length && produced >= nextSession * every) {
      lines.push(sessionEvents[nextSession++]);
    }
    const wt = pick(worktrees);
    const br = pick(branches);
    const r = rand();
    if (r < 0.74) {
      lines.push(`roo1${T}commit${T}${wt}${T}${br}${T}${pick(otherShas)}${T}`);
      produced++;
    } else if (r < 0.86) {
      lines.push(`roo1${T}checkout${T}${wt}${T}${br}${T}${pick(otherShas)}${T}${pick(otherShas)}`);
      produced++;
    } else if (r < 0.97) {
      const pairs = 1 + Math.floor(rand() * 8);
      const kind = pairs === 1 && rand() < 0.6 ? 'amend' : 'rebase';
      tag++;
      for (let s = 1; s <= pairs && produced < others; s++) {
        lines.push(
          `roo1${T}rewrite${T}${wt}${T}${br}${T}${pick(otherShas)}${T}${kind}${T}${tag}${T}${s}${T}${pick(otherShas)}`,
        );
        produced++;
      }
    } else {
      lines.push(`roo1${T}merge${T}${wt}${T}${br}${T}${pick(otherShas)}${T}0`);
      produced++;
    }
  }
  while (nextSession < sessionEvents.length) lines.push(sessionEvents[nextSession++]);
  return `${lines.join('\n')}\n`;
}

/** A commit event line as post-commit writes it. */
export function commitLine(branch, sha, { wt = '.', rebase = false } = {}) {
  return `roo1${T}commit${T}${wt}${T}${branch}${T}${sha}${T}${rebase ? 'rebase' : ''}`;
}
