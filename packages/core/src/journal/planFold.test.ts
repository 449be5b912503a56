import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSessionLog } from '../log/editSessionLog.js';
import { parseSessionLog } from '../log/parseSessionLog.js';
import type { LogEdit } from '../log/types.js';
import type { JournalEvent } from './parseJournal.js';
import { type FoldHistoryCommit, type FoldInput, type FoldReflogEntry, planFold } from './planFold.js';

const BRANCH = 'session/SESSION-T-2611260905';
// Distinct in every prefix, as real object names are (the keys use 12 characters, the text 7).
const sha = (n: number) =>
  `${(Math.imul(n, 2654435761) >>> 0).toString(16).padStart(8, '0')}e`.repeat(5).slice(0, 40);
const numOf = new Map<string, number>();
for (let n = 0; n < 2000; n++) numOf.set(sha(n), n);
const num = (hex: string) => numOf.get(hex)!;
const ZERO = '0'.repeat(40);
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 9, minute, 0));

const LOG = `+++
id = "SESSION-T-2611260905"
title = "t"
status = "🟢 Active"
start_time = "2026-11-26T09:00:00+00:00"
end_time = ""
coordinator = "roo-cli"
related_tasks = []
related_artifacts = []
tags = ["session", "log"]
branch = "${BRANCH}"
base_commit = ""
+++

# Session Log

## Goal

t

## Log Entries

- [2026-11-26 09:00:00] Session initiated by \`roo-cli\` with goal: "t"

Notes written by hand after the list.
`;

function commit(
  n: number,
  subject: string,
  minute: number,
  extra: Partial<FoldHistoryCommit> = {},
): FoldHistoryCommit {
  return {
    sha: sha(n),
    // The session's start commit: what the first history commit sits on.
    parents: [sha(1999)],
    subject,
    committedAt: at(minute),
    isRoo: false,
    isMerge: false,
    mergedCount: 0,
    ...extra,
  };
}

const ev = {
  commit: (n: number, branch = BRANCH, rebase = false): JournalEvent => ({
    kind: 'commit',
    wt: '.',
    branch,
    line: 0,
    sha: sha(n),
    rebase,
  }),
  rewrite: (
    old: number,
    neu: number,
    rewrite: string,
    tag: string,
    seq: number,
    branch = BRANCH,
  ): JournalEvent => ({
    kind: 'rewrite',
    wt: '.',
    branch,
    line: 0,
    sha: sha(neu),
    old: sha(old),
    rewrite,
    tag,
    seq,
  }),
  checkout: (from: string, to: string, branch: string, wt = '.'): JournalEvent => ({
    kind: 'checkout',
    wt,
    branch,
    line: 0,
    sha: to,
    from,
  }),
};

function input(text: string, partial: Partial<FoldInput>): FoldInput {
  return {
    session: { id: 'SESSION-T-2611260905', branch: BRANCH },
    log: parseSessionLog(text, 'session_log.md').entries,
    events: [],
    history: [],
    now: at(59),
    ...partial,
  };
}

/** Folds, applies, and returns the new text; asserts that folding again changes nothing. */
function fold(text: string, partial: Partial<FoldInput>): string {
  const edit = planFold(input(text, partial));
  const next = editSessionLog(text, edit);
  expect(planFold(input(next, partial))).toEqual({});
  return next;
}

const entryLines = (text: string) => text.split('\n').filter((l) => l.startsWith('- ['));

