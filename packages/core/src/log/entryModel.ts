import { parseLooseTimestamp } from '../time.js';
import type { EntryStyle, LogEntry } from './types.js';

/**
 * The one entry model of a log body (docs/architecture.md, "The entry model"): which lines start an entry, in
 * every style agents write, and which lines belong to it (continuation lines, sub-bullets, fenced blocks, the body
 * of a `## ts` section, the keys of a `---`/`timestamp:` block). The reader, the writer, `check` and the summary
 * all use it, so they agree on every line.
 */

/** A dated (or placeholder) entry, with its index in the body's line array and the index just past it. */
export type BodyEntry = LogEntry & {
  index: number;
  /** Index just past the entry's last line (its last non-blank line that belongs to it). */
  end: number;
  indent: string;
  timestamp: string;
  isPlaceholder: boolean;
  /** The entry starts with a list bullet (`-`, `*`, `+`). */
  isBullet: boolean;
};

/** A Markdown ATX heading of the body. */
export type BodyHeading = { index: number; level: number; text: string };

/** A `## Log Entries` section (or a `**Log Entries:**` line): its index and the index just past its last line. */
export type LogSection = { heading: number; end: number };

/** Everything the parser, the editor, `check` and the summary need to know about the body. */
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

/** What the first line of an entry says. */
export type EntryHead = {
  kind: 'entry' | 'placeholder';
  style: EntryStyle;
  indent: string;
  /** The timestamp as written (without brackets or emphasis). */
  timestamp: string;
  /** The text after the timestamp, its separator and any actor, with the `<!-- roo:KEY -->` key still on. */
  rest: string;
  actor: string | undefined;
  /** `INFO`, `ERROR`… of `[YYMMDDHHMMSS] [Actor] LEVEL: text` lines. */
  level: string | undefined;
  isBullet: boolean;
  /** Heading level of a `## ts - event` entry, else 0. */
  headingLevel: number;
};

// The same bracket shape commented out with `#`, as the V6/V7 template leaves its examples.
const COMMENTED_ENTRY = /^#+[ \t]*[-*+][ \t]+[*_`]{0,3}\[([^\]\n]+)\]/;
const HEADING = /^ ?(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const KEY_SUFFIX = /[ \t]*<!--[ \t]*roo:(\S+?)[ \t]*-->[ \t]*$/;
// `YYYY-MM-DD HH:MM:SS` and its variations as left from the template, and `{{timestamp}}`.
const PLACEHOLDER_STAMP = /^(?:[YMDHSs:T .-]*Y{2,4}[YMDHSs:T .-]*|\{\{[^{}\n]*\}\})$/;
const DATED_STAMP = /^\d{4}-\d{2}-\d{2}/;
const TWELVE_DIGITS = /^\d{12}$/;
// A timestamp without brackets: a date, a time (seconds and fraction optional), then an offset, `Z` or a zone.
const BARE_STAMP =
  /^(?:\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2}|[ \t]+(?:[A-Z]{2,5})(?![A-Za-z0-9]))?|\{\{[^{}\n]*\}\}|YYYY-MM-DD[ T]HH:MM(?::SS)?)(?!\d|:\d)/;
const BULLET = /^([ \t]*)([-*+])[ \t]+/;
const SEPARATOR = /^[ \t]*(?:[:\-–—|][ \t]+|:?[ \t]*$)/;
const YAML_STAMP = /^(?:timestamp|time|date|datetime)[ \t]*:[ \t]*["']?([^"'\n]+?)["']?[ \t]*$/i;
const YAML_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const LEVEL = /^(INFO|ERROR|WARN|WARNING|DEBUG|FATAL|CRITICAL|SUCCESS|FAIL|FAILED)\b[ \t]*:?[ \t]*/;

/** The `{{…}}`/`YYYY-…` stamps that mark an unfilled template line. */
export function isPlaceholderStamp(stamp: string): boolean {
  return PLACEHOLDER_STAMP.test(stamp.trim());
}

