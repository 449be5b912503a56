import type { SessionStatus } from '../status.js';

/** The frontmatter of a `session_log.md`, read into domain values (SPEC 1.3), with defaults for missing keys. */
export type SessionMeta = {
  id: string;
  title: string;
  /** `undefined` when `statusRaw` is not a recognisable status. */
  status: SessionStatus | undefined;
  /** The `status` value exactly as written. */
  statusRaw: string;
  /** As written (a TOML datetime becomes its ISO string); read it with `parseLooseTimestamp`. */
  startTime: string;
  endTime: string;
  coordinator: string;
  relatedTasks: string[];
  relatedArtifacts: string[];
  tags: string[];
  branch: string;
  baseCommit: string;
};

/** One dated line of the log body (`- [ts] text <!-- roo:key -->`). */
export type LogEntry = {
  /** 1-based line number in the whole file. */
  line: number;
  /** The line exactly as written, without its line ending. */
  raw: string;
  /** `undefined` when the timestamp is not a valid date (`[2025-13-45 99:99]`) or is a template placeholder. */
  date: Date | undefined;
  /** The text after the timestamp, without the trailing `<!-- roo:… -->` key. */
  text: string;
  /** The key of a line roo derived from git (`<!-- roo:KEY -->`), used to update it in place. */
  key: string | undefined;
};

/** A parse warning: something tolerated (a legacy key, a missing key, an unknown status). */
export type LogWarning = { line: number; message: string };

/** A parsed `session_log.md`. */
export type SessionLogDoc = {
  file: string;
  text: string;
  meta: SessionMeta;
  /** The raw frontmatter table, TOML dates as ISO strings. */
  data: Record<string, unknown>;
  /** Every dated entry of the body, in file order (also entries above `## Log Entries`). */
  entries: LogEntry[];
  /** Template placeholder lines left in the body (`- [YYYY-MM-DD HH:MM:SS] …`, `# - [YYYY-…] …`). */
  placeholders: LogEntry[];
  /** The text under `## Goal`, trimmed; empty when there is no such section. */
  goal: string;
  warnings: LogWarning[];
};

/** Frontmatter keys an edit may set. */
export type SettableKey = 'status' | 'end_time' | 'branch' | 'base_commit' | 'title';
/** Frontmatter arrays an edit may append to. */
export type AppendableKey = 'related_tasks' | 'related_artifacts' | 'tags';

/** A new entry line for {@link LogEdit.addEntries}. */
export type NewLogEntry = { date: Date; text: string; key?: string };

/** A surgical change to a `session_log.md` (see `editSessionLog`). */
export type LogEdit = {
  set?: Partial<Record<SettableKey, string>>;
  /** Values already present (or repeated) are not added twice. */
  append?: Partial<Record<AppendableKey, string[]>>;
  addEntries?: NewLogEntry[];
  /**
   * Rewrites (or with `text: null` removes) every line carrying `<!-- roo:KEY -->`, in place; `newKey` re-keys it
   * (a rebased commit's line takes its new SHA where it stood). Unknown keys are ignored.
   */
  replaceKeyed?: { key: string; newKey?: string; date?: Date; text: string | null }[];
};
