import { isUtf8 } from 'node:buffer';
import {
  MAX_SESSION_FILE_BYTES,
  parseSessionLog,
  readSessionMeta,
  type SessionLogDoc,
} from '@roo-session/core';
import {
  CatFileBatch,
  type RefTip,
  type RepoContext,
  readSessionCopies,
  type SessionFolderAtRef,
} from '@roo-session/git';
import { MetaCache, readCachedMeta } from './metaCache.js';
import type { SessionIdSource } from './resolveSessionQuery.js';

/** A copy of a session log read from a branch tip (local or remote-tracking) without checking it out. */
export type RefSession = {
  id: string;
  title: string;
  /** The full ref it was read from (`refs/heads/session/…`, `refs/remotes/origin/…`). */
  ref: string;
  /** The ref's tip commit time, to tell which copy is newest. */
  tipDate: Date | undefined;
  doc?: SessionLogDoc;
  error?: Error;
};

/** Reads log blobs by id; a blob git does not have is left out. */
export type BlobReader = (shas: readonly string[]) => Promise<Map<string, Buffer>>;

/** A session's first copy in ref order: the one whose title ID resolution reads. */
type FirstCopy = { tip: RefTip; blob: string };

/** Refs whose sessions tree is the same share one folder list: each list once, with the refs holding it. */
type FolderGroup = { folders: readonly SessionFolderAtRef[]; tips: RefTip[] };

// Titles of more logs than this are looked up in list's frontmatter cache before any blob is read.
const CACHE_FROM = 64;

/**
 * The sessions on every local and remote-tracking branch tip, found by folder name (the session ID) without
 * reading a log: one `for-each-ref`, one `cat-file --batch`, one `ls-tree -r`, one `diff-tree` (see
 * `readSessionCopies`). Logs are read only for the sessions asked about: {@link copiesOf} parses the copies of
 * one session, {@link titles} reads only frontmatter, through the cache `roo session list` keeps.
 *
 * A copy is a folder holding a regular `session_log.md`; the refs are taken in `for-each-ref` order, and each
 * ref's folders in tree order, which is the order ambiguity errors list them in.
 */
export class RefSessions implements SessionIdSource {
  private index: { order: string[]; first: Map<string, FirstCopy> } | undefined;

  private constructor(
    private readonly repo: RepoContext,
    private readonly groups: readonly FolderGroup[],
    private readonly readBlobs: BlobReader,
  ) {}

  /** Lists the session folders of every branch tip (no log read yet). `readBlobs` is for tests. */
  static async read(repo: RepoContext, readBlobs?: BlobReader): Promise<RefSessions> {
    const found = await readSessionCopies(repo, { needBlob: () => false });
    // Symbolic refs (origin/HEAD) are already left out; a plain ref named HEAD is one too, for people.
    const tips = found.tips.filter((tip) => !tip.ref.endsWith('/HEAD'));
    const groups = new Map<readonly SessionFolderAtRef[], FolderGroup>();
    for (const tip of tips) {
      const folders = found.folders.get(tip.ref) ?? [];
      const group = groups.get(folders);
      if (group === undefined) groups.set(folders, { folders, tips: [tip] });
      else group.tips.push(tip);
    }
    return new RefSessions(repo, [...groups.values()], readBlobs ?? ((shas) => readBlobsOf(repo, shas)));
  }

  ids(): readonly string[] {
    return this.indexed().order;
  }

  has(id: string): boolean {
    return this.indexed().first.has(id);
  }

  /** The full name of the first ref (in `for-each-ref` order) holding session `id`, if any. */
  firstRef(id: string): string | undefined {
    return this.indexed().first.get(id)?.tip.ref;
  }

  /**
   * The title of each session's first copy ('' when it cannot be read), from frontmatter only. Read as the
   * parser reads the whole log, bytes that are not UTF-8 included (they are decoded leniently, as
   * {@link copiesOf} does).
   */
  async titles(ids: readonly string[]): Promise<Map<string, string>> {
    const { first } = this.indexed();
    const blobs = new Map<string, string>();
    for (const id of ids) {
      const copy = first.get(id);
      if (copy !== undefined) blobs.set(id, copy.blob);
    }
    const cache = blobs.size > CACHE_FROM ? MetaCache.load(this.repo.commonDir) : undefined;
    const titleOf = new Map<string, string>();
    const unread = new Set<string>();
    for (const blob of blobs.values()) {
      const cached = cache?.hasMeta(blob) ? cache.meta(blob) : undefined;
      if (cached !== undefined && cached.error === undefined) titleOf.set(blob, cached.title);
      else unread.add(blob);
    }
    const bytesOf = await this.readBlobs([...unread]);
    for (const [blob, bytes] of bytesOf) {
      const meta = cache === undefined ? readCachedMeta(bytes) : cache.metaOf(blob, bytes);
      if (meta.error === undefined) titleOf.set(blob, meta.title);
      else if (!isUtf8(bytes)) titleOf.set(blob, leniently(bytes));
    }
    cache?.save();
    const titles = new Map<string, string>();
    for (const [id, blob] of blobs) titles.set(id, titleOf.get(blob) ?? '');
    return titles;
  }

