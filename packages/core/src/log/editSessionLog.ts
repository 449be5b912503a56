import { InternalInvariantError, SessionLogParseError, seenOf } from '../errors.js';
import { formatLogTimestamp } from '../time.js';
import { tomlString, tomlStringArray } from '../toml.js';
import { formatEntryLines, toEntryText } from './entryLine.js';
import { type BodyScan, scanBody } from './entryModel.js';
import {
  type FrontmatterLayout,
  lineOfOffset,
  scanArray,
  scanFrontmatter,
  splitFrontmatter,
  splitLinesKeepEol,
} from './frontmatter.js';
import { parseSessionLog } from './parseSessionLog.js';
import type { LogEdit, NewLogEntry, SessionLogDoc } from './types.js';

/**
 * Surgical edits of a `session_log.md`. Every byte outside the values and lines an edit owns stays as it was:
 * comments after values and inside arrays, unknown keys, stray text, duplicated headings, BOM, CRLF, and a
 * missing final newline. The result is re-parsed and compared with the input before it is returned.
 */

// ---------------------------------------------------------------- frontmatter

function layoutOf(fm: string, file: string): FrontmatterLayout {
  const layout = scanFrontmatter(fm);
  if (layout === undefined) {
    // smol-toml accepted it but our scanner cannot follow it: refuse rather than guess where a value ends.
    throw new InternalInvariantError({
      what: `cannot edit ${file}: its frontmatter has a layout roo cannot edit safely; nothing was written`,
      hint: 'edit it by hand, or report this',
    });
  }
  return layout;
}

// Where a new top-level key goes: before the closing `+++`, or, when the frontmatter has `[tables]`, right after
// the last top-level key (a new key after a header would land inside that table).
function insertionPoint(layout: FrontmatterLayout, fm: string): number {
  if (layout.firstTable < 0) return fm.length;
  const last = layout.keys[layout.keys.length - 1];
  return last === undefined ? layout.firstTable : last.lineEnd;
}

function insertKeyLine(fm: string, layout: FrontmatterLayout, line: string, eol: string): string {
  const at = insertionPoint(layout, fm);
  // The line before the insertion point may lack a line ending only when it is the last frontmatter line.
  const needsEol = at > 0 && fm[at - 1] !== '\n';
  return `${fm.slice(0, at)}${needsEol ? eol : ''}${line}${eol}${fm.slice(at)}`;
}

function setValue(fm: string, key: string, value: string, eol: string, file: string): string {
  const layout = layoutOf(fm, file);
  const span = layout.keys.find((k) => k.key === key);
  if (span === undefined) return insertKeyLine(fm, layout, `${key} = ${tomlString(value)}`, eol);
  return fm.slice(0, span.valueStart) + tomlString(value) + fm.slice(span.valueEnd);
}

