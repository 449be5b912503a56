import { parseLooseTimestamp } from '../time.js';
import type { LogEntry } from './types.js';

/**
 * Line-level reading of the Markdown body: which lines are entries, placeholders, headings, and where the
 * `## Log Entries` sections are. Shared by the parser and the editor so both agree on every line.
 */

/** A dated (or placeholder) line, with its index in the body's line array. */
export type BodyEntry = LogEntry & {
  index: number;
  indent: string;
  timestamp: string;
  isPlaceholder: boolean;
};

/** A Markdown ATX heading of the body. */
export type BodyHeading = { index: number; level: number; text: string };

/** A `## Log Entries` section: heading index and the index just past its last line. */
export type LogSection = { heading: number; end: number };

/** Everything the parser and the editor need to know about the body. */
export type BodyScan = {
  entries: BodyEntry[];
  placeholders: BodyEntry[];
  headings: BodyHeading[];
  logSections: LogSection[];
  goal: string;
  /** Lines inside closed code fences are plain text (a pasted report may quote entry-looking lines). */
  inFence: boolean[];
  /** Indexes of entry, placeholder and heading lines: none of them continues the entry above. */
  structural: Set<number>;
};

// Bullet, optional emphasis/code wrappers, `[timestamp]`, closing wrappers, then the text.
const ENTRY = /^([ \t]*)[-*+][ \t]+[*_`]{0,3}\[([^\]\n]+)\][*_`]{0,3}(?:[ \t]+(.*))?$/;
// The same shape commented out with `#`, as the V6/V7 template leaves its examples.
const COMMENTED_ENTRY = /^#+[ \t]*[-*+][ \t]+[*_`]{0,3}\[([^\]\n]+)\]/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MAY_MATTER = /^[ \t]*[-*+#]/;
const KEY_SUFFIX = /[ \t]*<!--[ \t]*roo:(\S+?)[ \t]*-->[ \t]*$/;
// `YYYY-MM-DD HH:MM:SS` and its variations as left from the template.
const PLACEHOLDER_STAMP = /^[YMDHSs:T .-]*Y{2,4}[YMDHSs:T .-]*$/;
const DATED_STAMP = /^\d{4}-\d{2}-\d{2}/;

/** Whether a line is an entry, a placeholder, or neither; `undefined` for neither. */
export function classifyEntryLine(
  line: string,
): { kind: 'entry' | 'placeholder'; indent: string; timestamp: string; rest: string } | undefined {
  const commented = COMMENTED_ENTRY.exec(line);
  if (commented !== null) {
    return PLACEHOLDER_STAMP.test(commented[1]!.trim())
      ? { kind: 'placeholder', indent: '', timestamp: commented[1]!, rest: '' }
      : undefined;
  }
  const m = ENTRY.exec(line);
  if (m === null) return undefined;
  const timestamp = m[2]!;
  const rest = m[3] ?? '';
  if (PLACEHOLDER_STAMP.test(timestamp.trim()))
    return { kind: 'placeholder', indent: m[1]!, timestamp, rest };
  if (DATED_STAMP.test(timestamp.trim())) return { kind: 'entry', indent: m[1]!, timestamp, rest };
  return undefined;
}

/** Splits an entry's text into the visible text and its `<!-- roo:KEY -->` key. */
export function splitKey(rest: string): { text: string; key: string | undefined } {
  const m = KEY_SUFFIX.exec(rest);
  if (m === null) return { text: rest.trimEnd(), key: undefined };
  return { text: rest.slice(0, m.index).trimEnd(), key: m[1] };
}

const isBlankLine = (line: string): boolean => line.trim() === '';

