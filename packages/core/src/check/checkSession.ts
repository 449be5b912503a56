import { SessionLogParseError } from '../errors.js';
import { scanBody } from '../log/entryModel.js';
import { lineOfOffset, scanFrontmatter, splitFrontmatter } from '../log/frontmatter.js';
import { LEGACY_KEY_ALIASES, splitLines } from '../log/parseSessionLog.js';
import type { SessionLogDoc } from '../log/types.js';
import { parseLooseTimestamp } from '../time.js';
import { checkArtifactFileName } from './checkArtifactFileName.js';
import { isAtomicWriteLeftover } from './leftovers.js';

/** One problem `roo session check` reports. Errors fail the check (exit 5); warnings do not. */
export type Finding = {
  severity: 'error' | 'warning';
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  /** 1-based; 1 when the problem is the file as a whole. */
  line: number;
  /** A short stable name (`frontmatter`, `legacy-status`, `secret`…), listed in the README. */
  rule: string;
  message: string;
};

/** What the check needs of one session folder, gathered by the CLI. */
export type SessionFolderFacts = {
  /** The folder name (`SESSION-…`). */
  folder: string;
  /** `.ruru/sessions/<folder>` relative to the repository root. */
  folderPath: string;
  /** The parsed log, or why it could not be read (a parse error, or one line saying what is wrong). */
  doc?: SessionLogDoc;
  error?: SessionLogParseError | { readonly what: string };
  /** Whether a path relative to the session folder exists. */
  exists: (rel: string) => boolean;
  /** Every file under `artifacts/`, relative to the session folder (`artifacts/notes/NOTE-x-2611260912.md`). */
  artifactFiles?: readonly string[];
  /** Artifact `.md` files whose TOML frontmatter does not parse (line is the file line). */
  artifactErrors?: readonly { path: string; line: number; message: string }[];
  /**
   * Entries of the folder (relative to it) that roo will not read: symbolic links (never followed, inside the
   * folder or out of it), FIFOs, devices, sockets. `detail` says what each is (`is a symbolic link (to …)`).
   */
  unsafeEntries?: readonly { path: string; detail: string }[];
  /** Every regular file of the folder, relative to it (for leftovers of interrupted writes). */
  files?: readonly string[];
};

const REQUIRED = ['id', 'title', 'status', 'start_time'] as const;
const STRING_KEYS = [
  'id',
  'title',
  'status',
  'start_time',
  'end_time',
  'coordinator',
  'branch',
  'base_commit',
];
const ARRAY_KEYS = ['related_tasks', 'related_artifacts', 'tags'];
const TOP_BULLET = /^[-*+][ \t]+\S/;

/**
 * Validates one session folder: the frontmatter parses (file and line of a TOML error),
 * required keys are there and have the right types, the status is one of the four (a legacy spelling is a
 * warning), times parse, every `related_artifacts` path stays inside the folder and exists, artifact file names
 * follow `<PREFIX>-<description>-<YYMMDDHHMM>.<ext>` (warning) and their frontmatter parses, log entries have
 * valid timestamps and are in chronological order (warnings), and the folder name matches the ID. Pure: the CLI
 * supplies the facts (and adds the secret scan).
 */
