import type { LogEdit, SessionLogDoc } from '@roo-session/core';
// Subpath imports, not the package indexes: `roo session status` folds on its fast path (statusFast.ts), whose
// bundle must reach only the modules it runs (bundle.mjs).
import {
  fastForwards,
  groupRewrites,
  isBranchReset,
  isEmptyLogEdit,
  journalWorktreeGitDir,
  journalWorktrees,
  mergeLogEdits,
  parseJournal,
  planFold,
  planRecords,
  resetsToExplain,
} from '@roo-session/core/journal';
import { editParsedSessionLog } from '@roo-session/core/log/editSessionLog';
import { parseSessionLog } from '@roo-session/core/log/parseSessionLog';
import { SessionStatus } from '@roo-session/core/status';
import type { RepoContext } from '@roo-session/git';
import {
  commitInfo,
  commitsLeftBehind,
  formerBranchNames,
  type ResolvedSessionHistory,
  readBranchReflog,
  readHeadReflog,
  resolveSessionHistory,
  type SessionHistory,
} from '@roo-session/git/history';
import type { AppContext } from '../context.js';
import { journalPath, journalScanCachePath, readJournalCursor } from '../store/journalCursor.js';
import { readJournalCached } from '../store/readJournal.js';
import type { LoadedSession } from '../store/SessionStore.js';
import { journalSightings, loggedCommitShas } from './foldFacts.js';

/**
 * What a fold needs: the repository and the clock. A `Workspace` has them, and so has `roo session status`'s fast
 * path, which folds without the session store or the commit code.
 */
type FoldWorkspace = { readonly repo: RepoContext; readonly ctx: Pick<AppContext, 'now'> };

export type Folded = {
  /** The log text with every pending event and the branch history folded in (not written). */
  text: string;
  /** `text` parsed (with the file name of the log that was folded). */
  doc: SessionLogDoc;
  /** The journal byte offset this text holds every event up to (a line still being written is excluded). */
  foldedTo: number;
  /** Journal lines that could not be read (reported by `doctor`). */
  badLines: number;
};

/**
 * Folds the hook journal (from the session's cursor) and the session branch's first-parent history into the log
 * text, in memory. Pure decisions live in core's `planFold`; this gathers the facts: journal bytes, history,
 * commit subjects, worktree reflogs. `history` is the session's history when the caller has already started
 * reading it (`sessionHistory` of `s.id` on `s.doc.meta.branch`), so that git runs while the log is parsed.
 */
export async function foldJournal(
  ws: FoldWorkspace,
  s: { id: string; doc: SessionLogDoc },
  history?: Promise<SessionHistory>,
): Promise<Folded> {
  const from = readJournalCursor(ws.repo, s.id);
  const status = s.doc.meta.status;
  // Completed and Error sessions gain no entries (docs/journal.md, "How the fold uses it").
  if (status === SessionStatus.Completed || status === SessionStatus.Error) {
    return { text: s.doc.text, doc: s.doc, foldedTo: from, badLines: 0 };
  }
  const branch = s.doc.meta.branch;
  // The branch as it is now (renamed with `git branch -m` when the recorded one has no start commit any more):
  // git reads it while the journal is read.
  const resolving =
    branch === ''
      ? undefined
      : resolveSessionHistory(
          ws.repo,
          { id: s.id, branch, searchStart: status === SessionStatus.Active },
          history,
        );
  // Only the lines that concern this session are read into memory: its records, its branch's events (under
  // the names the branch had too).
  const read = (names: Iterable<string>) =>
    readJournalCached(
      journalPath(ws.repo),
      from,
      { session: s.id, branches: new Set([...names, '']) },
      journalScanCachePath(ws.repo, s.id),
    );
  const names = new Set([branch, ...formerBranchNames(readBranchReflog(ws.repo.commonDir, branch), branch)]);
  let slice = read(names);
  const resolved = await resolving;
  if (resolved !== undefined && !names.has(resolved.branch)) {
    // Renamed away: read again with the new name and the ones before it.
    slice = read([resolved.branch, ...resolved.formerBranches]);
  }
  const journal = parseJournal(slice.text);
  const foldedTo = slice.end;
  const loggedKeys = new Set<string>();
  for (const entry of s.doc.entries) if (entry.key !== undefined) loggedKeys.add(entry.key);
  // roo's own records (session log, task, artifact) need no git: a branch-less log takes them too.
  const recorded = planRecords(journal.records, s.id, loggedKeys);
  const edit =
    resolved === undefined
      ? recorded
      : mergeLogEdits(await planGitEdit(ws, s, resolved, journal, from), recorded);
  const { text, doc } = isEmptyLogEdit(edit)
    ? { text: s.doc.text, doc: s.doc }
    : editParsedSessionLog(s.doc, edit);
  return { text, doc, foldedTo, badLines: journal.bad.length };
}

