import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  copyMetaOf,
  decodeUtf8,
  parseStatus,
  readSessionMeta,
  type SessionCopyMeta,
  SessionLogParseError,
  scanListFacts,
  unreadableCopyMeta,
} from '@roo-session/core';
import { writeTextAtomic } from './fsio.js';
import { readRegularFile } from './safeFiles.js';

/**
 * A cache of session-log frontmatter for `roo session list`, so that listing 10,000 sessions (and `--all`, the
 * same sessions on twenty branches) costs a `stat` per worktree log and a listing of each branch's sessions tree, not parsing
 * 10,000 TOML documents on every run (docs/performance.md).
 *
 * Every entry is keyed by content, so it can never be stale:
 * - `metas`: git blob id of a log's bytes → its list facts (or its parse error);
 * - `files`: a worktree log's path → its blob id, valid while size, mtime, ctime and inode are unchanged — the
 *   rule git's own index uses. A file modified within the last two seconds is not recorded ("racily clean":
 *   another write in the same clock tick would keep its stat), so it is read again next time.
 * The cache lives in `<git-common-dir>/roo/cache/` (shared by worktrees, never in the working tree) and is
 * thrown away whenever this build of roo changes (the fingerprint), so a parser fix takes effect at once.
 * Losing it costs time, never correctness; failing to write it is ignored.
 */

/**
 * What `list` needs of one log, as cached: a copy's facts (times as epoch ms read in the time zone of the
 * fingerprint) with an empty `id` when the log has none. `error` replaces everything when the log cannot be read;
 * the caller puts the file's name in front of it.
 */
export type CachedMeta = Omit<SessionCopyMeta, 'error'> & { error?: { line: number; detail: string } };

type FileStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number, blob: string];

/**
 * A CachedMeta as stored: a flat array (10,000 of them are read and written on every run, and arrays cost less
 * than objects in both JSON and memory). The status is derived again from `statusRaw`.
 */
type MetaRow =
  | [
      id: string,
      title: string,
      statusRaw: string,
      branch: string,
      start: string,
      end: string,
      startMs: number | null,
      endMs: number | null,
    ]
  | [errorLine: number, errorDetail: string];

type CacheFile = {
  version: 3;
  fingerprint: string;
  /** Sessions folder (absolute) → folder name → stamp of its session_log.md. */
  files: Record<string, Record<string, FileStamp>>;
  metas: Record<string, MetaRow>;
};

const RACY_MS = 2000;

let fingerprintMemo: string | undefined;

/** This build of roo: the cache of another build may hold what an older parser made of a log. */
function fingerprint(): string {
  if (fingerprintMemo === undefined) {
    let stamp = 'unknown';
    try {
      const self = statSync(fileURLToPath(import.meta.url));
      stamp = `${self.size}:${self.mtimeMs}`;
    } catch {
      // Not a file URL (a test harness): an unknown build never reuses a cache.
      stamp = `run:${process.pid}:${Date.now()}`;
    }
    // Times without an offset are read as local time: another zone is another answer.
    fingerprintMemo = `1:${stamp}:${process.env.TZ ?? ''}:${new Date().getTimezoneOffset()}`;
  }
  return fingerprintMemo;
}

export class MetaCache {
  private dirty = false;
  private readonly usedMetas = new Set<string>();
  private readonly seenFiles = new Map<string, Set<string>>();

  private constructor(
    private readonly path: string,
    private readonly data: CacheFile,
  ) {}

  /** Loads the cache of the repository whose common git dir is `commonDir` (empty when absent or foreign). */
  static load(commonDir: string): MetaCache {
    const path = join(commonDir, 'roo', 'cache', 'list-meta.json');
    let data: CacheFile | undefined;
    try {
      // A cache is worth no risk: anything but a regular file (a FIFO would block the read) is no cache.
      const parsed = JSON.parse(
        readRegularFile(path, { maxBytes: 256 * 1024 * 1024 }).toString('utf8'),
      ) as CacheFile;
      if (parsed.version === 3 && parsed.fingerprint === fingerprint()) data = parsed;
    } catch {
      data = undefined;
    }
    return new MetaCache(path, data ?? { version: 3, fingerprint: fingerprint(), files: {}, metas: {} });
  }

  /** Whether a worktree log has a recorded stat (else it is read without asking for its stat first). */
  knowsFile(sessionsDir: string, folder: string): boolean {
    this.markFile(sessionsDir, folder);
    return this.data.files[sessionsDir]?.[folder] !== undefined;
  }

