import { join } from 'node:path';
import type { ReadSession } from '@roo-session/app/ops/readSession';
import type { HookHealth } from '@roo-session/app/ops/summarizeHooks';
import { formatDuration, summarizeSession } from '@roo-session/core/summary/summarizeSession';
import { escapeTerminalLine } from '@roo-session/core/text';

/** The schema tag of `roo session status --json` (docs/json-schema.md). */
export const STATUS_SCHEMA = 'roo-session/status@1';

/**
 * The absolute session folder and log path of a session checked out in the worktree at `topLevel`; null for a
 * session read from another branch (it has no folder here).
 */
export function sessionPathsIn(topLevel: string, id: string, where: string) {
  if (where !== 'worktree') return { folder: null, logPath: null };
  const folder = join(topLevel, '.ruru', 'sessions', id);
  return { folder, logPath: join(folder, 'session_log.md') };
}

/**
 * Everything `roo session status` prints for `s`: the text view, or with `json` the JSON one. The command and its
 * fast path (statusFast.ts) both print this, so they cannot drift apart by a byte. `topLevel` is the worktree's
 * top folder (the JSON gives the session's absolute folder and log path).
 */
export function formatSessionStatus(
  s: ReadSession,
  hooks: HookHealth,
  options: { now: Date; json: boolean; topLevel: string },
): string {
  const sum = summarizeSession(s.doc, { where: s.where, now: options.now });
  const data = {
    schema: STATUS_SCHEMA,
    id: s.id,
    title: sum.title,
    status: sum.status,
    branch: sum.branch,
    where: s.where,
    ...sessionPathsIn(options.topLevel, s.id, s.where),
    startTime: sum.startTime,
    endTime: sum.endTime,
    durationSeconds: sum.durationSeconds,
    counts: {
      entries: s.doc.entries.length,
      commits: sum.commits.length,
      artifacts: sum.artifacts.length,
      tasks: sum.tasks.length,
    },
    pendingEntries: s.pending,
    hooks,
  };
  if (options.json) return `${JSON.stringify(data, null, 2)}\n`;
  // Values from the log are repository content: one line each, nothing a terminal would act on.
  const line = escapeTerminalLine;
  const lines = [
    `${line(s.id)}  ${line(sum.status)}`,
    `  title:     ${line(sum.title.replace(/\r?\n/g, ' '))}`,
    `  branch:    ${line(sum.branch || '-')}${s.where === 'worktree' ? '' : `  (read from ${line(s.where)})`}`,
    `  started:   ${line(sum.startTime || '-')}`,
    `  ended:     ${line(sum.endTime || '-')}`,
    `  duration:  ${formatDuration(sum.durationSeconds)}`,
    `  entries:   ${data.counts.entries}   commits: ${data.counts.commits}   artifacts: ${data.counts.artifacts}   tasks: ${data.counts.tasks}`,
    `  pending:   ${s.pending === 0 ? 'none' : `${s.pending} entries not committed yet (the next \`roo session checkpoint\` commits them)`}`,
    `  hooks:     ${hooks.summary}`,
  ];
  return `${lines.join('\n')}\n`;
}