/** A timestamp as an entry may write it: the loose forms, and the 12-digit `YYMMDDHHMMSS` of agent logs. */
export function parseEntryTimestamp(stamp: string): Date | undefined {
  const s = stamp.trim();
  if (TWELVE_DIGITS.test(s)) {
    return parseLooseTimestamp(
      `20${s.slice(0, 2)}-${s.slice(2, 4)}-${s.slice(4, 6)} ${s.slice(6, 8)}:${s.slice(8, 10)}:${s.slice(10, 12)}`,
    );
  }
  return parseLooseTimestamp(s);
}

/** Strips the separator between a timestamp (or actor) and the text: `: `, ` - `, ` — `. */
function afterSeparator(rest: string): { text: string; hasSeparator: boolean } {
  const m = SEPARATOR.exec(rest);
  if (m === null) return { text: rest.trimStart(), hasSeparator: false };
  return { text: rest.slice(m[0].length), hasSeparator: true };
}

/**
 * Reads a line as the first line of an entry: any of the bracket, bare, bold and code styles, with or without a
 * bullet, a `## ts - event` heading, or a 12-digit `[YYMMDDHHMMSS] [Actor] LEVEL:` line. `undefined` when the line
 * starts no entry. (The `---`/`timestamp:` blocks span lines; {@link scanBody} finds those.)
 */
