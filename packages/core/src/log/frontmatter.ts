import { SessionLogParseError } from '../errors.js';

/**
 * Byte-exact split of a `+++` TOML-frontmatter document and a position-level scanner for its top-level keys.
 * gray-matter is not used: it normalises line endings and trims, and edits here must keep every byte.
 */

/** A document cut into its exact parts: `bom + open + frontmatter + close + body === text`. */
export type SplitDocument = {
  bom: string;
  /** The opening `+++` line with its line ending. */
  open: string;
  /** Everything between the delimiter lines, each line with its line ending. */
  frontmatter: string;
  /** The closing `+++` line with its line ending (none when the file ends there). */
  close: string;
  body: string;
  /** 1-based file line of the first frontmatter line (always 2). */
  frontmatterLine: number;
  /** 1-based file line of the first body line. */
  bodyLine: number;
  /** The file's line ending, used for lines roo adds. */
  eol: '\n' | '\r\n';
};

/** Splits text into lines that keep their `\n` (the last one may have none). */
export function splitLinesKeepEol(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const DELIMITER = /^\+\+\+[ \t]*\r?\n?$/;

/**
 * Splits a session log into BOM, frontmatter and body.
 *
 * @throws SessionLogParseError when the file does not start with a `+++` line or the frontmatter is not closed.
 */
export function splitFrontmatter(text: string, file: string): SplitDocument {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = splitLinesKeepEol(text.slice(bom.length));
  const eol =
    /\r\n/.test(lines[0] ?? '') || (!/\n/.test(lines[0] ?? '') && /\r\n/.test(text)) ? '\r\n' : '\n';
  if (lines.every((line) => line.trim() === '')) {
    throw new SessionLogParseError({
      file,
      line: 1,
      detail: 'the file is empty: a session log starts with a `+++` TOML frontmatter block',
      next: `git log --oneline -- ${file}`,
      hint:
        `, then \`git checkout <commit> -- ${file}\` to restore it from git, or write the frontmatter by hand ` +
        '(`id`, `title`, `status`, `start_time` between two `+++` lines)',
    });
  }
  if (!DELIMITER.test(lines[0]!)) {
    // A log whose keys are there but whose opening delimiter was lost only needs that line back.
    const looksLikeKeys = /^[ \t]*[A-Za-z_][A-Za-z0-9_-]*[ \t]*=/.test(lines[0]!);
    const closes = lines.some((line) => DELIMITER.test(line));
    const first = JSON.stringify(lines[0]!.trim().slice(0, 60));
    throw new SessionLogParseError({
      file,
      line: 1,
      detail:
        looksLikeKeys && closes
          ? `the opening \`+++\` line is missing: the file starts with ${first}`
          : `no TOML frontmatter: the first line must be \`+++\`, found ${first}`,
      next: 'roo session check',
      hint:
        looksLikeKeys && closes
          ? `once you add a line \`+++\` at the top of ${file}`
          : `once ${file} starts with \`+++\`, then \`id = "…"\`, \`title = "…"\`, \`status = "🟢 Active"\`, ` +
            '`start_time = "…"` and a closing `+++`',
    });
  }
  const closeIndex = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line));
  if (closeIndex < 0) {
    throw new SessionLogParseError({
      file,
      line: 1,
      detail: 'the frontmatter opened on line 1 is never closed by a `+++` line',
    });
  }
  return {
    bom,
    open: lines[0]!,
    frontmatter: lines.slice(1, closeIndex).join(''),
    close: lines[closeIndex]!,
    body: lines.slice(closeIndex + 1).join(''),
    frontmatterLine: 2,
    bodyLine: closeIndex + 2,
    eol,
  };
}

/** Where a top-level `key = value` sits in the frontmatter text (offsets into it). */
export type KeySpan = {
  /** Dotted keys are joined with `.`; quoted parts are unquoted. */
  key: string;
  lineStart: number;
  valueStart: number;
  valueEnd: number;
  /** Offset just after the line ending of the line where the value ends. */
  lineEnd: number;
};

/** One element of an array value: offsets of the value and of the comma after it (or -1). */
export type ArrayElementSpan = { start: number; end: number; comma: number };

/** The layout of an array value. */
export type ArraySpan = { open: number; close: number; elements: ArrayElementSpan[] };

/** The scan of a frontmatter text: top-level keys, and where the first `[table]` header starts (or -1). */
export type FrontmatterLayout = { keys: KeySpan[]; firstTable: number };

class ScanError extends Error {}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipBlanks(s: string, i: number): number {
  let j = i;
  while (isBlank(s[j])) j++;
  return j;
}

function skipToLineEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl + 1;
}

// Whitespace, newlines and comments, as allowed between array elements.
function skipFiller(s: string, i: number): number {
  let j = i;
  for (;;) {
    const c = s[j];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') j++;
    else if (c === '#') j = skipToLineEnd(s, j);
    else return j;
  }
}

