import { splitFrontmatter } from '../log/frontmatter.js';
import type { SessionLogDoc } from '../log/types.js';
import { parseLooseTimestamp, wallClockOf } from '../time.js';
import { artifactsIn, factsOf, tasksIn } from './extractFacts.js';

/**
 * The version tag of {@link SessionSummary} (and of the `--pr` envelope, {@link PR_SUMMARY_SCHEMA}). Adding a
 * field is compatible; renaming, removing or changing the meaning of one bumps the number (docs/summary-schema.md).
 */
export const SUMMARY_SCHEMA = 'roo-session/summary@1';

/** A dated line pulled out of the log. `date` is local wall-clock `YYYY-MM-DDTHH:MM:SS`, or null when undated. */
export type SummaryItem = {
  date: string | null;
  text: string;
  line: number;
  /** Who wrote or did it, when the entry says (a mode, an agent, a person). */
  actor?: string | null;
};

/** A delegation: to which mode, for which task (either may be unknown). */
export type SummaryDelegation = SummaryItem & { to: string | null; taskId: string | null };
/** A result received: from which mode, for which task. */
export type SummaryResult = SummaryItem & { from: string | null; taskId: string | null };
/** A task named in `related_tasks` or anywhere in the log. */
export type SummaryTask = {
  id: string;
  /** The MDTM task file the log links (`.ruru/tasks/…/TASK-….md`), else null. */
  file: string | null;
  inFrontmatter: boolean;
  /** 1-based line of the first entry naming it; 0 when only `related_tasks` names it. */
  line: number;
};
/** A mode, agent or person the log shows acting, with how many entries involve them. */
export type SummaryActor = { name: string; entries: number };

/** A commit of the session: short SHA as logged, full SHA (from the line's key when roo wrote it), subject. */
export type SummaryCommit = {
  date: string | null;
  sha: string;
  shortSha: string;
  subject: string;
  /** The commit was found in the branch history rather than seen by a hook (`(from history)`). */
  fromHistory: boolean;
  /** Where the commit comes from: a log line, or (`--pr`) the range's commits not logged yet. */
  source: 'log' | 'range';
  /** 1-based line of the log entry; 0 for a commit taken from the range. */
  line: number;
};

/** An artifact named in `related_artifacts`. */
export type SummaryArtifact = {
  /** As listed, relative to the session folder (`artifacts/notes/NOTE-x-2611260912.md`). */
  path: string;
  /** Relative to the repository root (`.ruru/sessions/<ID>/artifacts/…`). */
  repoPath: string;
  /** The artifact folder (`notes`), empty for a path outside `artifacts/<folder>/`. */
  folder: string;
};

/** What `roo session show --format json` prints and the markdown summary renders (schema {@link SUMMARY_SCHEMA}). */
export type SessionSummary = {
  schema: typeof SUMMARY_SCHEMA;
  id: string;
  title: string;
  /** The text under `## Goal` (may repeat the title and add the description). */
  goal: string;
  /** The canonical status, or the raw value when it is not a recognisable status. */
  status: string;
  statusRaw: string;
  branch: string;
  baseCommit: string;
  /** `worktree`, or the branch the log was read from (`origin/session/…`). */
  where: string;
  startTime: string;
  endTime: string;
  /** True while the session has no `end_time` (Active). */
  isRunning: boolean;
  /** Start to end (or to the time of the summary while running); null when a time does not parse. */
  durationSeconds: number | null;
  coordinator: string;
  tags: string[];
  counts: {
    commits: number;
    artifacts: number;
    tasks: number;
    entries: number;
    errors?: number;
    decisions?: number;
    delegations?: number;
    results?: number;
    tasksNamed?: number;
    actors?: number;
  };
  commits: SummaryCommit[];
  merges: SummaryItem[];
  rewrites: SummaryItem[];
  artifacts: SummaryArtifact[];
  tasks: string[];
  decisions: SummaryItem[];
  errors: SummaryItem[];
  entries: (SummaryItem & { key: string | null; endLine?: number; style?: string })[];
  /** Delegations to other modes (V7 `Delegated task … to …` and the variants agents write). */
  delegations: SummaryDelegation[];
  /** Results received from delegates (`Received result from …`, `Result: …`, `Completed: …`). */
  results: SummaryResult[];
  /** Every task named: `related_tasks` first, then `TASK-…` IDs and MDTM task file links in the log. */
  tasksNamed: SummaryTask[];
  /** Artifact paths the log text names that `related_artifacts` does not list. */
  artifactsNamed: SummaryArtifact[];
  /** The coordinator and every mode/agent the entries show acting, most active first. */
  actors: SummaryActor[];
  /** First and last entry times (local wall clock) and how many entries are dated after `end_time`. */
  span: { first: string | null; last: string | null; entriesAfterEnd: number };
  /** Entries the hook journal adds that the file does not hold yet (already included above). */
  pendingEntries: number;
  /** The Markdown body of the log (everything after the frontmatter), exactly as in the file. */
  log: string;
};

