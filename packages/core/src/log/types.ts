import type { SessionStatus } from '../status.js';

/** The frontmatter of a `session_log.md`, read into domain values (docs/formats.md), with defaults for missing keys. */
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

/**
 * How an entry is written (docs/architecture.md, "The entry model"): `bullet-bracket` is roo's own
 * `- [ts] text` (also `* [ts]`, `- **[ts]**`, `` - `[ts]` ``); `bullet-bare` is `- ts: text`, `- ts (actor): text`,
 * `*   **ts Actor:** text`; `paragraph-bracket` and `paragraph-bare` are the same without a bullet (`[ts] text`,
 * `**[ts]** text`, `ts - text`, `**ts** - text`); `heading` is a `## ts - event` section; `stamp12` is
 * `[YYMMDDHHMMSS] [Actor] LEVEL: text`; `yaml` is a `---`/`timestamp:`/`actor:` block.
 */
export type EntryStyle =
  | 'bullet-bracket'
  | 'bullet-bare'
  | 'paragraph-bracket'
  | 'paragraph-bare'
  | 'heading'
  | 'stamp12'
  | 'yaml';

/** One entry of the log body: its first line, and every line that belongs to it. */
export type LogEntry = {
  /** 1-based line number in the whole file of the entry's first line. */
  line: number;
  /** 1-based line number of its last line (continuation lines, sub-bullets, fences, a section's body). */
  endLine?: number;
  /** The first line exactly as written, without its line ending. */
  raw: string;
  /** `undefined` when the timestamp is not a valid date (`[2025-13-45 99:99]`) or is a template placeholder. */
  date: Date | undefined;
  /** The text after the timestamp, without the trailing `<!-- roo:… -->` key. */
  text: string;
  /** The key of a line roo derived from git (`<!-- roo:KEY -->`), used to update it in place. */
  key: string | undefined;
  style?: EntryStyle;
  /** Who wrote it when the style names them: `- ts (actor):`, `**ts Actor:**`, `[ts] [Actor]`, `actor:`. */
  actor?: string | undefined;
  /** The level word of a `[YYMMDDHHMMSS] [Actor] ERROR: …` line. */
  level?: string | undefined;
  /** The lines after the first that belong to the entry, as written (joined with `\n`). */
  detail?: string;
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

/**
 * A new entry for {@link LogEdit.addEntries}: `- [YYYY-MM-DD HH:MM:SS] text`; a text with newlines becomes one
 * list item whose further lines are indented by two spaces.
 */
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