describe('planFold: commits', () => {
  it('logs each commit of the branch once, with its subject and committer date, and skips roo commits', () => {
    const history = [
      commit(1, 'add token bucket', 10),
      commit(2, 'session(SESSION-T-2611260905): checkpoint', 11, { isRoo: true }),
      commit(3, 'wire limiter', 12),
    ];
    const text = fold(LOG, { history, events: [ev.commit(1), ev.commit(3)] });
    expect(entryLines(text)).toEqual([
      '- [2026-11-26 09:00:00] Session initiated by `roo-cli` with goal: "t"',
      `- [${stamp(10)}] Commit \`${sha(1).slice(0, 7)}\` on \`${BRANCH}\`: add token bucket <!-- roo:c:${sha(1)} -->`,
      `- [${stamp(12)}] Commit \`${sha(3).slice(0, 7)}\` on \`${BRANCH}\`: wire limiter <!-- roo:c:${sha(3)} -->`,
    ]);
    expect(text).toContain('Notes written by hand after the list.');
  });

  it('marks commits no hook saw "(from history)"', () => {
    const text = fold(LOG, { history: [commit(1, 'pulled from a teammate', 10)] });
    expect(text).toContain('pulled from a teammate (from history) <!-- roo:c:');
  });

  it('sums up a merge in one entry named after the merged branch', () => {
    const merge = commit(5, "Merge branch 'feature/login'", 20, {
      parents: [sha(4), sha(9)],
      isMerge: true,
      mergedCount: 3,
    });
    const text = fold(LOG, {
      history: [merge],
      events: [{ kind: 'merge', wt: '.', branch: BRANCH, line: 0, sha: sha(5), squash: false }],
    });
    expect(text).toContain(
      `Merged \`feature/login\` into \`${BRANCH}\` (3 commits): Merge branch 'feature/login' <!-- roo:m:${sha(5)} -->`,
    );
  });
});

describe('planFold: order and sightings', () => {
  it('orders entries of the same second as the journal saw them, unseen commits last', () => {
    const main = sha(100);
    const history = [commit(1, 'unseen', 10), commit(2, 'seen', 10)];
    const reflogs = new Map([
      ['.', [{ old: main, new: sha(2), date: at(10), message: `checkout: moving from main to ${BRANCH}` }]],
    ]);
    const events = [ev.checkout(main, sha(2), BRANCH), ev.commit(2)];
    const text = fold(LOG, { history, events, reflogs });
    expect(entryLines(text).map((l) => l.replace(/^- \[[^\]]*\] /, '').replace(/ <!--.*/, ''))).toEqual([
      'Session initiated by `roo-cli` with goal: "t"',
      `Switched to \`${BRANCH}\` from \`main\``,
      `Commit \`${sha(2).slice(0, 7)}\` on \`${BRANCH}\`: seen`,
      `Commit \`${sha(1).slice(0, 7)}\` on \`${BRANCH}\`: unseen (from history)`,
    ]);
  });

  it('a fast-forward (pull) names the new tip in post-merge, but that commit stays "from history"', () => {
    const merge: JournalEvent = {
      kind: 'merge',
      wt: '.',
      branch: BRANCH,
      line: 0,
      sha: sha(1),
      squash: false,
    };
    const text = fold(LOG, { history: [commit(1, 'teammate', 10)], events: [merge] });
    expect(text).toContain('teammate (from history)');
  });
});