  /** The blob id recorded for a worktree log whose stat is unchanged, else undefined. */
  fileBlob(sessionsDir: string, folder: string, st: Stats): string | undefined {
    this.markFile(sessionsDir, folder);
    const stamp = this.data.files[sessionsDir]?.[folder];
    if (
      stamp === undefined ||
      stamp[0] !== st.size ||
      stamp[1] !== st.mtimeMs ||
      stamp[2] !== st.ctimeMs ||
      stamp[3] !== st.ino
    ) {
      return undefined;
    }
    return stamp[4];
  }

  setFile(sessionsDir: string, folder: string, st: Stats, blob: string): void {
    // Racily clean (see above): the file may change again within the same mtime tick.
    if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) < RACY_MS) return;
    const dir = this.data.files[sessionsDir] ?? {};
    this.data.files[sessionsDir] = dir;
    dir[folder] = [st.size, st.mtimeMs, st.ctimeMs, st.ino, blob];
    this.dirty = true;
  }

  hasMeta(blob: string): boolean {
    return blob in this.data.metas;
  }

  meta(blob: string): CachedMeta | undefined {
    const row = this.data.metas[blob];
    if (row === undefined) return undefined;
    this.usedMetas.add(blob);
    return fromRow(row);
  }

  /** Reads (and caches) the list facts of a log's bytes under its blob id. */
  metaOf(blob: string, bytes: Uint8Array): CachedMeta {
    const known = this.meta(blob);
    if (known !== undefined) return known;
    const meta = readCachedMeta(bytes);
    this.data.metas[blob] = toRow(meta);
    this.usedMetas.add(blob);
    this.dirty = true;
    return meta;
  }

  /** Writes the cache back when it learned something, dropping what this run shows is gone. */
  save(): void {
    // A removed worktree's entries go with it.
    for (const dir of Object.keys(this.data.files)) {
      if (!this.seenFiles.has(dir) && !existsSync(dir)) {
        delete this.data.files[dir];
        this.dirty = true;
      }
    }
    for (const [dir, seen] of this.seenFiles) {
      const files = this.data.files[dir];
      if (files === undefined) continue;
      for (const folder of Object.keys(files)) {
        if (!seen.has(folder)) {
          delete files[folder];
          this.dirty = true;
        }
      }
    }
    // Entries of other branches and worktrees stay, unless the cache has grown well past what is in use.
    const metaKeys = Object.keys(this.data.metas);
    if (metaKeys.length > 2 * this.usedMetas.size + 10_000) {
      for (const key of metaKeys) if (!this.usedMetas.has(key)) delete this.data.metas[key];
      this.dirty = true;
    }
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeTextAtomic(this.path, JSON.stringify(this.data), { durable: false });
    } catch {
      // A read-only repository (or a full disk) only costs the next run its speed.
    }
  }

  private markFile(sessionsDir: string, folder: string): void {
    let seen = this.seenFiles.get(sessionsDir);
    if (seen === undefined) {
      seen = new Set();
      this.seenFiles.set(sessionsDir, seen);
    }
    seen.add(folder);
  }
}

/** The git blob id of `bytes` (`sha1` or `sha256`, as the repository's objects use). */
export function blobId(bytes: Uint8Array, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The list facts of a log's bytes: frontmatter only, never the body. The logs roo writes are read by a scanner
 * of their simple TOML (`scanListFacts`, several times faster than a TOML parser); any other log by
 * `readSessionMeta`, with the same answer.
 */
export function readCachedMeta(bytes: Uint8Array): CachedMeta {
  const facts = scanListFacts(bytes);
  if (facts !== undefined) return copyMetaOf({ ...facts, status: parseStatus(facts.statusRaw)?.status });
  try {
    // No folder in the name: an ID missing from the frontmatter is filled in from the folder by the caller.
    return copyMetaOf(readSessionMeta(decodeUtf8(bytes, 'session_log.md'), 'session_log.md').meta);
  } catch (error) {
    if (error instanceof SessionLogParseError) return emptyMeta({ line: error.line, detail: error.detail });
    return emptyMeta({ line: 1, detail: error instanceof Error ? error.message : String(error) });
  }
}

function toRow(m: CachedMeta): MetaRow {
  if (m.error !== undefined) return [m.error.line, m.error.detail];
  return [m.id, m.title, m.statusRaw, m.branch, m.startTime, m.endTime, m.startMs, m.endMs];
}

function fromRow(row: MetaRow): CachedMeta {
  if (row.length === 2) return emptyMeta({ line: row[0], detail: row[1] });
  const [id, title, statusRaw, branch, startTime, endTime, startMs, endMs] = row;
  return {
    id,
    title,
    status: parseStatus(statusRaw)?.status,
    statusRaw,
    branch,
    startTime,
    endTime,
    startMs,
    endMs,
  };
}

function emptyMeta(error: { line: number; detail: string }): CachedMeta {
  const { error: _, ...empty } = unreadableCopyMeta('', '');
  return { ...empty, error };
}
