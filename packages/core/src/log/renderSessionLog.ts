import { SessionStatus } from '../status.js';
import { renderTemplate, SESSION_LOG_TEMPLATE } from '../templates.js';
import { formatIsoWithOffset, formatLogTimestamp, parseLooseTimestamp, wallClockOf } from '../time.js';
import { tomlLiteral } from '../toml.js';
import { editSessionLog, insertFrontmatterLines } from './editSessionLog.js';
import { initiatedEntry } from './entries.js';
import { parseSessionLog } from './parseSessionLog.js';

/** The tags every new session starts with; `--tag`s come after them. */
export const DEFAULT_TAGS: readonly string[] = ['session', 'log'];

import { toEntryText } from './entryLine.js';

export { formatEntry, formatEntryLines, isValidEntryKey, toEntryText } from './entryLine.js';

/** What a new `session_log.md` needs (docs/formats.md). Give `date` (preferred) or `startTime`. */
export type NewSessionLogInput = {
  id: string;
  /** The goal exactly as typed. */
  title: string;
  coordinator: string;
  branch: string;
  baseCommit: string;
  /** When the session starts: `start_time` is its local ISO form, the first entry its local wall clock. */
  date?: Date;
  /** `start_time` (ISO 8601 with offset) when no `date` is given; the first entry shows its wall clock. */
  startTime?: string;
  /** `--description` text, shown under the goal. */
  description?: string;
  /** Extra `--tag`s, after `session` and `log`. */
  tags?: readonly string[];
  relatedTasks?: readonly string[];
  relatedArtifacts?: readonly string[];
  status?: SessionStatus;
};

/**
 * The text of a new `session_log.md` from the session log template (`templates/session_log.md` or a repo's
 * override): frontmatter values TOML-escaped, the goal and description under `## Goal`, and the first entry
 * `Session initiated by \`<coordinator>\` with goal: "<goal>"` on one line (newlines in the goal become
 * spaces there; `title` keeps them). If an override template lacks a key or the first entry, they are added.
 *
 * @param goal the goal for the body and the first entry (default `meta.title`).
 * @param description default `meta.description`.
 * @throws SessionLogParseError when the template itself does not make a readable log.
 */
export function renderNewSessionLog(
  template: string,
  meta: NewSessionLogInput,
  goal: string = meta.title,
  description: string = meta.description ?? '',
): string {
  const startTime = meta.startTime ?? (meta.date === undefined ? undefined : formatIsoWithOffset(meta.date));
  if (startTime === undefined) throw new Error('renderNewSessionLog needs meta.date or meta.startTime');
  const tags = [...new Set([...DEFAULT_TAGS, ...(meta.tags ?? [])])];
  const stamp =
    meta.date === undefined ? (wallClockOf(startTime) ?? startTime) : formatLogTimestamp(meta.date);
  const firstEntry = `- [${stamp}] ${toEntryText(initiatedEntry(meta.coordinator, goal))}`;
  const goalText = description.trim() === '' ? goal.trim() : `${goal.trim()}\n\n${description.trim()}`;
  const values = {
    id: meta.id,
    title: meta.title,
    status: meta.status ?? SessionStatus.Active,
    start_time: startTime,
    end_time: '',
    coordinator: meta.coordinator,
    related_tasks: [...(meta.relatedTasks ?? [])],
    related_artifacts: [...(meta.relatedArtifacts ?? [])],
    tags,
    branch: meta.branch,
    base_commit: meta.baseCommit,
  };
  let text = renderTemplate(template, { ...values, goal: goalText, initiated_entry: firstEntry });
  const file = SESSION_LOG_TEMPLATE;
  const doc = parseSessionLog(text, file);
  // An override template may leave keys out; every new log still gets all of them (docs/formats.md).
  const missing = Object.entries(values).filter(([key]) => !(key in doc.data));
  if (missing.length > 0) {
    text = insertFrontmatterLines(
      text,
      missing.map(([key, value]) => `${key} = ${tomlLiteral(value)}`),
      file,
    );
  }
  if (!template.includes('{{initiated_entry}}')) {
    const date = meta.date ?? parseLooseTimestamp(startTime);
    if (date !== undefined) {
      text = editSessionLog(
        text,
        { addEntries: [{ date, text: initiatedEntry(meta.coordinator, goal) }] },
        file,
      );
    }
  }
  return text;
}