describe('planFold: rewrites', () => {
  it('amend: the old line becomes the new commit (same date) and one "Rewrote 1 commit (amend)"', () => {
    const first = fold(LOG, { history: [commit(1, 'wip', 10)], events: [ev.commit(1)] });
    const text = fold(first, {
      history: [commit(2, 'add limiter', 15)],
      events: [ev.commit(2), ev.rewrite(1, 2, 'amend', '77', 1)],
    });
    const lines = entryLines(text);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `- [${stamp(10)}] Commit \`${sha(2).slice(0, 7)}\` on \`${BRANCH}\`: add limiter <!-- roo:c:${sha(2)} -->`,
    );
    expect(lines[2]).toMatch(/^- \[.*\] Rewrote 1 commit \(amend\) <!-- roo:r:/);
    expect(text).not.toContain(`c:${sha(1)}`);
  });

  it('rebase with squash: several old lines become one, "Rewrote 3 commits (rebase)"', () => {
    const first = fold(LOG, {
      history: [commit(1, 'a', 10), commit(2, 'b', 11), commit(3, 'c', 12)],
      events: [ev.commit(1), ev.commit(2), ev.commit(3)],
    });
    const text = fold(first, {
      history: [commit(10, 'a+b', 30), commit(11, 'c', 31)],
      events: [
        ev.commit(10),
        ev.commit(11),
        ev.rewrite(1, 10, 'rebase', '9', 1),
        ev.rewrite(2, 10, 'rebase', '9', 2),
        ev.rewrite(3, 11, 'rebase', '9', 3),
      ],
    });
    const lines = entryLines(text);
    expect(lines.map((l) => l.replace(/^- \[[^\]]*\] /, '').replace(/ <!--.*/, ''))).toEqual([
      'Session initiated by `roo-cli` with goal: "t"',
      `Commit \`${sha(10).slice(0, 7)}\` on \`${BRANCH}\`: a+b`,
      `Commit \`${sha(11).slice(0, 7)}\` on \`${BRANCH}\`: c`,
      'Rewrote 3 commits (rebase)',
    ]);
    expect(lines[1]).toContain(stamp(10));
    expect(lines[2]).toContain(stamp(12));
  });

  it('follows chains of rewrites and drops stale lines whose result is already logged', () => {
    const first = fold(LOG, { history: [commit(1, 'a', 10)], events: [ev.commit(1)] });
    // A later commit 3 was logged from history before the fold knew 1 → 2 → 3.
    const withBoth = editSessionLog(first, {
      addEntries: [{ date: at(20), text: 'Commit x', key: `c:${sha(3)}` }],
    });
    const text = fold(withBoth, {
      history: [commit(3, 'a3', 20)],
      events: [ev.rewrite(1, 2, 'amend', '1', 1), ev.rewrite(2, 3, 'amend', '2', 1)],
    });
    expect(text).not.toContain(`c:${sha(1)}`);
    expect(text.match(/Rewrote 1 commit \(amend\)/g)).toHaveLength(2);
  });

  it('does not count the commits a rebase made and squashed away, nor pairs git lists twice', () => {
    // git's list for `reword a, pick b, squash c`: a→A' twice, b's own pick P→S, b→S, c→S.
    const events = [
      ev.commit(20, BRANCH, true),
      ev.commit(21, BRANCH, true),
      ev.commit(22, BRANCH, true),
      ev.rewrite(1, 20, 'rebase', '3', 1),
      ev.rewrite(21, 22, 'rebase', '3', 2),
      ev.rewrite(1, 20, 'rebase', '3', 3),
      ev.rewrite(2, 22, 'rebase', '3', 4),
      ev.rewrite(3, 22, 'rebase', '3', 5),
    ];
    const text = fold(LOG, { history: [commit(20, 'reworded', 30), commit(22, 'b+c', 31)], events });
    expect(text).toContain('Rewrote 3 commits (rebase)');
  });

  it("does not count roo's own commits (start, checkpoint) that a rebase moved", () => {
    const history = [commit(10, 'a', 30), commit(11, 'session(X): checkpoint', 31, { isRoo: true })];
    const events = [
      ev.rewrite(1, 9, 'rebase', '4', 1),
      ev.rewrite(2, 10, 'rebase', '4', 2),
      ev.rewrite(3, 11, 'rebase', '4', 3),
      ev.rewrite(3, 11, 'amend', '5', 1),
    ];
    const text = fold(LOG, { history, events, startCommit: sha(9) });
    expect(text).toContain('Rewrote 1 commit (rebase)');
    expect(text).not.toContain('(amend)');
  });

  it('an amend git makes inside a rebase (reword, squash) is covered by the rebase entry', () => {
    const events = [
      ev.commit(20, BRANCH, true),
      ev.rewrite(19, 20, 'amend', '6', 1),
      ev.rewrite(1, 20, 'rebase', '7', 1),
    ];
    const text = fold(LOG, { history: [commit(20, 'reworded', 30)], events });
    expect(text).toContain('Rewrote 1 commit (rebase)');
    expect(text).not.toContain('(amend)');
  });

  it('attributes a rebase --apply run (no branch recorded) by its new commits', () => {
    const events = [ev.rewrite(1, 2, 'rebase', '8', 1, ''), ev.rewrite(5, 6, 'rebase', '9', 1, '')];
    const text = fold(LOG, { history: [commit(2, 'a', 30)], events });
    expect(text.match(/Rewrote/g)).toHaveLength(1);
  });

  it('ignores rewrites on other branches', () => {
    const text = fold(LOG, { events: [ev.rewrite(1, 2, 'rebase', '5', 1, 'main')] });
    expect(text).toBe(LOG);
  });

  it('dates a rewrite entry from commit info, else now', () => {
    const edit = planFold(
      input(LOG, {
        events: [ev.rewrite(1, 2, 'amend', '5', 1), ev.rewrite(3, 4, 'amend', '6', 1)],
        commits: new Map([[sha(2), { subject: 'x', committedAt: at(42) }]]),
      }),
    );
    expect(edit.addEntries?.map((e) => e.date)).toEqual([at(42), at(59)]);
  });
});

