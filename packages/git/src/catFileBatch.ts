import type { Options, Result, ResultPromise } from 'execa';
import type { RepoContext } from './repoContext.js';
import { GitCommandError } from './runGit.js';

/**
 * One object read by {@link CatFileBatch}. `data` is the raw content (binary for trees); `tooLarge` marks an object
 * larger than the `maxSize` it was asked with, whose bytes were skipped (`data` is then empty, `size` the real one).
 */
export type GitObject = { sha: string; type: string; size: number; data: Buffer; tooLarge?: true };

type Waiter = {
  resolve: (object: GitObject | null) => void;
  reject: (error: unknown) => void;
  maxSize: number;
};

const NEWLINE = 0x0a;
const ARGS = ['cat-file', '--batch'] as const;
const OBJECT_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]+) (\d+)$/;

// No shell (execa's default); exactly the given environment; stdout unbuffered and read as raw bytes by
// onData (objects are arbitrary bytes, and 10,000 of them need not sit in memory twice); stderr collected for
// the error. `reject: false`: how git ended is examined in onExit rather than thrown.
const EXECA_OPTIONS = {
  extendEnv: false,
  stdin: 'pipe',
  stdout: 'pipe',
  stderr: 'pipe',
  encoding: 'buffer',
  buffer: { stdout: false, stderr: true },
  stripFinalNewline: false,
  reject: false,
  windowsHide: true,
} as const satisfies Options;
type BatchOptions = typeof EXECA_OPTIONS & { cwd: string; env: Record<string, string> };

/**
 * One long-lived `git cat-file --batch` process, run with execa. Requests are pipelined: {@link get} writes the
 * object name at once (batched per tick) and returns a promise settled when git's answer arrives; git answers
 * strictly in request order, so a FIFO of waiters maps answers to requests. Answers are parsed by byte counts
 * (`<sha> <type> <size>\n<size bytes>\n`), never by lines, because blobs and trees are arbitrary bytes.
 * Missing or ambiguous names resolve to `null`. If git fails (not a repository, killed…), every pending and later
 * request rejects with a GitCommandError carrying the arguments and git's stderr. Always {@link close} it (in a
 * `finally`).
 *
 * execa is imported when the first batch starts, not with this module: it costs more to load than `roo session
 * current` may spend in all (see runGit.ts). The constructor therefore only starts that; requests made before git
 * is running are queued and written as soon as it is.
 */
export class CatFileBatch {
  private subprocess: ResultPromise<BatchOptions> | undefined;
  private readonly started: Promise<void>;
  private exited: Promise<void> = Promise.resolve();
  private readonly waiters: (Waiter | undefined)[] = [];
  private waiterHead = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private outgoing: string[] = [];
  private flushScheduled = false;
  private failure: unknown;
  private closed = false;
  /** Bytes of an oversized object (and its newline) still to be skipped as they arrive. */
  private skipping = 0;

  /** Starts `git cat-file --batch` in `repo`'s worktree, with its environment. */
  constructor(repo: Pick<RepoContext, 'topLevel' | 'env'>) {
    this.started = this.start(repo.topLevel, repo.env);
  }

