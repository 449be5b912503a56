import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { SecretsFoundError } from '@roo-session/core';
import { SECRET_PATTERNS } from './secretPatterns.js';

/** One credential found, or one file that could not be scanned. Never holds the credential itself. */
export type SecretFinding = {
  /** Repository-relative path, `/`-separated (may itself be masked, see {@link secretsFoundError}). */
  file: string;
  /** 1-based; 0 when the finding is about the whole file or its name. */
  line: number;
  column: number;
  ruleId: string;
  /** The rule's message with the value masked. */
  message: string;
};

/** One file as it is to be committed: its repository-relative path and its exact bytes. */
export type ScanFile = { path: string; data: Uint8Array };

/** Findings, plus the path segments that are themselves credentials (to mask wherever a path is printed). */
export type ScanResult = { findings: SecretFinding[]; maskedSegments: string[] };

/** The rule id of a file refused because its bytes cannot be read as text (an archive, a key store). */
export const UNSCANNABLE_RULE = 'roo/unscannable';

const PATTERN_RULE = '@secretlint/secretlint-rule-pattern';

// Text is linted in slices of about this many characters, cut at line ends, each overlapping the previous one by
// OVERLAP characters so that a multi-line credential (a PEM block) cut by a slice border is still seen whole.
const SLICE = 1024 * 1024;
const OVERLAP = 64 * 1024;

/**
 * Scans files for credentials with secretlint: the recommended preset (AWS, GCP, GitHub, npm, Slack tokens and
 * webhooks, OpenAI, Anthropic, private keys, basic auth, MySQL/PostgreSQL/MongoDB URLs, …) and roo's patterns
 * (`secretPatterns.ts`: Stripe, JWT, GitLab, `password=`-style assignments, other URLs with a password).
 * Nothing is skipped: large files are linted in slices, UTF-16/UTF-32 with a byte-order mark are decoded,
 * binary-looking files (NUL bytes) are scanned through their printable bytes, and compressed archives and key
 * stores, whose content cannot be read as text, are reported as {@link UNSCANNABLE_RULE}. The
 * `secretlint-disable` comment directives are off: text in a session folder cannot switch the scan off.
 * Paths are scanned too. The secretlint modules load lazily, so read-only commands never pay for them.
 */
