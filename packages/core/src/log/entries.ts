import type { SessionStatus } from '../status.js';

/**
 * The canonical wordings of log entries (V7, docs/formats.md). Each returns the text after the timestamp; pass it to
 * `formatEntry` or `editSessionLog({ addEntries })`. Values that are code (paths, IDs, modes) go in code spans.
 */

/** Inline code that survives backticks inside the value (CommonMark: a longer fence, padded with spaces). */
export function codeSpan(value: string): string {
  const runs = value.match(/`+/g) ?? [];
  if (runs.length === 0) return `\`${value}\``;
  const fence = '`'.repeat(Math.max(...runs.map((run) => run.length)) + 1);
  return `${fence} ${value} ${fence}`;
}

/** `Session initiated by \`<coordinator>\` with goal: "<goal>"`. */
export function initiatedEntry(coordinator: string, goal: string): string {
  return `Session initiated by ${codeSpan(coordinator)} with goal: "${goal}"`;
}

/** `Created artifact: \`<path>\` (Type: <type>)`. */
export function artifactEntry(path: string, type: string): string {
  return `Created artifact: ${codeSpan(path)} (Type: ${type})`;
}

/** `Delegated task \`<TASK-ID>\` to \`<mode>\`: <objective>`. */
export function delegatedEntry(taskId: string, mode: string, objective: string): string {
  return `Delegated task ${codeSpan(taskId)} to ${codeSpan(mode)}: ${objective}`;
}

/** `Received result from \`<mode>\` for task \`<TASK-ID>\`: <summary>`. */
export function resultEntry(mode: string, taskId: string, summary: string): string {
  return `Received result from ${codeSpan(mode)} for task ${codeSpan(taskId)}: ${summary}`;
}

/** `Session status changed to: \`<status>\``. */
export function statusEntry(status: SessionStatus): string {
  return `Session status changed to: ${codeSpan(status)}`;
}

/** `Linked task \`<TASK-ID>\``, saying so when `.ruru/tasks` has no file for it (docs/formats.md). */
export function taskLinkedEntry(taskId: string, hasTaskFile: boolean): string {
  const note = hasTaskFile ? '' : ' (no task file found in .ruru/tasks)';
  return `Linked task ${codeSpan(taskId)}${note}`;
}

/** The `--type`s of `roo session log`. */
export const LOG_ENTRY_TYPES = [
  'note',
  'decision',
  'prompt',
  'delegation',
  'result',
  'confirmation',
  'error',
] as const;
/** One of {@link LOG_ENTRY_TYPES}. */
export type LogEntryType = (typeof LOG_ENTRY_TYPES)[number];

const LABELS: Record<LogEntryType, string | undefined> = {
  note: undefined,
  decision: 'Decision',
  prompt: 'Prompt',
  delegation: 'Delegation',
  result: 'Result',
  confirmation: 'Confirmation',
  error: 'Error',
};

/** A free entry from `roo session log`: a note is the plain text, the other types get a bold label (`**Decision:** …`). */
export function freeEntry(type: LogEntryType, message: string): string {
  const label = LABELS[type];
  return label === undefined ? message : `**${label}:** ${message}`;
}

/** The entry of `roo session end --error <message>`: `**Error:** <message>`, logged before the status change. */
export function errorEntry(message: string): string {
  return freeEntry('error', message);
}

/**
 * A multi-line message shaped as the body of ONE V7 log entry: the first line goes after `- [timestamp] `, every
 * following line is indented by two spaces, so the whole entry renders as one Markdown list item (blank lines stay
 * blank: a list item may hold several paragraphs). Line endings become `\n`; blank lines at the start and the end,
 * trailing spaces and runs of blank lines are dropped.
 */
export function shapeEntryText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '' && out.at(-1) === '') continue;
    out.push(i === 0 || line === '' ? line : `  ${line}`);
  }
  return out.join('\n');
}
