import { SessionLogParseError } from '../errors.js';
import { parseSessionId } from '../ids.js';
import { parseStatus } from '../status.js';
import { parseTomlText, TomlSyntaxError } from '../toml.js';
import { type BodyEntry, scanBody } from './entryModel.js';
import { lineOfOffset, type SplitDocument, scanFrontmatter, splitFrontmatter } from './frontmatter.js';
import type { LogEntry, LogWarning, SessionLogDoc, SessionMeta } from './types.js';

/** Legacy V5/V6 key spellings and the V7 key they stand for. */
export const LEGACY_KEY_ALIASES: Readonly<Record<string, string>> = {
  session_id: 'id',
  coordinator_mode: 'coordinator',
};

// Keys every V7 log has; a missing one is worth a warning. The others default silently.
const REQUIRED_KEYS = ['id', 'title', 'status', 'start_time', 'coordinator'] as const;

/** Splits text into lines without their line endings (`\r\n` or `\n`). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A final line ending does not start another line.
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** The folder name of `file`, a fallback for the ID of a log that lost its `id` key. */
function sessionFolderOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const folder = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return folder !== undefined && parseSessionId(folder) !== undefined ? folder : undefined;
}

/** The frontmatter part of a parsed log, see {@link readSessionMeta}. */
export type SessionMetaRead = Pick<SessionLogDoc, 'meta' | 'data' | 'warnings'>;

/**
 * Reads only the frontmatter of a `session_log.md`: what `list` needs over thousands of sessions, without
 * scanning the body. Same tolerance and errors as {@link parseSessionLog}.
 *
 * @throws SessionLogParseError with the file line of the first TOML error, or for missing/unclosed frontmatter.
 */
export function readSessionMeta(text: string, file: string): SessionMetaRead {
  return readFrontmatter(splitFrontmatter(text, file), file);
}

function readFrontmatter(split: SplitDocument, file: string): SessionMetaRead {
  let data: Record<string, unknown>;
  try {
    data = parseTomlText(split.frontmatter);
  } catch (error) {
    if (error instanceof TomlSyntaxError) {
      throw new SessionLogParseError({
        file,
        line: split.frontmatterLine + error.line - 1,
        detail: `invalid TOML: ${error.detail}`,
        cause: error,
      });
    }
    throw error;
  }
  const warnings: LogWarning[] = [];
  // Only a warning needs the lines of the keys, and most logs have none: the second pass over the frontmatter
  // that finds them is made on the first warning.
  let layout: ReturnType<typeof scanFrontmatter>;
  let isScanned = false;
  const lineOfKey = (key: string): number => {
    if (!isScanned) {
      layout = scanFrontmatter(split.frontmatter);
      isScanned = true;
    }
    const span = layout?.keys.find((k) => k.key === key);
    return span === undefined
      ? 1
      : split.frontmatterLine + lineOfOffset(split.frontmatter, span.lineStart) - 1;
  };
  const warn = (line: number, message: string): void => {
    warnings.push({ line, message });
  };

  // Legacy aliases feed the V7 key when the V7 key itself is absent.
  const value = (key: string): unknown => {
    if (key in data) return data[key];
    for (const [legacy, v7] of Object.entries(LEGACY_KEY_ALIASES)) {
      if (v7 === key && legacy in data) {
        warn(lineOfKey(legacy), `legacy key \`${legacy}\` read as \`${key}\``);
        return data[legacy];
      }
    }
    return undefined;
  };
  const str = (key: string, fallback = ''): string => {
    const v = value(key);
    if (v === undefined) {
      if ((REQUIRED_KEYS as readonly string[]).includes(key)) warn(1, `missing key \`${key}\``);
      return fallback;
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') {
      warn(lineOfKey(key), `\`${key}\` should be a string, read ${JSON.stringify(v)} as text`);
      return String(v);
    }
    warn(lineOfKey(key), `\`${key}\` should be a string; ignored`);
    return fallback;
  };
  const strings = (key: string): string[] => {
    const v = value(key);
    if (v === undefined) return [];
    if (typeof v === 'string') {
      warn(lineOfKey(key), `\`${key}\` should be an array of strings; read as one element`);
      return [v];
    }
    if (!Array.isArray(v)) {
      warn(lineOfKey(key), `\`${key}\` should be an array of strings; ignored`);
      return [];
    }
    const items = v.filter((item): item is string => typeof item === 'string');
    if (items.length !== v.length)
      warn(lineOfKey(key), `\`${key}\` has elements that are not strings; ignored`);
    return items;
  };

  const statusRaw = str('status');
  const status = parseStatus(statusRaw);
  if (statusRaw !== '' && status === undefined) {
    warn(
      lineOfKey('status'),
      `unknown status ${JSON.stringify(statusRaw)}; expected "🟢 Active", "⏸️ Paused", "🏁 Completed" or "🔴 Error"`,
    );
  }
  let id = str('id');
  if (id === '') {
    const folder = sessionFolderOf(file);
    if (folder !== undefined) id = folder;
  }
  const meta: SessionMeta = {
    id,
    title: str('title'),
    status: status?.status,
    statusRaw,
    startTime: str('start_time'),
    endTime: str('end_time'),
    coordinator: str('coordinator'),
    relatedTasks: strings('related_tasks'),
    relatedArtifacts: strings('related_artifacts'),
    tags: strings('tags'),
    branch: str('branch'),
    baseCommit: str('base_commit'),
  };

  return { meta, data, warnings };
}

/**
 * Reads a `session_log.md` (docs/formats.md, tolerant per docs/formats.md): `+++` TOML frontmatter (BOM and CRLF allowed),
 * legacy keys `session_id`/`coordinator_mode`, legacy statuses, TOML datetimes, entries anywhere in the body
 * in any of the bullet and timestamp styles real logs use. Missing keys get defaults and a warning.
 *
 * @param file the path shown in errors and warnings.
 * @throws SessionLogParseError with the file line of the first TOML error, or for missing/unclosed frontmatter.
 */
export function parseSessionLog(text: string, file: string): SessionLogDoc {
  const split = splitFrontmatter(text, file);
  const { meta, data, warnings } = readFrontmatter(split, file);
  const warn = (line: number, message: string): void => {
    warnings.push({ line, message });
  };
  const scan = scanBody(splitLines(split.body), split.bodyLine);
  // The scanner's working fields (line indexes, indent, the raw timestamp) stay inside the scanner.
  const strip = ({
    index: _index,
    end: _end,
    indent: _indent,
    timestamp: _timestamp,
    isPlaceholder: _isPlaceholder,
    isBullet: _isBullet,
    ...entry
  }: BodyEntry): LogEntry => entry;
  for (const entry of scan.entries) {
    if (entry.date === undefined)
      warn(entry.line, `entry timestamp \`${entry.timestamp}\` is not a valid date`);
  }
  return {
    file,
    text,
    meta,
    data,
    entries: scan.entries.map(strip),
    placeholders: scan.placeholders.map(strip),
    goal: scan.goal,
    warnings,
  };
}