function appendValues(
  fm: string,
  key: string,
  current: unknown,
  values: readonly string[],
  eol: string,
  file: string,
  line: number,
): string {
  const layout = layoutOf(fm, file);
  const span = layout.keys.find((k) => k.key === key);
  if (span === undefined) return insertKeyLine(fm, layout, `${key} = ${tomlStringArray(values)}`, eol);
  if (fm[span.valueStart] !== '[') {
    if (typeof current !== 'string') {
      throw new SessionLogParseError({
        file,
        line,
        detail: `\`${key}\` must be an array of strings, e.g. \`${key} = ["a"]\``,
      });
    }
    // A lone string is read as a one-element array (parseSessionLog warns); appending makes that explicit.
    return fm.slice(0, span.valueStart) + tomlStringArray([current, ...values]) + fm.slice(span.valueEnd);
  }
  const array = scanArray(fm, span.valueStart);
  const literals = values.map(tomlString);
  const last = array.elements[array.elements.length - 1];
  const isMultiLine = fm.slice(array.open, array.close).includes('\n');
  const closeLineStart = fm.lastIndexOf('\n', array.close - 1) + 1;
  const closeOnOwnLine = isMultiLine && fm.slice(closeLineStart, array.close).trim() === '';
  if (closeOnOwnLine) {
    // One element per line before the `]` line, indented like the last element or comment inside the array.
    const contentEnd = closeLineStart;
    const lastLineInside = fm.slice(array.open + 1, contentEnd).replace(/\r?\n$/, '');
    const sample = lastLineInside.slice(lastLineInside.lastIndexOf('\n') + 1);
    const indent = sample.trim() === '' ? '    ' : /^[ \t]*/.exec(sample)![0];
    const lines = literals.map((literal) => `${indent}${literal},${eol}`).join('');
    let out = fm.slice(0, contentEnd) + lines + fm.slice(contentEnd);
    if (last !== undefined && last.comma < 0) out = `${out.slice(0, last.end)},${out.slice(last.end)}`;
    return out;
  }
  if (last === undefined) {
    // `[]` or `[  ]`: the contents are ours to write.
    return `${fm.slice(0, array.open + 1)}${literals.join(', ')}${fm.slice(array.close)}`;
  }
  if (last.comma < 0) {
    return `${fm.slice(0, last.end)}, ${literals.join(', ')}${fm.slice(last.end)}`;
  }
  const spacer = /\s/.test(fm[last.comma + 1] ?? '') ? '' : ' ';
  return `${fm.slice(0, last.comma + 1)}${spacer}${literals.join(', ')},${fm.slice(last.comma + 1)}`;
}

// ---------------------------------------------------------------- body

type Line = { text: string; eol: string };

function toLines(body: string): Line[] {
  // Each line keeps the exact ending it had, so a file mixing CRLF and LF comes back unchanged.
  return splitLinesKeepEol(body).map((raw) => {
    const eol = raw.endsWith('\r\n') ? '\r\n' : raw.endsWith('\n') ? '\n' : '';
    return { text: raw.slice(0, raw.length - eol.length), eol };
  });
}