export function checkSession(facts: SessionFolderFacts): Finding[] {
  const logFile = `${facts.folderPath}/session_log.md`;
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], line: number, rule: string, message: string, file = logFile) =>
    findings.push({ severity, file, line, rule, message });

  for (const rel of facts.artifactFiles ?? []) {
    const problem = checkArtifactFileName(rel);
    if (problem !== undefined) add('warning', 1, 'artifact-name', problem, `${facts.folderPath}/${rel}`);
  }
  for (const e of facts.artifactErrors ?? []) {
    add('error', e.line, 'artifact-frontmatter', e.message, `${facts.folderPath}/${e.path}`);
  }
  for (const e of facts.unsafeEntries ?? []) {
    add(
      'error',
      1,
      e.detail.startsWith('is a symbolic link') ? 'symlink' : 'not-regular',
      `\`${e.path}\` ${e.detail}; roo never follows links or reads special files in a session folder ` +
        '(replace it with a regular file, or `git rm` it)',
      `${facts.folderPath}/${e.path}`,
    );
  }
  for (const rel of facts.files ?? []) {
    if (!isAtomicWriteLeftover(rel.slice(rel.lastIndexOf('/') + 1))) continue;
    add(
      'error',
      1,
      'temp-file',
      `\`${rel}\` is the temp file of a write that was interrupted; roo never commits it ` +
        '(remove it, or run `roo doctor --fix`)',
      `${facts.folderPath}/${rel}`,
    );
  }

  if (!facts.doc) {
    const e = facts.error;
    if (e instanceof SessionLogParseError) add('error', e.line, 'frontmatter', e.detail);
    else add('error', 1, 'unreadable', e?.what ?? 'the folder has no session_log.md');
    return sortFindings(findings);
  }
  const { doc } = facts;
  const split = splitFrontmatter(doc.text, doc.file);
  const layout = scanFrontmatter(split.frontmatter);
  const lineOf = (key: string): number => {
    const span = layout?.keys.find((k) => k.key === key);
    return span === undefined
      ? split.frontmatterLine - 1
      : split.frontmatterLine + lineOfOffset(split.frontmatter, span.lineStart) - 1;
  };
  const has = (key: string) => key in doc.data;
  const legacyFor = (key: string) => Object.entries(LEGACY_KEY_ALIASES).find(([, v7]) => v7 === key)?.[0];

  // Keys.
  for (const key of REQUIRED) {
    const legacy = legacyFor(key);
    if (!has(key) && !(legacy !== undefined && has(legacy))) {
      add('error', 1, 'required-key', `the frontmatter has no \`${key}\` (e.g. ${example(key)})`);
    }
  }
  if (!has('coordinator') && !has('coordinator_mode')) {
    add('warning', 1, 'required-key', 'the frontmatter has no `coordinator` (e.g. coordinator = "roo-cli")');
  }
  for (const [legacy, v7] of Object.entries(LEGACY_KEY_ALIASES)) {
    if (has(legacy) && !has(v7)) {
      add('warning', lineOf(legacy), 'legacy-key', `\`${legacy}\` is the legacy name of \`${v7}\``);
    }
  }
  for (const key of STRING_KEYS) {
    if (has(key) && typeof doc.data[key] !== 'string') {
      add(
        'warning',
        lineOf(key),
        'key-type',
        `\`${key}\` should be a string, found ${describe(doc.data[key])}`,
      );
    }
  }
  for (const key of ARRAY_KEYS) {
    const v = doc.data[key];
    if (has(key) && !(Array.isArray(v) && v.every((item) => typeof item === 'string'))) {
      add(
        'warning',
        lineOf(key),
        'key-type',
        `\`${key}\` should be an array of strings, found ${describe(v)}`,
      );
    }
  }

  // Status and times.
  const statusLine = lineOf('status');
  if (doc.meta.statusRaw !== '' && doc.meta.status === undefined) {
    add(
      'error',
      statusLine,
      'status',
      `status ${JSON.stringify(doc.meta.statusRaw)} is not one of "🟢 Active", "⏸️ Paused", "🏁 Completed", "🔴 Error"`,
    );
  } else if (doc.meta.status !== undefined && doc.meta.statusRaw !== doc.meta.status) {
    add(
      'warning',
      statusLine,
      'legacy-status',
      `status ${JSON.stringify(doc.meta.statusRaw)} is a legacy spelling of ${JSON.stringify(doc.meta.status)}`,
    );
  }
  const start = timeOf(doc.meta.startTime);
  const end = timeOf(doc.meta.endTime);
  if (doc.meta.startTime !== '' && start === undefined) {
    add(
      'error',
      lineOf('start_time'),
      'time',
      `start_time ${JSON.stringify(doc.meta.startTime)} is not a date and time (e.g. "2026-11-26T09:05:12+01:00")`,
    );
  }
  if (doc.meta.endTime !== '' && end === undefined) {
    add(
      'error',
      lineOf('end_time'),
      'time',
      `end_time ${JSON.stringify(doc.meta.endTime)} is not a date and time (e.g. "2026-11-26T10:40:00+01:00")`,
    );
  }
  if (start !== undefined && end !== undefined && end < start) {
    add(
      'warning',
      lineOf('end_time'),
      'time',
      `end_time ${doc.meta.endTime} is before start_time ${doc.meta.startTime}`,
    );
  }

  // Identity.
  const idKey = has('id') ? 'id' : 'session_id';
  if (has(idKey) && doc.meta.id !== facts.folder) {
    add(
      'error',
      lineOf(idKey),
      'id-mismatch',
      `${idKey} \`${doc.meta.id}\` does not match the folder name \`${facts.folder}\``,
    );
  }

  // Artifacts named by the log.
  for (const rel of doc.meta.relatedArtifacts) {
    const line = lineOfValue(doc.text, rel) || lineOf('related_artifacts');
    if (
      rel === '' ||
      rel.startsWith('/') ||
      rel.split(/[\\/]/).includes('..') ||
      /^[A-Za-z]:/.test(rel) ||
      rel.includes('\\')
    ) {
      add(
        'error',
        line,
        'artifact-path',
        `related artifact \`${rel}\` is not a path inside the session folder (e.g. "artifacts/notes/NOTE-plan-2611260912.md")`,
      );
    } else if (!facts.exists(rel)) {
      add('error', line, 'artifact-missing', `related artifact \`${rel}\` does not exist`);
    }
  }

  // Entries.
  const lines = splitLines(split.body);
  const scan = scanBody(lines, split.bodyLine);
  let previous: { time: number; line: number; stamp: string } | undefined;
  for (const entry of scan.entries) {
    if (entry.date === undefined) {
      add(
        'warning',
        entry.line,
        'entry-timestamp',
        `entry timestamp \`${entry.timestamp}\` is not a valid date (e.g. [2026-11-26 09:05:12])`,
      );
      continue;
    }
    const time = entry.date.getTime();
    if (previous !== undefined && time < previous.time) {
      add(
        'warning',
        entry.line,
        'entry-order',
        `entry [${entry.timestamp}] is earlier than the entry above it (line ${previous.line}, [${previous.stamp}])`,
      );
    }
    // Compared with the entry just above: one misplaced entry is one warning, not one per entry after it.
    previous = { time, line: entry.line, stamp: entry.timestamp };
  }
  const dated = new Set([...scan.entries, ...scan.placeholders].map((e) => e.index));
  // Lines that belong to an entry in any style (a list under a paragraph entry, a `## ts` section's body) are
  // part of that entry, not undated entries (docs/architecture.md, "The entry model"). What is left is truly
  // unclear: a top-level bullet with no time, beside dated ones.
  const covered = new Set<number>();
  for (const e of scan.entries) {
    if (e.isBullet) continue;
    for (let i = e.index + 1; i < e.end; i++) covered.add(i);
  }
  for (const section of scan.logSections) {
    for (let i = section.heading + 1; i < section.end; i++) {
      if (scan.inFence[i] || dated.has(i) || covered.has(i) || !TOP_BULLET.test(lines[i]!)) continue;
      add(
        'warning',
        split.bodyLine + i,
        'entry-timestamp',
        'log entry without a timestamp (write `- [YYYY-MM-DD HH:MM:SS] text`, or use `roo session log`)',
      );
    }
  }
  for (const p of scan.placeholders) {
    if (!p.raw.trimStart().startsWith('#')) {
      add('warning', p.line, 'placeholder', 'template placeholder line left in the log');
    }
  }
  return sortFindings(findings);
}

/** Orders findings by file, then line, errors before warnings on one line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** 1-based line of `key = …` in the frontmatter of `text`, or 0. */
export function frontmatterLine(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
  return lines.findIndex((l) => re.test(l)) + 1;
}

function lineOfValue(text: string, value: string): number {
  const lines = text.split(/\r?\n/);
  return lines.findIndex((l) => l.includes(`"${value}"`) || l.includes(`'${value}'`)) + 1;
}

function timeOf(text: string): number | undefined {
  return text === '' ? undefined : parseLooseTimestamp(text)?.getTime();
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return `${typeof value} ${JSON.stringify(value)}`;
  return 'a table';
}

function example(key: string): string {
  switch (key) {
    case 'id':
      return 'id = "SESSION-Fix_login-2611260905"';
    case 'title':
      return 'title = "Fix login"';
    case 'status':
      return 'status = "🟢 Active"';
    default:
      return 'start_time = "2026-11-26T09:05:12+01:00"';
  }
}