/** What the hook events and the branch history add to the log (planFold), with the facts it needs from git. */
async function planGitEdit(
  ws: FoldWorkspace,
  s: { id: string; doc: SessionLogDoc },
  resolved: ResolvedSessionHistory,
  journal: ReturnType<typeof parseJournal>,
  /** The session's cursor: where `journal` starts. */
  from: number,
): Promise<LogEdit> {
  const { repo } = ws;
  const branch = s.doc.meta.branch;
  const { commits: historyCommits, startCommit, baseCommit } = resolved;
  const own = new Set([resolved.branch, ...resolved.formerBranches]);
  // Only rewrites on this branch, or on no branch (a `rebase --apply` that ran through), can become entries here
  // (planFold): the commits of other branches' rewrites are never looked up, which in a busy shared journal spares
  // thousands of cat-file requests and, often, the cat-file process itself.
  const ownRewrites = journal.events.filter(
    (event) => event.kind === 'rewrite' && (own.has(event.branch) || event.branch === ''),
  );
  // Commits that may have left the branch (logged, or made here per the journal, and not in its history): their
  // subject and author pair them with a rewrite no hook saw.
  const inHistory = new Set(historyCommits.map((commit) => commit.sha));
  const gone =
    startCommit === null
      ? []
      : [
          ...loggedCommitShas(s.doc.entries),
          ...journal.events.flatMap((event) =>
            (event.kind === 'commit' || event.kind === 'merge') && own.has(event.branch) ? [event.sha] : [],
          ),
        ].filter((sha) => sha !== '' && !inHistory.has(sha));
  // planFold dates a rewrite entry by the last result of its run: only those are looked up (a run of a thousand
  // pairs costs one lookup, not a thousand).
  const lastResults = new Set(
    groupRewrites(ownRewrites).flatMap((group) => group.pairs.slice(-1).map((p) => p.sha)),
  );
  const commits = await commitInfo(repo, [...lastResults, ...gone]);
  // After a reset during the session the log in the tree may be an older one than the cursor says: history
  // commits neither logged nor named after the cursor (nor brought by a fast-forward, which are never listed) may
  // have been seen by the hooks before it. Without a reset the log holds everything before the cursor.
  const onBranch = new Set(inHistory);
  if (startCommit !== null) onBranch.add(startCommit);
  const rewound = resolved.branchReflog.some(
    (entry) => isBranchReset(entry.message) && onBranch.has(entry.new),
  );
  const named = new Set(journal.events.map((event) => event.sha));
  for (const ff of fastForwards(resolved.branchReflog, historyCommits, startCommit)) {
    for (const commit of ff.brought) named.add(commit.sha);
  }
  const logged = new Set(loggedCommitShas(s.doc.entries));
  const unexplained = new Map(
    rewound
      ? historyCommits
          .filter((commit) => !commit.isRoo && !logged.has(commit.sha) && !named.has(commit.sha))
          .map((commit) => [commit.sha, commit.isMerge])
      : [],
  );
  const seenBefore = journalSightings(journalPath(ws.repo), from, unexplained);
  // What the branch's resets took off it: one `git log` for all of them, only while there are any.
  const resets =
    startCommit === null ? [] : resetsToExplain(resolved.branchReflog, historyCommits, startCommit);
  const reflogDrops = await commitsLeftBehind(
    repo,
    s.id,
    resets.map((entry) => entry.old),
    historyCommits[historyCommits.length - 1]?.sha ?? startCommit ?? '',
  );
  const reflogs = new Map<string, ReturnType<typeof readHeadReflog>>();
  for (const wt of journalWorktrees(journal.events)) {
    reflogs.set(wt, readHeadReflog(journalWorktreeGitDir(repo.commonDir, wt)));
  }
  const edit: LogEdit = planFold({
    session: { id: s.id, branch: resolved.branch, formerBranches: resolved.formerBranches },
    log: s.doc.entries,
    events: journal.events,
    history: historyCommits,
    startCommit,
    commits,
    seenBefore,
    branchReflog: resolved.branchReflog,
    reflogDrops,
    reflogs,
    now: ws.ctx.now(),
  });
  // Branch switches are logged only while the session is Active.
  if (s.doc.meta.status !== SessionStatus.Active && edit.addEntries) {
    edit.addEntries = edit.addEntries.filter((entry) => !entry.key?.startsWith('s:'));
  }
  if (resolved.branch !== branch) edit.set = { ...edit.set, branch: resolved.branch };
  if (baseCommit && baseCommit !== s.doc.meta.baseCommit) {
    edit.set = { ...edit.set, base_commit: baseCommit };
  }
  return edit;
}

/** A session as read commands see it: with pending journal events folded in (in memory, never written). */
export type ReadSession = {
  id: string;
  doc: SessionLogDoc;
  /** `worktree` when the folder is checked out here, else the branch it was read from. */
  where: string;
  /** Entries the journal and history add that the file does not hold yet. */
  pending: number;
};

/** A worktree session with the journal and branch history folded in, in memory (`history`: see foldJournal). */
export async function withPending(
  ws: FoldWorkspace,
  s: LoadedSession,
  history?: Promise<SessionHistory>,
): Promise<ReadSession> {
  const folded = await foldJournal(ws, s, history);
  if (folded.text === s.doc.text) return { id: s.id, doc: s.doc, where: 'worktree', pending: 0 };
  // The fold's own parse, unless the log was parsed under another name than its path (errors name the file).
  const doc = folded.doc.file === s.logPath ? folded.doc : parseSessionLog(folded.text, s.logPath);
  return {
    id: s.id,
    doc,
    where: 'worktree',
    pending: Math.max(0, doc.entries.length - s.doc.entries.length),
  };
}