function fenceMask(lines: readonly string[]): boolean[] {
  const mask = lines.map(() => false);
  let i = 0;
  while (i < lines.length) {
    const open = lines[i]!.includes('```') || lines[i]!.includes('~~~') ? FENCE.exec(lines[i]!) : null;
    if (open === null) {
      i++;
      continue;
    }
    const marker = open[1]!;
    let close = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const m = FENCE.exec(lines[j]!);
      if (
        m !== null &&
        m[1]![0] === marker[0] &&
        m[1]!.length >= marker.length &&
        lines[j]!.trim() === m[1]
      ) {
        close = j;
        break;
      }
    }
    // An unclosed fence is treated as text: hiding the rest of the log behind a stray ``` would lose entries.
    if (close < 0) {
      i++;
      continue;
    }
    for (let j = i; j <= close; j++) mask[j] = true;
    i = close + 1;
  }
  return mask;
}

/**
 * Scans body lines (without line endings).
 *
 * @param firstLine 1-based file line of `lines[0]`.
 */
export function scanBody(lines: readonly string[], firstLine: number): BodyScan {
  const inFence = fenceMask(lines);
  const entries: BodyEntry[] = [];
  const placeholders: BodyEntry[] = [];
  const headings: BodyHeading[] = [];
  lines.forEach((line, index) => {
    // Most body lines are prose: only a bullet, a heading or indentation can start anything this scan reads.
    if (inFence[index] || !MAY_MATTER.test(line)) return;
    const kind = classifyEntryLine(line);
    if (kind !== undefined) {
      const { text, key } = splitKey(kind.rest);
      const isPlaceholder = kind.kind === 'placeholder';
      const entry: BodyEntry = {
        line: firstLine + index,
        raw: line,
        date: isPlaceholder ? undefined : parseLooseTimestamp(kind.timestamp),
        text,
        key,
        index,
        indent: kind.indent,
        timestamp: kind.timestamp,
        isPlaceholder,
      };
      (isPlaceholder ? placeholders : entries).push(entry);
      return;
    }
    // Commented-out template lines (`# - [2025-…] …`) are neither entries nor headings: they must not end a section.
    if (/^#+[ \t]*[-*+][ \t]/.test(line)) return;
    const h = HEADING.exec(line);
    if (h !== null)
      headings.push({ index, level: h[1]!.length, text: (h[2] ?? '').replace(/[ \t]+#+$/, '').trim() });
  });
  const sectionEnd = (at: number): number => {
    const heading = headings[at]!;
    const next = headings.slice(at + 1).find((h) => h.level <= heading.level);
    return next === undefined ? lines.length : next.index;
  };
  const logSections: LogSection[] = [];
  let goal = '';
  let hasGoal = false;
  headings.forEach((heading, at) => {
    const name = heading.text.toLowerCase();
    if (name === 'log entries') logSections.push({ heading: heading.index, end: sectionEnd(at) });
    if (name === 'goal' && !hasGoal) {
      hasGoal = true;
      // The goal runs to the next heading of any level.
      const next = headings[at + 1]?.index ?? lines.length;
      goal = lines
        .slice(heading.index + 1, next)
        .join('\n')
        .trim();
    }
  });
  const structural = new Set([...entries, ...placeholders, ...headings].map((line) => line.index));
  return { entries, placeholders, headings, logSections, goal, inFence, structural };
}

/**
 * Index just past an entry and its continuation lines: indented lines right after it, and indented paragraphs
 * after blank lines (a loose list item). An unindented line, a heading or another entry ends it.
 */
export function continuationEnd(
  lines: readonly string[],
  index: number,
  limit: number,
  scan: BodyScan,
): number {
  const isContinuation = (j: number): boolean => /^( {2,}|\t)\S/.test(lines[j]!) && !scan.structural.has(j);
  let end = index + 1;
  let j = index + 1;
  while (j < limit) {
    if (isBlankLine(lines[j]!)) {
      let k = j;
      while (k < limit && isBlankLine(lines[k]!)) k++;
      if (k < limit && isContinuation(k)) {
        j = k;
        continue;
      }
      break;
    }
    if (!isContinuation(j)) break;
    j++;
    end = j;
  }
  return end;
}