export function readEntryHead(line: string): EntryHead | undefined {
  const first = line.charCodeAt(line.search(/\S/));
  // Fast exit: an entry starts with a bullet, `[`, `*`, `_`, a backtick, `#`, a digit or `{`.
  if (Number.isNaN(first)) return undefined;
  const c = String.fromCharCode(first);
  if (!/[-*+[_`#\d{Y]/.test(c)) return undefined;

  const commented = COMMENTED_ENTRY.exec(line);
  if (commented !== null) {
    return isPlaceholderStamp(commented[1]!)
      ? head('placeholder', 'bullet-bracket', '', commented[1]!, '', undefined, undefined, true, 0)
      : undefined;
  }
  const heading = HEADING.exec(line);
  if (heading !== null) return readHeadingHead(heading[1]!.length, heading[2] ?? '');

  const bullet = BULLET.exec(line);
  const indent = bullet?.[1] ?? /^[ \t]*/.exec(line)![0];
  // An indented line without a bullet continues the entry above: it never starts one.
  if (bullet === null && indent !== '') return undefined;
  const isBullet = bullet !== null;
  let s = isBullet ? line.slice(bullet[0].length) : line;
  const wrapper = /^(\*\*\*|\*\*|__|\*|_|`)/.exec(s)?.[1] ?? '';
  s = s.slice(wrapper.length);

  let stamp: string;
  let isBracketed = false;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    stamp = s.slice(1, close);
    s = s.slice(close + 1);
    isBracketed = true;
    // A bracketed stamp must be followed by space, a separator or the end (`[2025-…](link)` is a link).
    if (s !== '' && !/^[ \t:*_`]/.test(s)) return undefined;
  } else {
    const m = BARE_STAMP.exec(s);
    if (m === null) return undefined;
    stamp = m[0];
    s = s.slice(stamp.length);
  }
  const isPlaceholder = isPlaceholderStamp(stamp);
  const isTwelve = isBracketed && TWELVE_DIGITS.test(stamp.trim());
  if (!isPlaceholder && !isTwelve && !DATED_STAMP.test(stamp.trim())) return undefined;

  let actor: string | undefined;
  if (wrapper !== '') {
    // The emphasis closes after the stamp (`**[ts]**`) or after an actor inside it (`**ts Architect:**`).
    const close = s.indexOf(wrapper);
    if (close >= 0 && !s.slice(0, close).includes('[')) {
      const inner = s
        .slice(0, close)
        .replace(/^[ \t]*[-–—(]?[ \t]*/, '')
        .replace(/[ \t]*[):]?[ \t]*$/, '');
      if (inner !== '') actor = inner;
      s = s.slice(close + wrapper.length);
    } else if (wrapper === '`' || isBracketed) {
      return undefined;
    }
  }
  // `ts (actor): text`
  const paren = /^[ \t]+\(([^()\n]{1,60})\)/.exec(s);
  if (paren !== null && actor === undefined) {
    actor = paren[1]!.trim();
    s = s.slice(paren[0].length);
  }
  let level: string | undefined;
  if (isTwelve) {
    // `[YYMMDDHHMMSS] [Actor] INFO: text`
    const who = /^[ \t]*\[([^\]\n]{1,60})\][ \t]*/.exec(s);
    if (who !== null) {
      actor = who[1]!.trim();
      s = s.slice(who[0].length);
    }
    const lv = LEVEL.exec(s);
    if (lv !== null) {
      level = lv[1]!.toUpperCase();
      s = s.slice(lv[0].length);
    }
  }
  const { text, hasSeparator } = afterSeparator(s);
  // A bare stamp on a line of its own kind (no bullet, no emphasis, no brackets) must be followed by a separator:
  // `2025-06-05 10:00 - text`, not a sentence that happens to start with a date.
  if (!isBullet && !isBracketed && wrapper === '' && !hasSeparator) return undefined;
  const style: EntryStyle = isTwelve
    ? 'stamp12'
    : isBullet
      ? isBracketed
        ? 'bullet-bracket'
        : 'bullet-bare'
      : isBracketed
        ? 'paragraph-bracket'
        : 'paragraph-bare';
  return head(isPlaceholder ? 'placeholder' : 'entry', style, indent, stamp, text, actor, level, isBullet, 0);
}

function head(
  kind: EntryHead['kind'],
  style: EntryStyle,
  indent: string,
  timestamp: string,
  rest: string,
  actor: string | undefined,
  level: string | undefined,
  isBullet: boolean,
  headingLevel: number,
): EntryHead {
  return { kind, style, indent, timestamp, rest, actor, level, isBullet, headingLevel };
}

/** `## 2025-06-05 10:00 - Delegated to dev`, `### [2025-06-05 10:00:00] Event`, `## **2025-06-05 10:00**: x`. */
function readHeadingHead(level: number, text: string): EntryHead | undefined {
  if (level < 2) return undefined;
  let s = text.replace(/^(\*\*|__|`)/, '');
  let stamp: string;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    stamp = s.slice(1, close);
    s = s.slice(close + 1);
  } else {
    const m = BARE_STAMP.exec(s);
    if (m === null) return undefined;
    stamp = m[0];
    s = s.slice(stamp.length);
  }
  const isPlaceholder = isPlaceholderStamp(stamp);
  if (!isPlaceholder && !DATED_STAMP.test(stamp.trim())) return undefined;
  s = s.replace(/^(\*\*|__|`)/, '');
  let actor: string | undefined;
  const paren = /^[ \t]+\(([^()\n]{1,60})\)/.exec(s);
  if (paren !== null) {
    actor = paren[1]!.trim();
    s = s.slice(paren[0].length);
  }
  const { text: rest } = afterSeparator(s);
  return head(
    isPlaceholder ? 'placeholder' : 'entry',
    'heading',
    '',
    stamp,
    rest,
    actor,
    undefined,
    false,
    level,
  );
}

/** Splits an entry's text into the visible text and its `<!-- roo:KEY -->` key. */
export function splitKey(rest: string): { text: string; key: string | undefined } {
  const m = KEY_SUFFIX.exec(rest);
  if (m === null) return { text: rest.trimEnd(), key: undefined };
  return { text: rest.slice(0, m.index).trimEnd(), key: m[1] };
}

const isBlankLine = (line: string): boolean => line.trim() === '';
const isIndented = (line: string): boolean => /^( {2,}|\t)\S/.test(line);

function fenceMask(lines: readonly string[]): { mask: boolean[]; closeOf: Map<number, number> } {
  const mask = lines.map(() => false);
  const closeOf = new Map<number, number>();
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
    closeOf.set(i, close);
    i = close + 1;
  }
  return { mask, closeOf };
}