describe('planFold: switches', () => {
  const main = sha(100);
  const tip = sha(101);
  const reflog = (entries: [string, string, number, string][]): FoldReflogEntry[] =>
    entries.map(([old, neu, minute, message]) => ({ old, new: neu, date: at(minute), message }));

  it('logs switches into and out of the branch with names and times from the reflog', () => {
    const reflogs = new Map([
      [
        '.',
        reflog([
          [main, tip, 5, `checkout: moving from main to ${BRANCH}`],
          [tip, main, 6, `checkout: moving from ${BRANCH} to main`],
          [main, main, 7, 'checkout: moving from main to main'],
          [main, tip, 8, `checkout: moving from main to ${BRANCH}`],
          [tip, tip, 9, `checkout: moving from ${BRANCH} to feature`],
          [tip, main, 10, `checkout: moving from feature to ${main}`],
        ]),
      ],
    ]);
    const events = [
      ev.checkout(main, tip, BRANCH),
      ev.checkout(tip, main, 'main'),
      ev.checkout(main, main, 'main'),
      ev.checkout(main, tip, BRANCH),
      ev.checkout(tip, tip, 'feature'),
      ev.checkout(tip, main, ''),
    ];
    const text = fold(LOG, { events, reflogs });
    expect(
      entryLines(text)
        .slice(1)
        .map((l) => l.replace(/ <!--.*/, '')),
    ).toEqual([
      `- [${stamp(5)}] Switched to \`${BRANCH}\` from \`main\``,
      `- [${stamp(6)}] Switched from \`${BRANCH}\` to \`main\``,
      `- [${stamp(8)}] Switched to \`${BRANCH}\` from \`main\``,
      `- [${stamp(9)}] Switched from \`${BRANCH}\` to \`feature\``,
    ]);
  });

  it('matches only the newest reflog lines (older ones were folded before the cursor)', () => {
    const reflogs = new Map([
      [
        '.',
        reflog([
          [main, tip, 1, `checkout: moving from main to ${BRANCH}`],
          [tip, main, 2, `checkout: moving from ${BRANCH} to main`],
          [main, tip, 3, `checkout: moving from main to ${BRANCH}`],
        ]),
      ],
    ]);
    const text = fold(LOG, { events: [ev.checkout(main, tip, BRANCH)], reflogs });
    expect(entryLines(text)).toHaveLength(2);
    expect(text).toContain(`- [${stamp(3)}] Switched to`);
  });

  it('logs a worktree added on the branch, in the worktree named by the event', () => {
    const reflogs = new Map([['wt1', reflog([[ZERO, tip, 4, '']])]]);
    const text = fold(LOG, { events: [ev.checkout(ZERO, tip, BRANCH, 'wt1')], reflogs });
    expect(text).toContain(`Checked out \`${BRANCH}\` in new worktree \`wt1\``);
  });

  it('tells apart identical switches within one second', () => {
    const reflogs = new Map([
      [
        '.',
        reflog([
          [main, tip, 5, `checkout: moving from main to ${BRANCH}`],
          [tip, main, 5, `checkout: moving from ${BRANCH} to main`],
          [main, tip, 5, `checkout: moving from main to ${BRANCH}`],
        ]),
      ],
    ]);
    const events = [
      ev.checkout(main, tip, BRANCH),
      ev.checkout(tip, main, 'main'),
      ev.checkout(main, tip, BRANCH),
    ];
    const text = fold(LOG, { events, reflogs });
    expect(entryLines(text)).toHaveLength(4);
  });

  it('logs no switch the reflog does not hold', () => {
    expect(planFold(input(LOG, { events: [ev.checkout(main, tip, BRANCH)] }))).toEqual({});
  });
});