  /**
   * Every distinct copy of session `id` on the branch tips, parsed: one per log blob, named after the first ref
   * holding it, in ref order. An unreadable log is a copy with its error (docs/formats.md).
   */
  async copiesOf(id: string): Promise<RefSession[]> {
    const byBlob = new Map<string, RefTip>();
    // Groups are in the order of their first refs: a blob is first met at the first ref holding it.
    for (const group of this.groups) {
      const blob = group.folders.find((f) => f.id === id)?.log;
      if (blob !== undefined && blob !== null && !byBlob.has(blob)) byBlob.set(blob, group.tips[0]!);
    }
    const bytesOf = await this.readBlobs([...byBlob.keys()]);
    const copies: RefSession[] = [];
    for (const [blob, tip] of byBlob) {
      const bytes = bytesOf.get(blob);
      if (bytes === undefined) continue;
      const file = `${tip.ref}:.ruru/sessions/${id}/session_log.md`;
      const at = { id, ref: tip.ref, tipDate: tip.committedAt };
      try {
        const doc = parseSessionLog(bytes.toString('utf8'), file);
        copies.push({ ...at, title: doc.meta.title, doc });
      } catch (error) {
        copies.push({ ...at, title: '', error: error as Error });
      }
    }
    return copies;
  }

  /**
   * Each session's first copy, and the IDs in first-seen order: ref by ref, and within a ref in git's tree
   * order (folders compare as `<name>/`, byte by byte). Refs sharing a folder list are walked once.
   */
  private indexed(): { order: string[]; first: Map<string, FirstCopy> } {
    if (this.index !== undefined) return this.index;
    const order: string[] = [];
    const first = new Map<string, FirstCopy>();
    // Groups were made in ref order, so a group's first ref is where its new IDs are first seen.
    for (const group of this.groups) {
      const tip = group.tips[0]!;
      const added: string[] = [];
      for (const folder of group.folders) {
        if (folder.log === null || first.has(folder.id)) continue;
        first.set(folder.id, { tip, blob: folder.log });
        added.push(folder.id);
      }
      order.push(...inTreeOrder(added));
    }
    this.index = { order, first };
    return this.index;
  }
}

/** `names` in git's tree order (folders compare as `<name>/`, as UTF-8 bytes). */
function inTreeOrder(names: string[]): string[] {
  const keys = names.map((name) => ({ name, key: Buffer.from(`${name}/`) }));
  const isSorted = keys.every((k, i) => i === 0 || Buffer.compare(keys[i - 1]!.key, k.key) <= 0);
  if (isSorted) return names;
  return keys.sort((a, b) => Buffer.compare(a.key, b.key)).map((k) => k.name);
}

/** The title of a log that is not valid UTF-8, decoded leniently ('' when even then it does not parse). */
function leniently(bytes: Buffer): string {
  try {
    return readSessionMeta(bytes.toString('utf8'), 'session_log.md').meta.title;
  } catch {
    return '';
  }
}

/** Reads blobs by id through one `git cat-file --batch` process. */
async function readBlobsOf(repo: RepoContext, shas: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (shas.length === 0) return out;
  const batch = new CatFileBatch(repo);
  try {
    await Promise.all(
      shas.map(async (sha) => {
        // Bounded: a log past the cap is left out like a missing one, its bytes never held.
        const object = await batch.get(sha, { maxSize: MAX_SESSION_FILE_BYTES });
        if (object !== null && object.type === 'blob' && !object.tooLarge) out.set(sha, object.data);
      }),
    );
  } finally {
    await batch.close();
  }
  return out;
}

/** The short name of a ref for people: `session/X` for a local branch, `origin/session/X` for a remote one. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
}
