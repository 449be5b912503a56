import { SessionStatus } from '../status.js';
import { renderTemplate, SESSION_LOG_TEMPLATE } from '../templates.js';
import { toSingleLine } from '../text.js';
import { formatIsoWithOffset, formatLogTimestamp, parseLooseTimestamp, wallClockOf } from '../time.js';
import { tomlLiteral } from '../toml.js';
import { editSessionLog, insertFrontmatterLines } from './editSessionLog.js';
import { initiatedEntry } from './entries.js';
import { readEntryHead } from './entryModel.js';
import { parseSessionLog } from './parseSessionLog.js';

/** The tags every new session starts with; `--tag`s come after them. */
export const DEFAULT_TAGS: readonly string[] = ['session', 'log'];

// What ends a line as a roo key; a free text ending like that would be misread as a key, so it is neutralised.
const KEY_LIKE = /<!--([ \t]*roo:)/g;

/** Entry text as written on a log line: single-line, trimmed, and unable to pose as a `<!-- roo:… -->` key. */
export function toEntryText(text: string): string {
  return toSingleLine(text).trim().replace(KEY_LIKE, '&lt;!--$1');
}

/** A key as written in `<!-- roo:KEY -->`: no whitespace, no `-->`. */
export function isValidEntryKey(key: string): boolean {
  return /^\S+$/.test(key) && !key.includes('-->') && !key.includes('<!--');
}

/**
 * One log entry line: `- [YYYY-MM-DD HH:MM:SS] text`, plus ` <!-- roo:KEY -->` when `key` is given.
 * The text is made single-line ({@link toSingleLine}).
 *
 * @throws Error for a key with whitespace or `-->` (a bug in the caller, not user input).
 */
export function formatEntry(date: Date, text: string, key?: string): string {
  const body = toEntryText(text);
  if (key === undefined) return `- [${formatLogTimestamp(date)}] ${body}`;
  if (!isValidEntryKey(key)) throw new Error(`invalid log entry key ${JSON.stringify(key)}`);
  return `- [${formatLogTimestamp(date)}] ${body} <!-- roo:${key} -->`;
}

/**
 * A new entry as the lines roo writes (docs/architecture.md, "The entry model"): `- [YYYY-MM-DD HH:MM:SS] text`,
 * the key on the first line; a text with newlines is one list item whose further lines are indented by two
 * spaces (blank lines stay blank, leading and trailing blank lines go; a text whose further lines are all indented
 * by two spaces already is taken as shaped). A further line that would read as an entry of its own gets its bullet
 * escaped (`\-`), so the text stays one entry.
 *
 * @throws Error for a key with whitespace or `-->` (a bug in the caller, not user input).
 */
export function formatEntryLines(date: Date, text: string, key?: string): string[] {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  while (all.length > 1 && all[all.length - 1]!.trim() === '') all.pop();
  while (all.length > 1 && all[0]!.trim() === '') all.shift();
  const [first = '', ...more] = all;
  // A text already shaped as one entry's body (`roo session log --stdin` indents its further lines) keeps its
  // indentation: two spaces more would be two spaces too many.
  const isShaped = more.every((line) => line.trim() === '' || /^ {2}/.test(line));
  const rest = more.map((line) => {
    const trimmed = line.trimEnd().replace(KEY_LIKE, '&lt;!--$1');
    if (trimmed.trim() === '') return '';
    const indented = isShaped ? trimmed : `  ${trimmed}`;
    return readEntryHead(indented) === undefined ? indented : indented.replace(/^( +)([-*+])/, '$1\\$2');
  });
  return [formatEntry(date, first, key), ...rest];
}

/** What a new `session_log.md` needs (SPEC 1.3). Give `date` (preferred) or `startTime`. */
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
  // An override template may leave keys out; every new log still gets all of them (SPEC 1.3).
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
