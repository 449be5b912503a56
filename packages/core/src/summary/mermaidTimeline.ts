import type { SessionSummary } from './summarizeSession.js';

/**
 * The session's timeline as a Mermaid `gitGraph` (GitHub renders it in PR bodies and comments): start, the work
 * commits, merges, rewrites, pauses and continues, checkpoints, errors and the end, in log order. Mermaid refuses a
 * diagram over 50,000 characters; {@link renderMermaidTimeline} stays under a budget by collapsing runs of
 * commits into one node, then by eliding the middle of the milestones (docs/summary-schema.md, "Timeline").
 */

/** Mermaid's default `maxTextSize`: a larger diagram is not drawn at all. */
export const MERMAID_MAX_TEXT = 50_000;

/** One point of the timeline. */
export type TimelineEvent = {
  kind:
    | 'start'
    | 'commit'
    | 'commits'
    | 'merge'
    | 'rewrite'
    | 'pause'
    | 'continue'
    | 'checkpoint'
    | 'error'
    | 'end';
  label: string;
};

const STATUS = /^Session status changed to: `+ ?(.*?) ?`+$/;

/** The events of a summary, in log order. */
export function timelineEvents(s: SessionSummary): TimelineEvent[] {
  type Dated = TimelineEvent & { line: number };
  const out: Dated[] = [{ kind: 'start', label: `start ${clock(s.startTime)}`.trim(), line: 0 }];
  for (const c of s.commits)
    out.push({ kind: 'commit', label: `${c.shortSha} ${c.subject}`, line: c.line || 1e9 });
  for (const m of s.merges) out.push({ kind: 'merge', label: m.text, line: m.line });
  for (const r of s.rewrites) out.push({ kind: 'rewrite', label: r.text, line: r.line });
  for (const e of s.errors) out.push({ kind: 'error', label: `error: ${e.text}`, line: e.line });
  for (const e of s.entries) {
    const status = STATUS.exec(e.text)?.[1];
    if (status !== undefined) {
      const kind = /pause/i.test(status)
        ? 'pause'
        : /active/i.test(status)
          ? 'continue'
          : /complete|error/i.test(status)
            ? 'end'
            : undefined;
      if (kind !== undefined)
        out.push({ kind, label: `${kind === 'continue' ? 'continued' : status}`, line: e.line });
    } else if (e.key === null && /\bcheckpoint\b/i.test(e.text)) {
      out.push({ kind: 'checkpoint', label: 'checkpoint', line: e.line });
    }
  }
  out.sort((a, b) => a.line - b.line);
  if (!s.isRunning && !out.some((e) => e.kind === 'end'))
    out.push({ kind: 'end', label: `${s.status}`, line: 1e9 + 1 });
  return out.map(({ kind, label }) => ({ kind, label }));
}

/** `09:05` of an ISO-like time, else ''. */
function clock(time: string): string {
  return /[T ](\d{2}:\d{2})/.exec(time)?.[1] ?? '';
}

/** A label Mermaid reads inside `"…"`: no quotes, backslashes, control or markup characters; at most 48. */
export function mermaidLabel(text: string): string {
  const safe = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} _.,:/#()+=-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (safe.length > 48 ? `${safe.slice(0, 47).trimEnd()}…` : safe) || '-';
}

const TYPE: Record<TimelineEvent['kind'], string> = {
  start: ' type: HIGHLIGHT',
  commit: '',
  commits: '',
  merge: ' type: HIGHLIGHT',
  rewrite: ' type: REVERSE',
  pause: ' type: HIGHLIGHT',
  continue: ' type: HIGHLIGHT',
  checkpoint: '',
  error: ' type: REVERSE',
  end: ' type: HIGHLIGHT',
};
const TAG: Partial<Record<TimelineEvent['kind'], string>> = {
  start: 'start',
  merge: 'merge',
  rewrite: 'rewrite',
  pause: 'paused',
  continue: 'continued',
  checkpoint: 'checkpoint',
  error: 'error',
  end: 'end',
};

function renderEvents(events: readonly TimelineEvent[]): string {
  const lines = ['gitGraph'];
  events.forEach((e, i) => {
    // Commit IDs must be unique in a gitGraph: the position makes them so.
    const id = `${i + 1} ${mermaidLabel(e.label)}`;
    const tag = TAG[e.kind];
    lines.push(`  commit id: "${id}"${TYPE[e.kind]}${tag ? ` tag: "${tag}"` : ''}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Runs of two or more plain commits become one `N commits (first..last)` node. */
function collapseCommits(events: readonly TimelineEvent[]): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  let run: TimelineEvent[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) {
      const first = run[0]!.label.split(' ')[0];
      const last = run[run.length - 1]!.label.split(' ')[0];
      out.push({ kind: 'commits', label: `${run.length} commits ${first}..${last}` });
    }
    run = [];
  };
  for (const e of events) {
    if (e.kind === 'commit') run.push(e);
    else {
      flush();
      out.push(e);
    }
  }
  flush();
  return out;
}

/**
 * The `gitGraph` source of the timeline, at most `budget` characters (default and cap: Mermaid's 50,000).
 * Returns `collapsed` when runs of commits were merged or milestones elided to fit.
 */
export function renderMermaidTimeline(
  s: SessionSummary,
  budget = MERMAID_MAX_TEXT,
): { source: string; collapsed: boolean; nodes: number } {
  const limit = Math.min(budget, MERMAID_MAX_TEXT);
  const events = timelineEvents(s);
  let source = renderEvents(events);
  if (source.length <= limit) return { source, collapsed: false, nodes: events.length };
  let kept = collapseCommits(events);
  source = renderEvents(kept);
  // Still too long (thousands of pauses or merges): keep the first and last milestones, one node for the rest.
  let keep = Math.floor(kept.length / 2);
  while (source.length > limit && keep > 1) {
    keep = Math.floor(keep / 2);
    const head = kept.slice(0, keep);
    const tail = kept.slice(-keep);
    const elided = kept.length - 2 * keep;
    const trimmed = [...head, { kind: 'commits' as const, label: `${elided} more events` }, ...tail];
    source = renderEvents(trimmed);
    if (source.length <= limit) kept = trimmed;
  }
  return { source, collapsed: true, nodes: source.split('\n').length - 2 };
}