export async function scanForSecrets(files: readonly ScanFile[]): Promise<ScanResult> {
  const lint = await loadLinter();
  const findings: SecretFinding[] = [];
  const maskedSegments = new Set<string>();

  // Path names first: a credential in a file or folder name (a session ID made from a pasted goal) is committed
  // as much as one in a file.
  const paths = files.map((f) => f.path);
  for (const hit of await lint(paths.join('\n'), '.txt')) {
    const path = paths[hit.line - 1] ?? '';
    const segment = segmentAt(path, hit.column - 1);
    if (segment !== '') maskedSegments.add(segment);
    findings.push({
      file: path,
      line: 0,
      column: hit.column,
      ruleId: hit.ruleId,
      message: 'in the path name',
    });
  }

  for (const file of files) {
    const decoded = decodeForScan(file.data, file.path);
    if ('unscannable' in decoded) {
      findings.push({
        file: file.path,
        line: 0,
        column: 0,
        ruleId: UNSCANNABLE_RULE,
        message: `${decoded.unscannable}: its content cannot be scanned for credentials`,
      });
      continue;
    }
    const seen = new Set<string>();
    for (const text of decoded.texts) {
      for (const hit of await lint(text, extname(file.path).toLowerCase())) {
        const key = `${hit.line}:${hit.column}:${hit.ruleId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ file: file.path, ...hit });
      }
    }
  }
  return { findings: dropOverlaps(findings), maskedSegments: [...maskedSegments] };
}

/**
 * Scans a session folder as it is on disk (for `check`): every regular file, symbolic links and special files
 * left alone (they are never read through).
 */
export async function scanFolderForSecrets(dir: string, root: string): Promise<ScanResult> {
  const files: ScanFile[] = [];
  for (const file of walk(dir)) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    files.push({ path: relative(root, file).split('\\').join('/'), data });
  }
  return scanForSecrets(files);
}

/** The error that blocks a commit holding credentials (exit 3), naming file, line and rule of each. */
export function secretsFoundError(result: ScanResult, command: string): SecretsFoundError {
  const { findings } = result;
  const unscannable = findings.filter((f) => f.ruleId === UNSCANNABLE_RULE).length;
  const credentials = findings.length - unscannable;
  const what = [
    credentials > 0 ? (credentials === 1 ? 'a credential' : `${credentials} credentials`) : '',
    unscannable > 0
      ? unscannable === 1
        ? 'a file roo cannot scan'
        : `${unscannable} files roo cannot scan`
      : '',
  ]
    .filter((s) => s !== '')
    .join(' and ');
  const lines = findings.map((f) =>
    maskPaths(
      `${f.file}${f.line > 0 ? `:${f.line}:${f.column}` : ''}  ${f.ruleId}  ${f.message}`,
      result.maskedSegments,
    ),
  );
  return new SecretsFoundError({
    what: `the session folder holds ${what}, so roo will not commit it:`,
    seen: lines,
    next: command,
    hint: `again once they are removed, or run \`${command} --allow-secrets\` if they are not real`,
  });
}

/** `text` with every path segment that is a credential replaced by a mask of its length. */
export function maskPaths(text: string, segments: readonly string[]): string {
  let out = text;
  for (const s of [...segments].sort((a, b) => b.length - a.length)) {
    out = out.replaceAll(s, `${s.slice(0, 4)}${'*'.repeat(8)}`);
  }
  return out;
}

type Hit = { line: number; column: number; ruleId: string; message: string };
type Lint = (text: string, ext: string) => Promise<Hit[]>;

let linter: Promise<Lint> | undefined;

const FILTER_COMMENTS_RULE = '@secretlint/secretlint-rule-filter-comments';

function loadLinter(): Promise<Lint> {
  linter ??= (async () => {
    const [{ lintSource }, { rules: recommended }, { creator: pattern }] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
      import('@secretlint/secretlint-rule-pattern'),
    ]);
    // The preset's rules one by one, without the one that honours `secretlint-disable` comments: text in a
    // session folder must not be able to switch the scan off (a preset cannot disable one of its own rules).
    const config = {
      rules: [
        ...recommended
          .filter((rule) => rule.meta.id !== FILTER_COMMENTS_RULE)
          .map((rule) => ({
            id: rule.meta.id,
            rule,
            // An access key ID is what pairs with the secret: in a log meant for a PR it is a leak worth stopping.
            ...(rule.meta.id === '@secretlint/secretlint-rule-aws'
              ? { options: { enableIDScanRule: true } }
              : {}),
          })),
        { id: PATTERN_RULE, rule: pattern, options: { patterns: SECRET_PATTERNS } },
      ],
    };
    return async (text: string, ext: string): Promise<Hit[]> => {
      const hits: Hit[] = [];
      for (const slice of slices(text)) {
        const result = await lintSource({
          // The path is never a real file: no rule may read the working tree instead of the bytes given here.
          source: { filePath: `roo-scan${ext}`, ext, content: slice.text, contentType: 'text' },
          options: { maskSecrets: false, noPhysicFilePath: true, config: config as never },
        });
        for (const m of result.messages) {
          hits.push({
            line: m.loc.start.line + slice.firstLine - 1,
            column: m.loc.start.column + 1,
            ruleId: m.ruleId,
            message: maskMessage(m, slice.text.slice(m.range[0], m.range[1])),
          });
        }
      }
      return hits;
    };
  })();
  return linter;
}

/**
 * A rule's message with the credential masked: every value the rule put into it (except the name of roo's
 * pattern), and the matched text itself; long masks shortened (a private key would be a thousand asterisks).
 */
function maskMessage(m: { message: string; ruleId: string; data?: unknown }, matched: string): string {
  const values: string[] = [];
  const collect = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (!(m.ruleId === PATTERN_RULE && key === 'PATTERN_NAME')) values.push(value);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) collect(v, k);
    }
  };
  collect(m.data, '');
  if (matched.length >= 4) values.push(matched);
  let out = m.message;
  for (const v of values.filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.replaceAll(v, '*'.repeat(Math.min(v.length, 8)));
  }
  return out.replace(/\*{9,}/g, '********').replace(/[\r\n]+/g, ' ');
}

function* slices(text: string): Generator<{ text: string; firstLine: number }> {
  if (text.length <= SLICE) {
    yield { text, firstLine: 1 };
    return;
  }
  let start = 0;
  let firstLine = 1;
  while (start < text.length) {
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > start) end = nl + 1;
    }
    yield { text: text.slice(start, end), firstLine };
    if (end >= text.length) return;
    // The next slice starts OVERLAP characters back, at a line start.
    let next = Math.max(start + 1, end - OVERLAP);
    const nl = text.lastIndexOf('\n', next - 1);
    next = nl >= start ? nl + 1 : next;
    if (next <= start) next = end;
    firstLine += countLines(text, start, next);
    start = next;
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The texts to lint for one file's bytes, or why it cannot be scanned. UTF-8 (a BOM dropped), UTF-16 and UTF-32
 * with a BOM decoded; bytes with NUL in them read through their printable bytes (other bytes become spaces, line
 * ends are kept so lines count as in the file), and as UTF-16 too when the NULs fall on every other byte.
 */