describe('planFold: the log is the branch as it is', () => {
  const START = sha(1999);
  const lines = (text: string) =>
    parseSessionLog(text, 'session_log.md').entries.flatMap((e) =>
      e.key?.startsWith('c:') || e.key?.startsWith('m:') ? [e.key.slice(2)] : [],
    );
  const texts = (text: string) =>
    entryLines(text).map((l) => l.replace(/^- \[[^\]]*\] /, '').replace(/ <!--.*/, ''));
  const short = (n: number) => `\`${sha(n).slice(0, 7)}\``;
  const reflogLine = (old: string, neu: string, minute: number, message: string): FoldReflogEntry => ({
    old,
    new: neu,
    date: at(minute),
    message,
  });

  it('a commit a rebase dropped: its line goes, "Dropped 1 commit `x` (rebase)"', () => {
    const first = fold(LOG, {
      history: [commit(1, 'a', 10), commit(2, 'b', 11), commit(3, 'c', 12)],
      events: [ev.commit(1), ev.commit(2), ev.commit(3)],
      startCommit: START,
    });
    const text = fold(first, {
      history: [commit(1, 'a', 10), commit(13, 'c', 12)],
      events: [ev.commit(13, BRANCH, true), ev.rewrite(3, 13, 'rebase', '4', 1)],
      startCommit: START,
    });
    expect(lines(text)).toEqual([sha(1), sha(13)]);
    expect(texts(text)).toContain(`Dropped 1 commit ${short(2)} (rebase)`);
    expect(texts(text)).toContain('Rewrote 1 commit (rebase)');
  });

  it('without a known start commit nothing is taken off (the branch may just not be found)', () => {
    const first = fold(LOG, { history: [commit(1, 'a', 10)], events: [ev.commit(1)] });
    expect(planFold(input(first, { history: [], startCommit: null }))).toEqual({});
  });

  it('a reset: "Branch reset: N commits dropped", from the reflog even when the log never listed them', () => {
    const tip = sha(4);
    const reflog = [reflogLine(tip, sha(1), 20, 'reset: moving to HEAD~3')];
    // The log in the tree is an older one (a only): b and c were listed by a later, now discarded, log.
    const first = fold(LOG, { history: [commit(1, 'a', 10)], events: [ev.commit(1)], startCommit: START });
    const dropsOf = new Map([
      [
        tip,
        [
          commit(2, 'b', 11),
          commit(3, 'c', 12),
          commit(4, 'session(SESSION-T-2611260905): checkpoint', 13, { isRoo: true }),
        ],
      ],
    ]);
    const text = fold(first, {
      history: [commit(1, 'a', 10)],
      startCommit: START,
      branchReflog: reflog,
      reflogDrops: dropsOf,
    });
    expect(lines(text)).toEqual([sha(1)]);
    expect(texts(text)).toContain(`Branch reset: 2 commits dropped (${short(2)}, ${short(3)})`);
    // A soft reset leaves the newer log in the tree: its lines go, under the same one entry.
    const newer = fold(LOG, {
      history: [commit(1, 'a', 10), commit(2, 'b', 11), commit(3, 'c', 12)],
      events: [ev.commit(1), ev.commit(2), ev.commit(3)],
      startCommit: START,
    });
    const soft = fold(newer, {
      history: [commit(1, 'a', 10)],
      startCommit: START,
      branchReflog: reflog,
      reflogDrops: dropsOf,
    });
    expect(lines(soft)).toEqual([sha(1)]);
    expect(texts(soft).filter((t) => t.startsWith('Branch reset'))).toEqual([
      `Branch reset: 2 commits dropped (${short(2)}, ${short(3)})`,
    ]);
  });

  it('a rewrite no hook saw: paired by author, the line follows, "Rewrote N commits (found in history)"', () => {
    const first = fold(LOG, {
      history: [commit(1, 'a', 10, { author: 'x@y 1' }), commit(2, 'b', 11, { author: 'x@y 2' })],
      events: [ev.commit(1), ev.commit(2)],
      startCommit: START,
    });
    const commits = new Map([
      [sha(1), { subject: 'a', committedAt: at(10), author: 'x@y 1' }],
      [sha(2), { subject: 'b', committedAt: at(11), author: 'x@y 2' }],
    ]);
    const text = fold(first, {
      history: [commit(11, 'a reworded', 30, { author: 'x@y 1' }), commit(12, 'b', 31, { author: 'x@y 2' })],
      startCommit: START,
      commits,
    });
    expect(lines(text)).toEqual([sha(11), sha(12)]);
    expect(texts(text)).toEqual([
      'Session initiated by `roo-cli` with goal: "t"',
      `Commit ${short(11)} on \`${BRANCH}\`: a reworded (from history)`,
      `Commit ${short(12)} on \`${BRANCH}\`: b (from history)`,
      'Rewrote 2 commits (found in history)',
    ]);
    // The old lines' dates are kept.
    expect(entryLines(text)[1]).toContain(stamp(10));
  });

  it('an author reset by the rewrite: paired by subject', () => {
    const first = fold(LOG, { history: [commit(1, 'a', 10)], events: [ev.commit(1)], startCommit: START });
    const text = fold(first, {
      history: [commit(11, 'a', 30, { author: 'new 9' })],
      startCommit: START,
      commits: new Map([[sha(1), { subject: 'a', committedAt: at(10), author: 'old 1' }]]),
    });
    expect(lines(text)).toEqual([sha(11)]);
    expect(texts(text)).toContain('Rewrote 1 commit (found in history)');
  });

  it('a commit the journal saw before the cursor is not "(from history)"', () => {
    const text = fold(LOG, {
      history: [commit(1, 'a', 10), commit(2, 'b', 11)],
      startCommit: START,
      seenBefore: new Set([sha(1)]),
    });
    expect(texts(text)).toEqual([
      'Session initiated by `roo-cli` with goal: "t"',
      `Commit ${short(1)} on \`${BRANCH}\`: a`,
      `Commit ${short(2)} on \`${BRANCH}\`: b (from history)`,
    ]);
  });

  it('fast-forwards (merge, pull) are one entry each; what they brought is not listed', () => {
    const history = [
      commit(1, 'a', 10),
      commit(2, 't1', 11),
      commit(3, 't2', 12),
      commit(4, 'b', 13),
      commit(5, 'mate', 14),
    ];
    const branchReflog = [
      reflogLine(sha(1), sha(3), 20, 'merge topic: Fast-forward'),
      reflogLine(sha(4), sha(5), 21, 'pull: Fast-forward'),
      // Not on the branch: ignored.
      reflogLine(sha(7), sha(8), 22, 'merge gone: Fast-forward'),
    ];
    const text = fold(LOG, {
      history,
      events: [ev.commit(1), ev.commit(2, 'topic'), ev.commit(3, 'topic'), ev.commit(4)],
      startCommit: START,
      branchReflog,
    });
    expect(lines(text)).toEqual([sha(1), sha(4)]);
    expect(texts(text)).toContain(`Merged \`topic\` into \`${BRANCH}\` (2 commits)`);
    expect(texts(text)).toContain(`Fast-forwarded \`${BRANCH}\` to ${short(5)} (1 commit)`);
  });

  it("only this session's own roo commits are skipped (history marks them)", () => {
    const text = fold(LOG, {
      history: [
        commit(1, 'session(api): add endpoint', 10),
        commit(2, 'session(SESSION-T-2611260905): checkpoint', 11, { isRoo: true }),
      ],
      events: [ev.commit(1)],
      startCommit: START,
    });
    expect(lines(text)).toEqual([sha(1)]);
  });

  it('a renamed branch: events under its former name still count', () => {
    const text = fold(LOG, {
      session: { id: 'SESSION-T-2611260905', branch: 'renamed', formerBranches: [BRANCH] },
      history: [commit(2, 'a', 30)],
      events: [ev.commit(2, BRANCH, true), ev.rewrite(1, 2, 'rebase', '5', 1, BRANCH)],
      startCommit: START,
    });
    expect(texts(text)).toContain('Rewrote 1 commit (rebase)');
    expect(texts(text)).toContain(`Commit ${short(2)} on \`renamed\`: a`);
  });
});

