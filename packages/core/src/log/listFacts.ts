import { isUtf8 } from 'node:buffer';

/**
 * The frontmatter values `roo session list` shows, read straight from a log's bytes without a TOML parser.
 *
 * Listing 10,000 sessions means reading 10,000 frontmatters; a full TOML parse of each is most of that time.
 * This scanner accepts only a strict subset of TOML that every log roo writes stays inside: one `key = value`
 * per line, bare keys, values that are one-line strings or one-line arrays of strings, comments and blank lines,
 * LF line endings. Anything else (a table, a date, a number, a multi-line array, a `\u` escape, a duplicate key,
 * CRLF, a control character) answers `undefined`, and the caller reads the log with the full parser
 * (`readSessionMeta`), which also produces the warnings and error lines. Inside the subset the two agree: a
 * property test holds them to it.
 */
export type ListFacts = {
  /** `id`, or the legacy `session_id` when `id` is absent; '' when neither is there. */
  id: string;
  title: string;
  statusRaw: string;
  branch: string;
  startTime: string;
  endTime: string;
};

// The keys read here. Any of them with a value that is not a string sends the log to the full parser, which
// decides what such a value means.
// (A Map: a key such as `constructor` must not find an Object property.)
const WANTED = new Map<string, keyof ListFacts | 'legacyId'>([
  ['id', 'id'],
  ['session_id', 'legacyId'],
  ['title', 'title'],
  ['status', 'statusRaw'],
  ['branch', 'branch'],
  ['start_time', 'startTime'],
  ['end_time', 'endTime'],
]);

// Control characters other than tab are not allowed anywhere in TOML (this catches CR too): no class below
// matches one, so a line holding one is not in the subset.
const CONTROLS = String.raw`\u0000-\u0008\u000A-\u001F\u007F`;
// One-line strings: a basic string with the simple escapes only, or a literal string.
const BASIC = String.raw`"(?:[^"\\${CONTROLS}]|\\[btnfr"\\])*"`;
const LITERAL = `'[^'${CONTROLS}]*'`;
const STRING = `(?:${BASIC}|${LITERAL})`;
const ARRAY = String.raw`\[[ \t]*(?:${STRING}[ \t]*(?:,[ \t]*${STRING}[ \t]*)*(?:,[ \t]*)?)?\]`;
const COMMENT = `(?:#[^${CONTROLS}]*)?`;
// Groups: 1 = everything before the value, 2 = the key, 3 = a string value.
const KEY_LINE = new RegExp(
  String.raw`^([ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*)(?:(${STRING})|${ARRAY})[ \t]*${COMMENT}$`,
);
const FILLER_LINE = new RegExp(`^[ \\t]*${COMMENT}$`);

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** The value of a string literal found at `start` (byte offset) in `buf`, `length` bytes long with its quotes. */
function stringValue(buf: Buffer, start: number, length: number): string {
  const inner = buf.toString('utf8', start + 1, start + length - 1);
  if (buf[start] === 0x27 || !inner.includes('\\')) return inner;
  return inner.replace(/\\([btnfr"\\])/g, (_, c: string) => ESCAPES[c]!);
}

const NL = 0x0a;
const PLUS = 0x2b;

/**
 * The list facts of a log's bytes, or `undefined` when the log is outside the subset this scanner reads (the
 * caller then uses the full parser). Never throws.
 */
export function scanListFacts(bytes: Uint8Array): ListFacts | undefined {
  // Invalid UTF-8 anywhere is an error the full parser reports with its line.
  if (!isUtf8(bytes)) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf[start] !== PLUS || buf[start + 1] !== PLUS || buf[start + 2] !== PLUS || buf[start + 3] !== NL) {
    return undefined;
  }
  // The closing `+++` line: exactly `+++`, then a line end or the end of the file.
  const close = buf.indexOf('\n+++', start + 3);
  if (close < 0) return undefined;
  const after = close + 4;
  if (after !== buf.length && buf[after] !== NL) return undefined;

  // Scanned as latin1, one character per byte: offsets are byte offsets, and every byte that matters to the
  // syntax is ASCII (UTF-8 sequences are all bytes >= 0x80). Only the values read are decoded as UTF-8.
  const base = start + 4;
  const text = buf.toString('latin1', base, close + 1);
  const facts: ListFacts = { id: '', title: '', statusRaw: '', branch: '', startTime: '', endTime: '' };
  let legacyId: string | undefined;
  let hasId = false;
  const seen = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const lineStart = i;
    const eol = text.indexOf('\n', i);
    const line = text.slice(i, eol);
    i = eol + 1;
    if (FILLER_LINE.test(line)) continue;
    const m = KEY_LINE.exec(line);
    if (m === null) return undefined;
    const key = m[2]!;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const field = WANTED.get(key);
    if (field === undefined) continue;
    const literal = m[3];
    if (literal === undefined) return undefined;
    const value = stringValue(buf, base + lineStart + m[1]!.length, literal.length);
    if (field === 'legacyId') legacyId = value;
    else {
      facts[field] = value;
      if (field === 'id') hasId = true;
    }
  }
  if (!hasId && legacyId !== undefined) facts.id = legacyId;
  return facts;
}