export function decodeForScan(data: Uint8Array, path = ''): { texts: string[] } | { unscannable: string } {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const container = containerKind(b, path);
  if (container) return { unscannable: container };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0)
    return { texts: [decodeUtf32(b.subarray(4), true)] };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
    return { texts: [decodeUtf32(b.subarray(4), false)] };
  if (b[0] === 0xff && b[1] === 0xfe) return { texts: [b.subarray(2).toString('utf16le')] };
  if (b[0] === 0xfe && b[1] === 0xff) return { texts: [swap16(b.subarray(2)).toString('utf16le')] };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { texts: [b.subarray(3).toString('utf8')] };
  if (!b.includes(0)) return { texts: [b.toString('utf8')] };
  const texts = [printable(b)];
  const utf16 = utf16Order(b);
  if (utf16 === 'le') texts.push(b.toString('utf16le'));
  if (utf16 === 'be') texts.push(swap16(b).toString('utf16le'));
  return { texts };
}

const ARCHIVES: [string, number[]][] = [
  ['a gzip archive', [0x1f, 0x8b]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a bzip2 archive', [0x42, 0x5a, 0x68]],
  ['an xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['a zstd archive', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a 7-zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a rar archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
];
const KEY_STORES = new Set(['.p12', '.pfx', '.jks', '.keystore', '.bcfks']);

function containerKind(b: Buffer, path: string): string | null {
  for (const [name, magic] of ARCHIVES) {
    if (b.length >= magic.length && magic.every((byte, i) => b[i] === byte)) return name;
  }
  if (KEY_STORES.has(extname(path).toLowerCase())) return `a key store (${extname(path)})`;
  return null;
}

function printable(b: Buffer): string {
  const out = Buffer.allocUnsafe(b.length);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    out[i] = c === 0x0a || c === 0x09 || (c >= 0x20 && c < 0x7f) ? c : 0x20;
  }
  return out.toString('latin1');
}

/** 'le'/'be' when most NUL bytes sit at odd/even offsets (BOM-less UTF-16 of mostly ASCII text). */
function utf16Order(b: Buffer): 'le' | 'be' | null {
  let odd = 0;
  let even = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0) i % 2 === 1 ? odd++ : even++;
  const pairs = Math.floor(b.length / 2);
  if (odd > pairs / 4 && odd > even * 4) return 'le';
  if (even > pairs / 4 && even > odd * 4) return 'be';
  return null;
}

function swap16(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
}

function decodeUtf32(b: Buffer, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = littleEndian ? b.readUInt32LE(i) : b.readUInt32BE(i);
    out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return out;
}

/** The `/`-separated segment of `path` that holds offset `at`. */
function segmentAt(path: string, at: number): string {
  const start = path.lastIndexOf('/', at) + 1;
  const end = path.indexOf('/', at);
  return path.slice(start, end === -1 ? path.length : end);
}

/**
 * One finding per line for roo's generic patterns, and none where a specific rule already reported the line (an
 * AWS secret is also a `…_key = …` assignment): one credential, one finding, named by the most specific rule.
 */
function dropOverlaps(findings: SecretFinding[]): SecretFinding[] {
  const isPattern = (f: SecretFinding) => f.ruleId === PATTERN_RULE;
  const taken = new Set(findings.filter((f) => !isPattern(f)).map((f) => `${f.file}\0${f.line}`));
  return findings.filter((f) => {
    if (!isPattern(f)) return true;
    const key = `${f.file}\0${f.line}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
}

function* walk(dir: string): Generator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && lstatSync(p).isFile()) yield p;
  }
}

/**
 * An `inspect` step for the atomic commit (`commitFolder` of @roo-session/git): scans the staged files and throws the
 * refusal naming `command` when anything is found, so nothing is committed.
 */
export function refuseSecrets(command: string): (files: readonly ScanFile[]) => Promise<void> {
  return async (files) => {
    const result = await scanForSecrets(files);
    if (result.findings.length > 0) throw secretsFoundError(result, command);
  };
}