function stamp(minute: number): string {
  const d = at(minute);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:00`;
}

// ------------------------------------------------------------------------------------------ property

type Op =
  | { op: 'commit'; hooked: boolean }
  | { op: 'amend' }
  | { op: 'reset' }
  | { op: 'hooklessAmend' }
  | { op: 'rebase'; squash: boolean }
  | { op: 'fold' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.boolean().map((hooked) => ({ op: 'commit' as const, hooked })) },
  { weight: 1, arbitrary: fc.constant({ op: 'amend' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((squash) => ({ op: 'rebase' as const, squash })) },
  { weight: 2, arbitrary: fc.constant({ op: 'fold' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'hooklessAmend' as const }) },
);

describe('planFold: property', () => {
  it('is idempotent and keeps exactly one line per current commit, whatever happened in between', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.boolean(), (ops, useCursor) => {
        let next = 1;
        let minute = 1;
        let tag = 1;
        let branch: FoldHistoryCommit[] = [];
        const events: JournalEvent[] = [];
        let cursor = 0;
        let text = LOG;
        const make = (subject: string, author = `a ${next}`) =>
          commit(next++, subject, Math.min(58, minute++), { author });
        const infos = new Map<string, { subject: string; committedAt: Date; author?: string }>();
        const doFold = () => {
          for (const c of branch) infos.set(c.sha, c);
          const partial = {
            history: branch,
            events: useCursor ? events.slice(cursor) : events,
            startCommit: sha(1999),
            commits: infos,
          };
          text = editSessionLog(text, planFold(input(text, partial)));
          cursor = events.length;
          return partial;
        };
        for (const step of ops) {
          if (step.op === 'commit') {
            const c = make(`work ${next}`);
            branch.push(c);
            if (step.hooked) events.push(ev.commit(next - 1));
          } else if (step.op === 'amend' && branch.length > 0) {
            const old = branch.pop()!;
            const c = make(`${old.subject} (amended)`);
            branch.push(c);
            events.push(ev.commit(next - 1), ev.rewrite(num(old.sha), next - 1, 'amend', `${tag++}`, 1));
          } else if (step.op === 'rebase' && branch.length > 0) {
            const t = `${tag++}`;
            let seq = 1;
            const rebased: FoldHistoryCommit[] = [];
            for (let i = 0; i < branch.length; i++) {
              const old = branch[i]!;
              if (step.squash && i === 1 && rebased.length === 1) {
                events.push(ev.rewrite(num(old.sha), num(rebased[0]!.sha), 'rebase', t, seq++));
                continue;
              }
              const c = make(old.subject);
              rebased.push(c);
              events.push(ev.commit(next - 1), ev.rewrite(num(old.sha), next - 1, 'rebase', t, seq++));
            }
            branch = rebased;
          } else if (step.op === 'reset' && branch.length > 0) {
            infos.set(branch[branch.length - 1]!.sha, branch[branch.length - 1]!);
            branch = branch.slice(0, -1);
          } else if (step.op === 'hooklessAmend' && branch.length > 0) {
            const old = branch.pop()!;
            infos.set(old.sha, old);
            branch.push(make(`${old.subject} (amended)`, old.author));
          } else if (step.op === 'fold') {
            doFold();
          }
        }
        const partial = doFold();
        const edit: LogEdit = planFold(input(text, partial));
        expect(edit).toEqual({});
        const keys = parseSessionLog(text, 'session_log.md').entries.flatMap((e) =>
          e.key?.startsWith('c:') ? [e.key.slice(2)] : [],
        );
        expect(keys.sort()).toEqual(branch.map((c) => c.sha).sort());
      }),
      { numRuns: 300 },
    );
  });
});
