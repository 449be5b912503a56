import type { LogEdit, NewLogEntry } from '../log/types.js';

/**
 * roo's own writes between commit points (`session log`, `task …`, `artifact new`): one journal line each, kind
 * `record`, appended atomically like the hooks' events (docs/journal.md, "Records"). The log file in the working
 * tree is not touched until the next commit point, where {@link planRecords} folds them in.
 */

/** What one record adds to its session's log. */
export type RecordPayload = {
  /** The entry text after the timestamp (may hold newlines: a multi-line entry). */
  entry?: string;
  /** What the entry is: a `roo session log --type`, or `task`, `artifact`. */
  type?: string;
  /** Task IDs appended to `related_tasks`. */
  tasks?: string[];
  /** Paths (relative to the session folder) appended to `related_artifacts`. */
  artifacts?: string[];
};

/** One `record` line of the journal. */
export type JournalRecord = {
  /** `.` for the main worktree, else the linked worktree's name (as for hook events). */
  wt: string;
  /** The branch checked out when it was written ('' when detached). */
  branch: string;
  /** The session the record belongs to. */
  session: string;
  /** Unique within the journal: the log line's key is `j:<rid>`, so folding twice adds it once. */
  rid: string;
  /** When it was written. */
  at: Date;
  payload: RecordPayload;
  /** 1-based line number in the text given to the parser. */
  line: number;
};

const RID = /^[0-9a-z][0-9a-z.-]{0,63}$/;

/** The journal line (with its newline) for a record: one `write(2)` of it is one atomic append. */
export function formatJournalRecord(record: Omit<JournalRecord, 'line'>): string {
  if (!RID.test(record.rid)) throw new TypeError(`bad record id ${JSON.stringify(record.rid)}`);
  // JSON escapes every control character, so the payload holds no tab and no newline.
  const fields = [
    'roo1',
    'record',
    record.wt,
    record.branch,
    '',
    record.session,
    record.rid,
    String(record.at.getTime()),
    JSON.stringify(record.payload),
  ];
  if (fields.slice(2, 7).some((field) => /[\t\n\r]/.test(field))) {
    throw new TypeError('a record field holds a tab or a line break');
  }
  return `${fields.join('\t')}\n`;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Parses the fields of a `record` line (after `roo1 record`); a string says why it is bad. */
export function parseRecordFields(fields: readonly string[], line: number): JournalRecord | string {
  const [, , wt = '', branch = '', , session = '', rid = '', ms = '', json = ''] = fields;
  if (wt === '' || session === '') return 'too few fields';
  if (!RID.test(rid)) return 'bad record id';
  const time = Number(ms);
  if (!Number.isSafeInteger(time) || time < 0) return 'bad record time';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'bad record payload';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'bad record payload';
  const raw = value as Record<string, unknown>;
  const payload: RecordPayload = {};
  if (typeof raw.entry === 'string') payload.entry = raw.entry;
  if (typeof raw.type === 'string') payload.type = raw.type;
  if (isStringArray(raw.tasks)) payload.tasks = raw.tasks;
  if (isStringArray(raw.artifacts)) payload.artifacts = raw.artifacts;
  return { wt, branch, session, rid, at: new Date(time), payload, line };
}

/** The log key of a record's entry. */
export function recordKey(rid: string): string {
  return `j:${rid}`;
}

/**
 * What the records of `session` add to its log: each entry once (keyed `j:<rid>`, so records already folded into
 * the file, or committed, are not added again), and the tasks and artifacts they name. Records of other sessions
 * are ignored. Entries keep journal order within a second.
 */
export function planRecords(
  records: readonly JournalRecord[],
  session: string,
  loggedKeys: ReadonlySet<string>,
): LogEdit {
  const entries: NewLogEntry[] = [];
  const tasks: string[] = [];
  const artifacts: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    if (record.session !== session) continue;
    const key = recordKey(record.rid);
    if (seen.has(key)) continue;
    seen.add(key);
    tasks.push(...(record.payload.tasks ?? []));
    artifacts.push(...(record.payload.artifacts ?? []));
    if (record.payload.entry !== undefined && !loggedKeys.has(key)) {
      entries.push({ date: record.at, text: record.payload.entry, key });
    }
  }
  const edit: LogEdit = {};
  if (entries.length > 0) edit.addEntries = entries;
  if (tasks.length > 0 || artifacts.length > 0) {
    edit.append = {
      ...(tasks.length > 0 ? { related_tasks: tasks } : {}),
      ...(artifacts.length > 0 ? { related_artifacts: artifacts } : {}),
    };
  }
  return edit;
}

/**
 * One edit doing what `first` then `second` do: `second` wins on a frontmatter value both set; arrays and
 * entries are joined (entries in date order, `first` first within a date), keyed replacements concatenated.
 */
export function mergeLogEdits(first: LogEdit, second: LogEdit): LogEdit {
  const edit: LogEdit = {};
  const set = { ...first.set, ...second.set };
  if (Object.keys(set).length > 0) edit.set = set;
  const append: NonNullable<LogEdit['append']> = {};
  for (const source of [first.append, second.append]) {
    for (const [key, values] of Object.entries(source ?? {}) as [
      keyof NonNullable<LogEdit['append']>,
      string[],
    ][]) {
      append[key] = [...(append[key] ?? []), ...values];
    }
  }
  if (Object.keys(append).length > 0) edit.append = append;
  const entries = [...(first.addEntries ?? []), ...(second.addEntries ?? [])];
  if (entries.length > 0) {
    edit.addEntries = entries
      .map((entry, order) => ({ entry, order }))
      .sort((a, b) => a.entry.date.getTime() - b.entry.date.getTime() || a.order - b.order)
      .map(({ entry }) => entry);
  }
  const replaced = [...(first.replaceKeyed ?? []), ...(second.replaceKeyed ?? [])];
  if (replaced.length > 0) edit.replaceKeyed = replaced;
  return edit;
}

/** Whether an edit changes nothing. */
export function isEmptyLogEdit(edit: LogEdit): boolean {
  return (
    Object.keys(edit.set ?? {}).length === 0 &&
    Object.values(edit.append ?? {}).every((values) => values.length === 0) &&
    (edit.addEntries?.length ?? 0) === 0 &&
    (edit.replaceKeyed?.length ?? 0) === 0
  );
}