// `Commit `3f2a9c1` on `session/X`: subject` (code spans may use longer fences), optional `(from history)`.
const COMMIT = /^Commit (`+) ?([0-9a-f]{4,64}) ?\1 on (`+) ?.*? ?\3: (.*?)( \(from history\))?$/;
// roo's status line and first line, read for the actor only.
const STATUS = /^Session status changed to: /;
const INITIATED = /^Session initiated by `+ ?([^`]+?) ?`+ with goal/;

/** What the CLI adds to a parsed log. */
export type SummarizeOptions = {
  /** Where the log was read from (`worktree` or a branch). */
  where: string;
  /** The time of the summary, for a running session's duration. */
  now: Date;
  /** Journal entries folded in that the file does not hold yet. */
  pendingEntries?: number;
  /**
   * `--pr`: commits of the range that name this session in a `Roo-Session` trailer, oldest first. Those the log
   * does not list yet are added after the logged ones (a push before `roo session checkpoint`).
   */
  rangeCommits?: readonly { sha: string; subject: string; committedAt: Date }[];
};

/**
 * Pulls a reviewer's view out of a parsed log: header facts, the commits (current SHAs, in log order), merges,
 * rewrites, artifacts, tasks, decisions and errors, and every entry. Pure: the CLI passes where the log came from
 * and the clock for a running session's duration.
 */
export function summarizeSession(doc: SessionLogDoc, opts: SummarizeOptions): SessionSummary {
  const m = doc.meta;
  const commits: SummaryCommit[] = [];
  const merges: SummaryItem[] = [];
  const rewrites: SummaryItem[] = [];
  const decisions: SummaryItem[] = [];
  const errors: SummaryItem[] = [];
  const delegations: SummaryDelegation[] = [];
  const results: SummaryResult[] = [];
  const tasks = new Map<string, SummaryTask>();
  for (const id of m.relatedTasks) tasks.set(id, { id, file: null, inFrontmatter: true, line: 0 });
  const named = new Set<string>();
  const actors = new Map<string, SummaryActor>();
  const seeActor = (name: string | null | undefined) => {
    if (!name) return;
    const key = name.toLowerCase().replace(/[\s_]+/g, '-');
    const known = actors.get(key);
    if (known) known.entries++;
    else actors.set(key, { name, entries: 1 });
  };
  if (m.coordinator)
    actors.set(m.coordinator.toLowerCase().replace(/[\s_]+/g, '-'), { name: m.coordinator, entries: 0 });
  for (const e of doc.entries) {
    const date = e.date ? localIso(e.date) : null;
    const item = { date, text: e.text, line: e.line };
    const key = e.key ?? '';
    const c = COMMIT.exec(e.text);
    if (key.startsWith('c:') || (c && key === '')) {
      const full = key.startsWith('c:') ? key.slice(2) : (c?.[2] ?? '');
      commits.push({
        date,
        sha: full,
        shortSha: c?.[2] ?? full.slice(0, 7),
        subject: c?.[4] ?? e.text,
        fromHistory: Boolean(c?.[5]),
        source: 'log',
        line: e.line,
      });
      continue;
    }
    if (key.startsWith('m:')) {
      merges.push(item);
      continue;
    }
    if (key.startsWith('r:')) {
      rewrites.push(item);
      continue;
    }
    const all = e.detail ? `${e.text}\n${e.detail}` : e.text;
    for (const t of tasksIn(all)) {
      const known = tasks.get(t.id);
      if (known === undefined)
        tasks.set(t.id, { id: t.id, file: t.file, inFrontmatter: false, line: e.line });
      else {
        if (known.file === null && t.file !== null) known.file = t.file;
        if (known.line === 0) known.line = e.line;
      }
    }
    for (const path of artifactsIn(all)) named.add(path);
    // roo's own status lines are not events a reviewer needs twice.
    if (STATUS.test(e.text)) continue;
    const f = factsOf(e);
    const initiator = INITIATED.exec(e.text)?.[1];
    seeActor(f.actor ?? initiator);
    const withActor = { ...item, actor: f.actor };
    if (f.error !== undefined) errors.push({ ...withActor, text: f.error });
    if (f.decision !== undefined) decisions.push({ ...withActor, text: f.decision });
    if (f.delegation !== undefined) {
      delegations.push({ ...withActor, ...f.delegation });
      if (f.delegation.to && f.delegation.to.toLowerCase() !== f.actor?.toLowerCase())
        seeActor(f.delegation.to);
    }
    if (f.result !== undefined) {
      results.push({ ...withActor, ...f.result });
      if (f.result.from && f.result.from.toLowerCase() !== f.actor?.toLowerCase()) seeActor(f.result.from);
    }
  }
  for (const rc of opts.rangeCommits ?? []) {
    const logged = commits.some((c) => c.sha === rc.sha || (c.sha.length >= 7 && rc.sha.startsWith(c.sha)));
    if (logged) continue;
    commits.push({
      date: localIso(rc.committedAt),
      sha: rc.sha,
      shortSha: rc.sha.slice(0, 7),
      subject: rc.subject,
      fromHistory: false,
      source: 'range',
      line: 0,
    });
  }
  const start = m.startTime ? parseLooseTimestamp(m.startTime) : undefined;
  const end = m.endTime ? parseLooseTimestamp(m.endTime) : undefined;
  const isRunning = m.endTime === '';
  const until = end ?? (isRunning ? opts.now : undefined);
  const durationSeconds =
    start && until && until.getTime() >= start.getTime()
      ? Math.round((until.getTime() - start.getTime()) / 1000)
      : null;
  const artifactOf = (path: string): SummaryArtifact => {
    const parts = path.split('/');
    return {
      path,
      repoPath: `.ruru/sessions/${m.id}/${path}`,
      folder: parts[0] === 'artifacts' && parts.length > 2 ? (parts[1] ?? '') : '',
    };
  };
  const artifacts = m.relatedArtifacts.map(artifactOf);
  const artifactsNamed = [...named].filter((p) => !m.relatedArtifacts.includes(p)).map(artifactOf);
  const actorList = [...actors.values()].sort((a, b) => b.entries - a.entries);
  const times = doc.entries.flatMap((e) => (e.date ? [e.date.getTime()] : []));
  // Entries show local wall-clock time: compared with end_time's wall clock, not its instant.
  const endWall = m.endTime ? parseLooseTimestamp(wallClockOf(m.endTime) ?? m.endTime) : undefined;
  const entriesAfterEnd =
    endWall === undefined
      ? 0
      : doc.entries.filter((e) => e.date && e.date.getTime() > endWall.getTime()).length;
  return {
    schema: SUMMARY_SCHEMA,
    id: m.id,
    title: m.title,
    goal: doc.goal,
    status: m.status ?? m.statusRaw,
    statusRaw: m.statusRaw,
    branch: m.branch,
    baseCommit: m.baseCommit,
    where: opts.where,
    startTime: m.startTime,
    endTime: m.endTime,
    isRunning,
    durationSeconds,
    coordinator: m.coordinator,
    tags: [...m.tags],
    counts: {
      commits: commits.length,
      artifacts: artifacts.length,
      tasks: m.relatedTasks.length,
      entries: doc.entries.length,
      errors: errors.length,
      decisions: decisions.length,
      delegations: delegations.length,
      results: results.length,
      tasksNamed: tasks.size,
      actors: actorList.length,
    },
    commits,
    merges,
    rewrites,
    artifacts,
    tasks: [...m.relatedTasks],
    decisions,
    errors,
    entries: doc.entries.map((e) => ({
      date: e.date ? localIso(e.date) : null,
      text: e.text,
      key: e.key ?? null,
      line: e.line,
      endLine: e.endLine ?? e.line,
      style: e.style ?? 'bullet-bracket',
      actor: e.actor ?? null,
    })),
    delegations,
    results,
    tasksNamed: [...tasks.values()],
    artifactsNamed,
    actors: actorList,
    span: {
      first: times.length > 0 ? localIso(new Date(Math.min(...times))) : null,
      last: times.length > 0 ? localIso(new Date(Math.max(...times))) : null,
      entriesAfterEnd,
    },
    pendingEntries: opts.pendingEntries ?? 0,
    log: splitFrontmatter(doc.text, doc.file).body,
  };
}

/** `YYYY-MM-DDTHH:MM:SS` in local wall-clock time (what the log shows). */
function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `1h 05m`, `12m`, `3d 4h`, `-`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  if (h > 0) return `${h}h ${String(min).padStart(2, '0')}m`;
  return min > 0 ? `${min}m` : `${seconds % 60}s`;
}