/** A `---`/`timestamp:` block starting at `index` (the `---` line or the `timestamp:` line), or undefined. */
function readYamlBlock(
  lines: readonly string[],
  index: number,
): { stampLine: number; stamp: string; actor: string | undefined; text: string; end: number } | undefined {
  let k = index;
  if (/^-{3,}[ \t]*$/.test(lines[k]!)) k++;
  const m = YAML_STAMP.exec(lines[k] ?? '');
  if (m === null) return undefined;
  // Without the opening `---`, a lone `date: …` line needs a key line after it to be a block.
  if (k === index && YAML_KEY.exec(lines[k + 1] ?? '') === null) return undefined;
  const stamp = m[1]!;
  let actor: string | undefined;
  const parts: string[] = [];
  let j = k + 1;
  let end = k + 1;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlankLine(line)) break;
    if (/^-{3,}[ \t]*$/.test(line)) {
      // The closing `---`, unless it opens the next block.
      if (YAML_STAMP.test(lines[j + 1] ?? '')) break;
      end = j + 1;
      break;
    }
    const kv = YAML_KEY.exec(line);
    if (kv !== null) {
      const key = kv[1]!.toLowerCase();
      const value = (kv[2] ?? '').replace(/^["']|["']$/g, '').trim();
      if (key === 'actor' || key === 'mode' || key === 'agent' || key === 'author') actor = value;
      else if (value !== '' && value !== '|' && value !== '>') parts.push(`${kv[1]}: ${value}`);
    } else if (isIndented(line)) parts.push(line.trim());
    else break;
    j++;
    end = j;
  }
  return { stampLine: k, stamp, actor, text: parts.join('; '), end };
}

/**
 * Scans body lines (without line endings): every entry with its extent, placeholders, headings, the
 * `## Log Entries` sections and the goal.
 *
 * @param firstLine 1-based file line of `lines[0]`.
 */
