import type { SessionLogDoc } from '../log/types.js';
import { parseLooseTimestamp } from '../time.js';

/** The version tag of {@link SessionSummary}; bump it on any incompatible change (docs/summary-schema.md). */
export const SUMMARY_SCHEMA = 'roo-session/summary@1';

/** A dated line of the summary. `date` is ISO 8601 (local wall clock as written) or null when undated. */
export type SummaryItem = { date: string | null; text: string };

/** A commit line of the log: short SHA as logged, full SHA from its key, subject. */
export type SummaryCommit = SummaryItem & {
  sha: string;
  shortSha: string;
  subject: string;
  fromHistory: boolean;
};

/** What `roo session show --format json` prints and the markdown summary renders (schema {@link SUMMARY_SCHEMA}). */
export type SessionSummary = {
  schema: typeof SUMMARY_SCHEMA;
  id: string;
  title: string;
  goal: string;
  status: string;
  statusRaw: string;
  branch: string;
  baseCommit: string;
  /** `worktree`, or the branch the log was read from. */
  where: string;
  startTime: string;
  endTime: string;
  /** From start to end (or to `now` while the session runs); undefined when a time does not parse. */
  durationSeconds: number | undefined;
  coordinator: string;
  tags: string[];
  commits: SummaryCommit[];
  merges: SummaryItem[];
  rewrites: SummaryItem[];
  artifacts: { path: string; folder: string }[];
  tasks: string[];
  decisions: SummaryItem[];
  errors: SummaryItem[];
  entries: (SummaryItem & { key: string | null; line: number })[];
};

const COMMIT = /^Commit `+ ?([0-9a-f]{4,64}) ?`+ on `+ ?.*? ?`+: (.*?)( \(from history\))?$/;
const DECISION = /^\*\*Decision:\*\*\s*/;
const ERROR = /^\*\*Error:\*\*\s*/;

/**
 * Pulls a reviewer's view out of a parsed log: header facts, the commits (current SHAs, in log order), merges,
 * rewrites, artifacts, tasks, decisions and errors, and every entry. Pure: the CLI passes where the log came from
 * and the clock for a running session's duration.
 */
export function summarizeSession(doc: SessionLogDoc, opts: { where: string; now: Date }): SessionSummary {
  const m = doc.meta;
  const iso = (d: Date | undefined) => (d ? localIso(d) : null);
  const commits: SummaryCommit[] = [];
  const merges: SummaryItem[] = [];
  const rewrites: SummaryItem[] = [];
  const decisions: SummaryItem[] = [];
  const errors: SummaryItem[] = [];
  for (const e of doc.entries) {
    const item = { date: iso(e.date), text: e.text };
    const key = e.key ?? '';
    const c = COMMIT.exec(e.text);
    if (key.startsWith('c:') || (c && !key)) {
      const full = key.startsWith('c:') ? key.slice(2) : (c?.[1] ?? '');
      commits.push({
        ...item,
        sha: full,
        shortSha: c?.[1] ?? full.slice(0, 7),
        subject: c?.[2] ?? e.text,
        fromHistory: Boolean(c?.[3]),
      });
    } else if (key.startsWith('m:')) merges.push(item);
    else if (key.startsWith('r:')) rewrites.push(item);
    else if (DECISION.test(e.text)) decisions.push({ ...item, text: e.text.replace(DECISION, '') });
    else if (ERROR.test(e.text)) errors.push({ ...item, text: e.text.replace(ERROR, '') });
  }
  const start = m.startTime ? parseLooseTimestamp(m.startTime) : undefined;
  const end = m.endTime ? parseLooseTimestamp(m.endTime) : undefined;
  const until = end ?? (m.endTime === '' ? opts.now : undefined);
  const durationSeconds =
    start && until && until.getTime() >= start.getTime()
      ? Math.round((until.getTime() - start.getTime()) / 1000)
      : undefined;
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
    durationSeconds,
    coordinator: m.coordinator,
    tags: [...m.tags],
    commits,
    merges,
    rewrites,
    artifacts: m.relatedArtifacts.map((path) => ({ path, folder: path.split('/')[1] ?? '' })),
    tasks: [...m.relatedTasks],
    decisions,
    errors,
    entries: doc.entries.map((e) => ({ date: iso(e.date), text: e.text, key: e.key ?? null, line: e.line })),
  };
}

/** `YYYY-MM-DDTHH:MM:SS` in local wall-clock time (what the log shows). */
function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `1h 05m`, `12m`, `-`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  return h > 0 ? `${h}h ${String(min).padStart(2, '0')}m` : `${min}m`;
}
