import { SessionLogParseError } from '../errors.js';
import type { SessionLogDoc } from '../log/types.js';
import { parseLooseTimestamp } from '../time.js';

/** One problem `roo session check` reports. Errors fail the check (exit 5); warnings do not. */
export type Finding = {
  severity: 'error' | 'warning';
  /** Path relative to the repository root. */
  file: string;
  line: number;
  rule: string;
  message: string;
};

/** What the check needs of one session folder, gathered by the CLI. */
export type SessionFolderFacts = {
  /** The folder name (`SESSION-…`). */
  folder: string;
  /** `.ruru/sessions/<folder>` relative to the repository root. */
  folderPath: string;
  /** The parsed log, or the error reading it. */
  doc?: SessionLogDoc;
  error?: Error;
  /** Whether a relative path (from the session folder) exists. */
  exists: (rel: string) => boolean;
};

const REQUIRED = ['title', 'status', 'start_time'] as const;

/**
 * Validates one session folder (SPEC 3 `check`): the frontmatter parses, required keys are present, the status is
 * one of the four, times parse, every `related_artifacts` path stays inside the folder and exists, and the folder
 * name matches the ID. Pure: the CLI supplies the facts and prints the findings.
 */
export function checkSession(facts: SessionFolderFacts): Finding[] {
  const logFile = `${facts.folderPath}/session_log.md`;
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], line: number, rule: string, message: string) =>
    findings.push({ severity, file: logFile, line, rule, message });
  if (!facts.doc) {
    const e = facts.error;
    if (e instanceof SessionLogParseError) add('error', e.line, 'frontmatter', e.detail);
    else add('error', 1, 'unreadable', e?.message.split('\n')[0] ?? 'session_log.md is missing');
    return findings;
  }
  const { doc } = facts;
  const lineOf = (key: string) => frontmatterLine(doc.text, key);
  for (const key of REQUIRED) {
    if (!(key in doc.data)) add('error', 1, 'required-key', `frontmatter has no \`${key}\``);
  }
  if (!('id' in doc.data) && !('session_id' in doc.data))
    add('error', 1, 'required-key', 'frontmatter has no `id`');
  if ('status' in doc.data) {
    if (doc.meta.status === undefined) {
      add(
        'error',
        lineOf('status'),
        'status',
        `status \`${doc.meta.statusRaw}\` is not one of 🟢 Active, ⏸️ Paused, 🏁 Completed, 🔴 Error`,
      );
    } else if (doc.meta.statusRaw !== doc.meta.status) {
      add(
        'warning',
        lineOf('status'),
        'legacy-status',
        `status \`${doc.meta.statusRaw}\` is a legacy form of \`${doc.meta.status}\``,
      );
    }
  }
  if (doc.meta.startTime && parseLooseTimestamp(doc.meta.startTime) === undefined) {
    add('error', lineOf('start_time'), 'time', `start_time \`${doc.meta.startTime}\` is not a date and time`);
  }
  if (doc.meta.endTime && parseLooseTimestamp(doc.meta.endTime) === undefined) {
    add('error', lineOf('end_time'), 'time', `end_time \`${doc.meta.endTime}\` is not a date and time`);
  }
  if (doc.meta.id && doc.meta.id !== facts.folder) {
    add(
      'error',
      lineOf('id') || lineOf('session_id'),
      'id-mismatch',
      `id \`${doc.meta.id}\` does not match the folder name \`${facts.folder}\``,
    );
  }
  for (const rel of doc.meta.relatedArtifacts) {
    const line = lineOfValue(doc.text, rel) || lineOf('related_artifacts');
    if (rel.startsWith('/') || rel.split(/[\\/]/).includes('..') || /^[A-Za-z]:/.test(rel)) {
      add('error', line, 'artifact-path', `related artifact \`${rel}\` is outside the session folder`);
    } else if (!facts.exists(rel)) {
      add('error', line, 'artifact-missing', `related artifact \`${rel}\` does not exist`);
    }
  }
  return findings;
}

/** 1-based line of `key = …` in the frontmatter, or 0. */
export function frontmatterLine(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
  const i = lines.findIndex((l) => re.test(l));
  return i + 1;
}

function lineOfValue(text: string, value: string): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.includes(`"${value}"`) || l.includes(`'${value}'`));
  return i + 1;
}