export function scanBody(lines: readonly string[], firstLine: number): BodyScan {
  const { mask: inFence, closeOf } = fenceMask(lines);
  const heads: { index: number; head: EntryHead; yamlEnd?: number }[] = [];
  const headings: BodyHeading[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (inFence[index]) continue;
    if (line.startsWith('---') || YAML_STAMP.test(line)) {
      const block = readYamlBlock(lines, index);
      if (block !== undefined) {
        heads.push({
          index,
          head: head(
            isPlaceholderStamp(block.stamp) ? 'placeholder' : 'entry',
            'yaml',
            '',
            block.stamp,
            block.text,
            block.actor,
            undefined,
            false,
            0,
          ),
          yamlEnd: block.end,
        });
        index = block.end - 1;
        continue;
      }
    }
    const h = readEntryHead(line);
    if (h !== undefined) {
      heads.push({ index, head: h });
      if (h.style === 'heading') headings.push({ index, level: h.headingLevel, text: h.rest });
      continue;
    }
    // Commented-out template lines (`# - [2025-…] …`) are neither entries nor headings: they must not end a section.
    if (/^#+[ \t]*[-*+][ \t]/.test(line)) continue;
    const hm = HEADING.exec(line);
    if (hm !== null)
      headings.push({ index, level: hm[1]!.length, text: (hm[2] ?? '').replace(/[ \t]+#+$/, '').trim() });
  }
  const structural = new Set<number>([...heads.map((x) => x.index), ...headings.map((x) => x.index)]);

  const entries: BodyEntry[] = [];
  const placeholders: BodyEntry[] = [];
  heads.forEach(({ index, head: h, yamlEnd }, n) => {
    const limit = heads[n + 1]?.index ?? lines.length;
    const end =
      yamlEnd ??
      (h.style === 'heading'
        ? sectionEntryEnd(lines, index, limit, h.headingLevel, headings)
        : entryEnd(lines, index, limit, h, structural, inFence, closeOf));
    const { text, key } = h.style === 'yaml' ? { text: h.rest, key: undefined } : splitKey(h.rest);
    const isPlaceholder = h.kind === 'placeholder';
    const date = isPlaceholder ? undefined : parseEntryTimestamp(h.timestamp);
    const entry: BodyEntry = {
      line: firstLine + index,
      raw: lines[index]!,
      date,
      text,
      key,
      endLine: firstLine + end - 1,
      style: h.style,
      actor: h.actor,
      level: h.level,
      // Most entries are one line: no array is made for them.
      detail: end === index + 1 ? '' : lines.slice(index + 1, end).join('\n'),
      index,
      end,
      indent: h.indent,
      timestamp: h.timestamp,
      isPlaceholder,
      isBullet: h.isBullet,
    };
    (isPlaceholder ? placeholders : entries).push(entry);
  });

  const sectionEnd = (at: number): number => {
    const heading = headings[at]!;
    const next = headings.slice(at + 1).find((x) => x.level <= heading.level && !isEntryHeading(x));
    return next === undefined ? lines.length : next.index;
  };
  const headIndexes = new Set(heads.map((e) => e.index));
  const isEntryHeading = (x: BodyHeading): boolean => headIndexes.has(x.index);
  const logSections: LogSection[] = [];
  let goal = '';
  let hasGoal = false;
  headings.forEach((heading, at) => {
    const name = heading.text.toLowerCase();
    if (name === 'log entries' && !isEntryHeading(heading))
      logSections.push({ heading: heading.index, end: sectionEnd(at) });
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
  // `**Log Entries:**` written as a bold paragraph instead of a heading.
  lines.forEach((line, index) => {
    if (
      (line[0] === '*' || line[0] === '_') &&
      !inFence[index] &&
      /^[*_]{2}Log Entries:?[*_]{2}:?[ \t]*$/i.test(line)
    ) {
      const next = headings.find((x) => x.index > index && !isEntryHeading(x));
      logSections.push({ heading: index, end: next?.index ?? lines.length });
    }
  });
  logSections.sort((a, b) => a.heading - b.heading);
  return { entries, placeholders, headings, logSections, goal, inFence, structural };
}

/** A `## ts - event` entry runs to the next heading of its level or above, or the next entry. */
function sectionEntryEnd(
  lines: readonly string[],
  index: number,
  limit: number,
  level: number,
  headings: readonly BodyHeading[],
): number {
  const next = headings.find((x) => x.index > index && x.level <= level);
  let end = Math.min(limit, next?.index ?? lines.length);
  while (end > index + 1 && isBlankLine(lines[end - 1]!)) end--;
  return end;
}

/**
 * Index just past an entry: the lines right after it up to a blank line (lazy continuation, a pasted
 * `**Status:**` block, sub-bullets; for a bullet entry not a sibling bullet), then, after blank lines, indented
 * lines and fenced blocks, and for an un-bulleted entry also the paragraphs and lists that follow it. A heading or
 * another entry ends it.
 */
function entryEnd(
  lines: readonly string[],
  index: number,
  limit: number,
  h: EntryHead,
  structural: ReadonlySet<number>,
  inFence: readonly boolean[],
  closeOf: ReadonlyMap<number, number>,
): number {
  const ownIndent = h.indent.length;
  const isSibling = (line: string): boolean => {
    const b = BULLET.exec(line);
    return b !== null && b[1]!.length <= ownIndent;
  };
  let end = index + 1;
  let j = index + 1;
  let tight = true;
  while (j < limit) {
    const line = lines[j]!;
    if (isBlankLine(line)) {
      tight = false;
      j++;
      continue;
    }
    if (structural.has(j)) break;
    const fenceClose = closeOf.get(j);
    if (fenceClose !== undefined && fenceClose < limit) {
      j = fenceClose + 1;
      end = j;
      continue;
    }
    if (inFence[j]) {
      // Inside a fence that opened in an indented continuation line.
      j++;
      end = j;
      continue;
    }
    const belongs = tight
      ? !(h.isBullet && isSibling(line))
      : isIndented(line) || (!h.isBullet && !/^(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.test(line));
    if (!belongs) break;
    tight = true;
    j++;
    end = j;
  }
  return end;
}