function fromLines(lines: readonly Line[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}

/** Inserts `texts` as new lines before index `at`, keeping a missing final newline missing. */
function insertLines(lines: Line[], at: number, texts: readonly string[], eol: string): void {
  if (texts.length === 0) return;
  const added = texts.map((text) => ({ text, eol }));
  const previous = lines[at - 1];
  if (at === lines.length && previous !== undefined && previous.eol === '') {
    previous.eol = eol;
    added[added.length - 1]!.eol = '';
  }
  lines.splice(at, 0, ...added);
}

const isBlank = (line: Line | undefined): boolean => line !== undefined && line.text.trim() === '';

type Placement = { at: number; texts: string[] };

function planEntryPlacements(lines: Line[], scan: BodyScan, entries: readonly NewLogEntry[]): Placement[] {
  // Stable: entries with equal times keep the order the caller gave.
  const sorted = [...entries].sort((a, b) => a.date.getTime() - b.date.getTime());
  const rendered = sorted.flatMap((entry) => formatEntryLines(entry.date, entry.text, entry.key));
  const last = scan.entries[scan.entries.length - 1];
  if (last !== undefined) {
    // After the last entry in file order and everything that belongs to it: never above an entry, whatever
    // style the log was written in (docs/architecture.md, "The entry model"). Below a section, a paragraph or a
    // block, a blank line keeps the new list item from reading as part of it.
    const needsGap = !last.isBullet && !isBlank(lines[last.end - 1]);
    return [{ at: last.end, texts: [...(needsGap ? [''] : []), ...rendered] }];
  }
  const section = scan.logSections[scan.logSections.length - 1];
  if (section === undefined) {
    // No entry and no `## Log Entries` anywhere: start one at the end of the body.
    const head: string[] = [];
    const lastLine = lines[lines.length - 1];
    if (lastLine !== undefined && !isBlank(lastLine)) head.push('');
    head.push('## Log Entries', '');
    return [{ at: lines.length, texts: [...head, ...rendered] }];
  }
  // An empty section: right under the heading, keeping one blank line on each side.
  let at = section.heading + 1;
  const before: string[] = [];
  if (isBlank(lines[at]) && at < section.end) at++;
  else before.push('');
  const after = at < lines.length && !isBlank(lines[at]) ? [''] : [];
  return [{ at, texts: [...before, ...rendered, ...after] }];
}

function replaceKeyedLines(
  lines: Line[],
  scan: BodyScan,
  edits: NonNullable<LogEdit['replaceKeyed']>,
): number {
  let removed = 0;
  const byKey = new Map(edits.map((edit) => [edit.key, edit]));
  // Bottom-up so removals do not shift the lines still to visit.
  for (const entry of [...scan.entries].reverse()) {
    const edit = entry.key === undefined ? undefined : byKey.get(entry.key);
    if (edit === undefined) continue;
    if (edit.text === null) {
      const [gone] = lines.splice(entry.index, 1);
      // Removing the last line must not leave the new last line with an ending the file did not have.
      if (gone !== undefined && gone.eol === '' && entry.index > 0) lines[entry.index - 1]!.eol = '';
      removed++;
      continue;
    }
    const stamp = edit.date === undefined ? entry.timestamp : formatLogTimestamp(edit.date);
    lines[entry.index]!.text =
      `- [${stamp}] ${toEntryText(edit.text)} <!-- roo:${edit.newKey ?? edit.key} -->`;
  }
  return removed;
}

// ---------------------------------------------------------------- verification

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function verify(
  before: SessionLogDoc,
  after: SessionLogDoc,
  edit: LogEdit,
  expected: Map<string, unknown>,
): void {
  const refuse = (why: string): never => {
    throw new InternalInvariantError({
      what: `refusing to write ${before.file}: ${why}; nothing was written`,
      hint: 'this is a bug in roo: please report it',
    });
  };
  const keys = new Set([...Object.keys(before.data), ...Object.keys(after.data)]);
  for (const key of keys) {
    const want = expected.has(key) ? expected.get(key) : before.data[key];
    if (!isDeepEqual(want, after.data[key])) {
      refuse(
        `the edit would change \`${key}\` from ${JSON.stringify(before.data[key])} to ` +
          `${JSON.stringify(after.data[key])} (expected ${JSON.stringify(want)})`,
      );
    }
  }
  if (before.goal !== after.goal) refuse('the edit would change the goal');
  const keyed = new Map((edit.replaceKeyed ?? []).map((r) => [r.key, r.text]));
  const isOwned = (key: string | undefined): boolean => key !== undefined && keyed.has(key);
  const removed = before.entries.filter((e) => e.key !== undefined && keyed.get(e.key) === null).length;
  const added = (edit.addEntries ?? []).length;
  if (after.entries.length !== before.entries.length - removed + added) {
    refuse(
      `expected ${before.entries.length - removed + added} log entries, the edit would leave ${after.entries.length}`,
    );
  }
  const original = before.entries.filter((e) => !isOwned(e.key)).map((e) => e.raw);
  if (
    !isSubsequence(
      original,
      after.entries.map((e) => e.raw),
    )
  )
    refuse('the edit would lose or reorder log entries');
}

function isSubsequence(small: readonly string[], big: readonly string[]): boolean {
  let i = 0;
  for (const item of big) if (item === small[i]) i++;
  return i === small.length;
}

/**
 * Inserts whole `key = value` lines into the frontmatter where a missing key goes (see {@link editSessionLog}).
 * The lines are trusted TOML; used when a new log is rendered from a template that lacks some keys.
 */
export function insertFrontmatterLines(text: string, keyLines: readonly string[], file: string): string {
  const split = splitFrontmatter(text, file);
  let fm = split.frontmatter;
  for (const line of keyLines) fm = insertKeyLine(fm, layoutOf(fm, file), line, split.eol);
  return split.bom + split.open + fm + split.close + split.body;
}

// ---------------------------------------------------------------- entry point

/**
 * Applies `edit` to the text of a `session_log.md` and returns the new text.
 *
 * - `set`: replaces only the value token of `key = value` (a trailing `# comment` stays); a missing key is
 *   inserted as `key = "value"` before the closing `+++` (or after the last top-level key when the
 *   frontmatter has `[tables]`).
 * - `append`: adds missing values to an array: multi-line arrays get one `"value",` line before their `]`
 *   (comments inside stay), single-line arrays get the values after their last element; duplicates are skipped.
 * - `replaceKeyed`: rewrites or removes the lines carrying `<!-- roo:KEY -->`; with no `date` the line keeps
 *   its timestamp; keys not in the log are ignored.
 * - `addEntries`: new entries go after the last entry of the body in file order, with everything that belongs
 *   to it (continuation lines, sub-bullets, fences, a `## ts` section's body), whatever its style: never above an
 *   existing entry. They are written in roo's style (`- [YYYY-MM-DD HH:MM:SS] text`, further lines indented by
 *   two spaces), oldest first. With no entry, under the last `## Log Entries` heading (or `**Log Entries:**`
 *   line); with neither, a section is added at the end of the body.
 *
 * @param file shown in errors.
 * @throws SessionLogParseError when the input cannot be read; InternalInvariantError when the result would
 *   change anything the edit does not own (nothing is returned then, so nothing gets written).
 */
export function editSessionLog(text: string, edit: LogEdit, file = 'session_log.md'): string {
  return editParsedSessionLog(parseSessionLog(text, file), edit).text;
}

/**
 * {@link editSessionLog} of a log the caller has parsed already (`before` = `parseSessionLog(text, file)`), also
 * returning the edited log's parse (`doc`, made anyway to verify the edit; `before` itself when nothing changed).
 * A caller that needs both, as `roo session status` does, spares two of the four parses (docs/performance.md).
 */
export function editParsedSessionLog(
  before: SessionLogDoc,
  edit: LogEdit,
): { text: string; doc: SessionLogDoc } {
  const { text, file } = before;
  const split = splitFrontmatter(text, file);
  const eol = split.eol;
  let fm = split.frontmatter;
  const expected = new Map<string, unknown>();

  for (const [key, value] of Object.entries(edit.set ?? {})) {
    if (value === undefined) continue;
    fm = setValue(fm, key, value, eol, file);
    expected.set(key, value);
  }
  for (const [key, values] of Object.entries(edit.append ?? {})) {
    if (values === undefined) continue;
    const current = before.data[key];
    const existing = Array.isArray(current) ? current : typeof current === 'string' ? [current] : [];
    const fresh = [...new Set(values)].filter((v) => !existing.includes(v));
    if (fresh.length === 0) continue;
    const layout = scanFrontmatter(fm);
    const span = layout?.keys.find((k) => k.key === key);
    const line = span === undefined ? 1 : split.frontmatterLine + lineOfOffset(fm, span.lineStart) - 1;
    fm = appendValues(fm, key, current, fresh, eol, file, line);
    expected.set(key, [...existing, ...fresh]);
  }

  let close = split.close;
  const lines = toLines(split.body);
  if ((edit.replaceKeyed ?? []).length > 0) {
    replaceKeyedLines(
      lines,
      scanBody(
        lines.map((l) => l.text),
        split.bodyLine,
      ),
      edit.replaceKeyed!,
    );
  }
  if ((edit.addEntries ?? []).length > 0) {
    if (lines.length === 0 && !close.endsWith('\n')) close += eol;
    const scan = scanBody(
      lines.map((l) => l.text),
      split.bodyLine,
    );
    const placements = planEntryPlacements(lines, scan, edit.addEntries!);
    for (const placement of placements.sort((a, b) => b.at - a.at))
      insertLines(lines, placement.at, placement.texts, eol);
  }

  const result = split.bom + split.open + fm + close + fromLines(lines);
  if (result === text) return { text, doc: before };
  let after: SessionLogDoc;
  try {
    after = parseSessionLog(result, file);
  } catch (error) {
    throw new InternalInvariantError({
      what: `refusing to write ${file}: the edited log would not parse; nothing was written`,
      seen: seenOf(error),
      hint: 'this is a bug in roo: please report it',
      cause: error,
    });
  }
  verify(before, after, edit, expected);
  return { text: result, doc: after };
}