  /**
   * Asks for one object by any name git accepts (`<sha>`, `<ref>:<path>`). Names containing a newline cannot be
   * asked in batch mode and resolve to `null`. With `maxSize`, an object larger than that resolves with
   * `tooLarge: true` and no data: its bytes are skipped as git streams them, never held (a teammate's branch can
   * hold a log of any size).
   */
  get(name: string, options: { maxSize?: number } = {}): Promise<GitObject | null> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('CatFileBatch.get() called after close()'));
    if (name.includes('\n')) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject, maxSize: options.maxSize ?? Number.POSITIVE_INFINITY });
      this.outgoing.push(`${name}\n`);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // One write per tick: thousands of requests issued in a loop become one pipe write.
        queueMicrotask(() => this.flush());
      }
    });
  }

  /** Closes git's stdin (git answers what was asked, then exits) and waits for it to exit. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    await this.started;
    this.flush();
    const stdin = this.subprocess?.stdin;
    if (stdin && !stdin.writableEnded) stdin.end();
    await this.exited;
  }

  private async start(cwd: string, env: Readonly<Record<string, string>>): Promise<void> {
    let execa: typeof import('execa').execa;
    try {
      ({ execa } = await import('execa'));
    } catch (error) {
      this.fail(new GitCommandError(ARGS, -1, `cannot load execa: ${String(error)}`, error));
      return;
    }
    const subprocess = execa('git', ARGS, { ...EXECA_OPTIONS, cwd, env: { ...env } });
    this.subprocess = subprocess;
    subprocess.stdout.on('data', (chunk: Uint8Array) => this.onData(toBuffer(chunk)));
    // EPIPE: git exited while we were writing; onExit reports why, with git's stderr.
    subprocess.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') this.fail(new GitCommandError(ARGS, -1, String(error), error));
    });
    // execa settles after stdout has ended, so every answer git wrote has been parsed by then.
    this.exited = subprocess.then((result) => this.onExit(result));
    this.flush();
  }

  private onExit(result: Result<BatchOptions>): void {
    const unanswered = this.waiterHead < this.waiters.length;
    if (!result.failed && !unanswered) return;
    const stderr = Buffer.from(result.stderr).toString('utf8');
    const detail =
      stderr.trim() || (result.failed ? result.originalMessage : '') || 'git cat-file exited early';
    // A spawn failure (`spawn git ENOENT`) carries the original error; an exit code gets the default cause.
    const cause = result.exitCode === undefined ? result.cause : undefined;
    this.fail(new GitCommandError(ARGS, result.exitCode ?? -1, detail, cause));
  }

  private flush(): void {
    this.flushScheduled = false;
    const stdin = this.subprocess?.stdin;
    // Before git is running the names wait in `outgoing`; start() flushes them.
    if (stdin === undefined || this.outgoing.length === 0 || this.failure !== undefined) return;
    const text = this.outgoing.join('');
    this.outgoing = [];
    stdin.write(text);
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (let i = this.waiterHead; i < this.waiters.length; i++) this.waiters[i]?.reject(error);
    this.waiterHead = this.waiters.length;
    this.outgoing = [];
    this.subprocess?.kill();
  }

  private onData(chunk: Buffer): void {
    let data = chunk;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, data.length);
      this.skipping -= n;
      data = data.subarray(n);
      if (data.length === 0) return;
    }
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    let offset = 0;
    while (offset < this.buffer.length) {
      const eol = this.buffer.indexOf(NEWLINE, offset);
      if (eol === -1) break;
      const header = this.buffer.toString('utf8', offset, eol);
      const match = OBJECT_HEADER.exec(header);
      if (match === null) {
        // `<name> missing` / `<name> ambiguous` echo the requested name, which may itself contain spaces.
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          offset = eol + 1;
          this.settle(null);
          continue;
        }
        this.fail(new GitCommandError(ARGS, -1, `unexpected cat-file output: ${JSON.stringify(header)}`));
        return;
      }
      const [, sha = '', type = '', sizeText = ''] = match;
      const size = Number(sizeText);
      const maxSize = this.waiters[this.waiterHead]?.maxSize ?? Number.POSITIVE_INFINITY;
      if (size > maxSize) {
        // Skip the object and git's newline after it: what is buffered now, the rest as it arrives.
        const available = this.buffer.length - (eol + 1);
        const skip = size + 1;
        this.settle({ sha, type, size, data: Buffer.alloc(0), tooLarge: true });
        if (available >= skip) {
          offset = eol + 1 + skip;
          continue;
        }
        this.skipping = skip - available;
        offset = this.buffer.length;
        break;
      }
      const end = eol + 1 + size;
      // Wait for the whole object plus git's trailing newline.
      if (end + 1 > this.buffer.length) break;
      // Copy: the answer outlives this chunk, and slicing would pin the whole read buffer in memory.
      const data = Buffer.from(this.buffer.subarray(eol + 1, end));
      offset = end + 1;
      this.settle({ sha, type, size, data });
    }
    this.buffer = offset === 0 ? this.buffer : this.buffer.subarray(offset);
  }

  private settle(object: GitObject | null): void {
    const waiter = this.waiters[this.waiterHead];
    if (waiter === undefined) return;
    this.waiters[this.waiterHead] = undefined;
    this.waiterHead++;
    if (this.waiterHead > 4096 && this.waiterHead * 2 > this.waiters.length) {
      this.waiters.splice(0, this.waiterHead);
      this.waiterHead = 0;
    }
    waiter.resolve(object);
  }
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** One entry of a git tree object. */
export type TreeEntry = { mode: string; name: string; sha: string; isTree: boolean };

/**
 * Parses a raw tree object: a sequence of `<octal mode> <name>\0<binary object id>`. The id is 20 bytes (SHA-1)
 * or 32 (SHA-256); `hashBytes` says which (the tree's own hex sha length / 2).
 */
export function parseTree(data: Buffer, hashBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const nul = data.indexOf(0x00, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + hashBytes > data.length) break;
    const mode = data.toString('latin1', offset, space);
    const name = data.toString('utf8', space + 1, nul);
    const sha = data.toString('hex', nul + 1, nul + 1 + hashBytes);
    entries.push({ mode, name, sha, isTree: mode === '40000' });
    offset = nul + 1 + hashBytes;
  }
  return entries;
}

/** The fields of a raw commit object roo needs. */
export type ParsedCommit = {
  tree: string;
  parents: string[];
  committedAt: Date;
  subject: string;
  message: string;
};

/**
 * Parses a raw commit object: header lines (`tree`, `parent`…, `committer <ident> <unix> <tz>`, continuation
 * lines of multi-line headers such as `gpgsig` start with a space), a blank line, the message. The subject is
 * what `%s` prints: the first paragraph with its line breaks folded into spaces.
 */
export function parseCommit(data: Buffer): ParsedCommit {
  const text = data.toString('utf8');
  const split = text.indexOf('\n\n');
  const headerText = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  let tree = '';
  const parents: string[] = [];
  let committedAt = new Date(0);
  for (const line of headerText.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('committer ')) {
      const match = / (\d+) [+-]\d{4}$/.exec(line);
      if (match?.[1] !== undefined) committedAt = new Date(Number(match[1]) * 1000);
    }
  }
  const firstParagraph = message.replace(/^\n+/, '').split(/\n[ \t]*\n/, 1)[0] ?? '';
  const subject = firstParagraph
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  return { tree, parents, committedAt, subject, message };
}
