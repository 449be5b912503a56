import { toSingleLine } from '../text.js';
import { formatLogTimestamp } from '../time.js';
import { readEntryHead } from './entryModel.js';

/**
 * The entry line roo writes (docs/formats.md, `session_log.md`): its own module, so that the writer
 * (editSessionLog) and the renderer of new logs (renderSessionLog) both use it without importing each other.
 */

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