function skipString(s: string, i: number): number {
  if (s.startsWith('"""', i) || s.startsWith("'''", i)) {
    const quote = s[i]!;
    const triple = quote.repeat(3);
    let j = i + 3;
    while (j < s.length) {
      if (quote === '"' && s[j] === '\\') {
        j += 2;
        continue;
      }
      if (s.startsWith(triple, j)) {
        // Up to two quotes may sit right before the closing delimiter (`""""` = a quote, then the end).
        let end = j + 3;
        while (s[end] === quote && end < j + 5) end++;
        return end;
      }
      j++;
    }
    throw new ScanError('unterminated multi-line string');
  }
  const quote = s[i]!;
  let j = i + 1;
  while (j < s.length && s[j] !== '\n') {
    if (quote === '"' && s[j] === '\\') j += 2;
    else if (s[j] === quote) return j + 1;
    else j++;
  }
  throw new ScanError('unterminated string');
}

/** Scans an array value starting at `[`. */
export function scanArray(s: string, open: number): ArraySpan {
  const elements: ArrayElementSpan[] = [];
  let j = open + 1;
  for (;;) {
    j = skipFiller(s, j);
    if (j >= s.length) throw new ScanError('unterminated array');
    if (s[j] === ']') return { open, close: j, elements };
    const start = j;
    const end = scanValue(s, j);
    j = skipFiller(s, end);
    const comma = s[j] === ',' ? j : -1;
    if (comma >= 0) j++;
    elements.push({ start, end, comma });
    if (comma < 0) {
      j = skipFiller(s, j);
      if (s[j] !== ']') throw new ScanError('expected `,` or `]` in array');
    }
  }
}

function scanKey(s: string, i: number): { key: string; end: number } {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    j = skipBlanks(s, j);
    const c = s[j];
    if (c === '"' || c === "'") {
      const end = skipString(s, j);
      const inner = s.slice(j + 1, end - 1);
      parts.push(c === '"' ? unescapeBasic(inner) : inner);
      j = end;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(s.slice(j, j + 256));
      if (m === null) throw new ScanError('expected a key');
      parts.push(m[0]);
      j += m[0].length;
    }
    j = skipBlanks(s, j);
    if (s[j] !== '.') return { key: parts.join('.'), end: j };
    j++;
  }
}

function unescapeBasic(inner: string): string {
  try {
    return JSON.parse(
      `"${inner.replace(/\\U([0-9A-Fa-f]{8})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))}"`,
    );
  } catch {
    return inner;
  }
}

function scanInlineTable(s: string, open: number): number {
  let j = open + 1;
  for (;;) {
    j = skipFiller(s, j);
    if (s[j] === '}') return j + 1;
    if (s[j] === ',') {
      j++;
      continue;
    }
    if (j >= s.length) throw new ScanError('unterminated inline table');
    const { end } = scanKey(s, j);
    if (s[end] !== '=') throw new ScanError('expected `=` in inline table');
    j = scanValue(s, skipBlanks(s, end + 1));
  }
}

/** Offset just after the TOML value that starts at `i`. */
export function scanValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"' || c === "'") return skipString(s, i);
  if (c === '[') return scanArray(s, i).close + 1;
  if (c === '{') return scanInlineTable(s, i);
  const m = /^[^\s,\]}#]+/.exec(s.slice(i, i + 128));
  if (m === null) throw new ScanError('expected a value');
  let end = i + m[0].length;
  // A local date-time may use a space instead of `T`: `1979-05-27 07:32:00`.
  if (/^\d{4}-\d{2}-\d{2}$/.test(m[0])) {
    const time = /^ \d{2}:\d{2}[^\s,\]}#]*/.exec(s.slice(end, end + 64));
    if (time !== null) end += time[0].length;
  }
  return end;
}

/**
 * Finds every top-level `key = value` of a frontmatter that smol-toml already accepted.
 *
 * @returns `undefined` if the text has a shape this scanner does not follow (callers then refuse to edit).
 */
export function scanFrontmatter(s: string): FrontmatterLayout | undefined {
  try {
    const keys: KeySpan[] = [];
    let i = 0;
    while (i < s.length) {
      const lineStart = i;
      const j = skipBlanks(s, i);
      const c = s[j];
      if (c === '\n' || c === '\r' || c === '#' || c === undefined) {
        i = skipToLineEnd(s, j);
        continue;
      }
      if (c === '[') return { keys, firstTable: lineStart };
      const { key, end } = scanKey(s, j);
      if (s[end] !== '=') throw new ScanError('expected `=`');
      const valueStart = skipBlanks(s, end + 1);
      const valueEnd = scanValue(s, valueStart);
      const lineEnd = skipToLineEnd(s, valueEnd);
      keys.push({ key, lineStart, valueStart, valueEnd, lineEnd });
      i = lineEnd;
    }
    return { keys, firstTable: -1 };
  } catch (error) {
    if (error instanceof ScanError) return undefined;
    throw error;
  }
}

/** 1-based line (within `s`) of offset `at`. */
export function lineOfOffset(s: string, at: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) line++;
  return line;
}
