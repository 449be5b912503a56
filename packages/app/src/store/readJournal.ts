import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { PreconditionError } from '@roo-session/core/errors';

/** Which journal lines a fold needs: the session's records, and hook events of its branches (or of none). */
export type JournalFilter = { session: string; branches: ReadonlySet<string> };

export type JournalSlice = {
  /** The lines kept, each with its newline, in journal order. */
  text: string;
  /** The offset just after the last whole line read (a line still being written is left for later). */
  end: number;
};

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Reads the journal from byte `from` to its end in 1 MiB chunks, keeping only the lines `filter` wants, so the
 * memory a fold needs is bounded by what concerns the session, not by the journal's size (a busy repository's
 * journal holds every branch's events). Lines are tested on their raw fields, without parsing: kind (field 2),
 * branch (field 4) and, for records, the session (field 6). Checkouts are always kept: leaving the session's
 * branch is recorded under the branch switched to. Something other than a regular file in the journal's place is
 * refused without blocking (`O_NONBLOCK`, then `fstat`); an absent journal reads as empty.
 */
export function readJournalSince(file: string, from: number, filter: JournalFilter): JournalSlice {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', end: 0 };
    throw damagedJournal(file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw damagedJournal(file, 'not a regular file');
    const size = stat.size;
    const start = from <= size ? from : 0;
    const kept: string[] = [];
    const buf = Buffer.alloc(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let pos = start;
    let end = start;
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      if (n === 0) break;
      pos += n;
      const data: Buffer = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let lineStart = 0;
      for (let i = data.indexOf(NEWLINE); i >= 0; i = data.indexOf(NEWLINE, lineStart)) {
        if (wants(data, lineStart, i, filter)) kept.push(data.toString('utf8', lineStart, i + 1));
        lineStart = i + 1;
      }
      end += lineStart;
      carry = Buffer.from(data.subarray(lineStart));
    }
    return { text: kept.join(''), end };
  } finally {
    closeSync(fd);
  }
}

/** The raw-field test of {@link readJournalSince}. Lines that are not `roo1` events are kept (the parser reports them). */
function wants(data: Buffer, start: number, end: number, filter: JournalFilter): boolean {
  const fields: string[] = [];
  let at = start;
  // Only the first six fields are looked at; the rest of the line is never decoded here.
  while (fields.length < 6) {
    const tab = data.indexOf(0x09, at);
    if (tab < 0 || tab > end) {
      fields.push(data.toString('utf8', at, end));
      break;
    }
    fields.push(data.toString('utf8', at, tab));
    at = tab + 1;
  }
  const [version, kind, , branch = '', , session] = fields;
  if (version !== 'roo1') return true;
  if (kind === 'record') return session === filter.session;
  if (kind === 'checkout') return true;
  return filter.branches.has(branch);
}

function damagedJournal(file: string, seen: string): PreconditionError {
  return new PreconditionError({
    what: `cannot read the session journal ${file}`,
    seen,
    next: 'roo doctor --fix',
    hint: "to set roo's damaged state aside, then run the command again",
  });
}

/** What a scan cache holds: the lines a filter kept from `from` to `to`, so the next fold reads only what came after. */
type ScanCache = { v: 1; key: string; from: number; to: number; text: string };

/** Kept lines larger than this are not cached: the cache is for the common case of few lines that concern a session. */
const CACHE_LIMIT = 4 << 20;

/**
 * {@link readJournalSince} with a per-session scan cache (`<common>/roo/cache/scan/<ID>`): the journal between
 * the session's cursor and the end of the last fold has been read already, and only its kept lines are stored, so
 * a fold reads just the bytes appended since — the cursor of what was scanned moves with every fold, while the
 * cursor of what is committed moves at commit points. A cache for another cursor, filter or a journal that shrank
 * is ignored and replaced; failing to write it costs only speed.
 */
export function readJournalCached(
  file: string,
  from: number,
  filter: JournalFilter,
  cacheFile: string,
): JournalSlice {
  const key = JSON.stringify([filter.session, [...filter.branches].sort()]);
  let cache: ScanCache | undefined;
  try {
    const parsed = JSON.parse(readFileSync(cacheFile, 'utf8')) as ScanCache;
    if (parsed.v === 1 && parsed.key === key && parsed.from === from && typeof parsed.text === 'string')
      cache = parsed;
  } catch {
    cache = undefined;
  }
  let slice = readJournalSince(file, cache?.to ?? from, filter);
  if (cache !== undefined && slice.end < cache.to) {
    // The journal is shorter than what was scanned: it was replaced. Read it again from the cursor.
    cache = undefined;
    slice = readJournalSince(file, from, filter);
  }
  const result = cache === undefined ? slice : { text: cache.text + slice.text, end: slice.end };
  if (cache === undefined || slice.end !== cache.to) {
    try {
      if (result.text.length <= CACHE_LIMIT) {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const next: ScanCache = { v: 1, key, from, to: result.end, text: result.text };
        writeFileSync(cacheFile, JSON.stringify(next));
      }
    } catch {
      // A cache that cannot be written is only slower.
    }
  }
  return result;
}
