import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  assertTakesEntries,
  type BranchSessionCandidate,
  escapeTerminalLine,
  NoActiveSessionError,
  PreconditionError,
  parseSessionLog,
  pickBranchSession,
  type SessionLogDoc,
  SessionStatus,
  UnknownSessionIdError,
} from '@roo-session/core';
import { currentBranch, type RepoContext } from '@roo-session/git';
import { formerBranchNames, readBranchReflog } from '@roo-session/git/history';
import { assertWritable, readUtf8, writeTextAtomic } from './fsio.js';
import { assertNoOperation } from './guards.js';
import { type CachedMeta, readCachedMeta } from './metaCache.js';
import { resolveSessionQuery, type SessionIdSource } from './resolveSessionQuery.js';
import {
  assertNoLinkBelow,
  assertStateFile,
  damagedStateError,
  describeFileKind,
  readRegularFile,
} from './safeFiles.js';

/** A session folder in this worktree, read or failed to read. */
export type SessionRecord = { id: string; logPath: string; doc?: SessionLogDoc; error?: Error };

/** A session resolved for a command: its ID and its parsed log in this worktree. */
export type LoadedSession = { id: string; logPath: string; doc: SessionLogDoc };

/**
 * The session folders of one worktree (`.ruru/sessions/<ID>/`) and the branch map under `<common>/roo/branches/`
 * that the hooks read in O(1) to find a branch's Active session.
 */
export class SessionStore {
  readonly sessionsDir: string;
  private readonly ruruDir: string;

  constructor(
    private readonly repo: RepoContext,
    private readonly options: { trailer: boolean; env: Readonly<Record<string, string | undefined>> },
  ) {
    this.ruruDir = join(repo.topLevel, '.ruru');
    this.sessionsDir = join(this.ruruDir, 'sessions');
  }

  sessionDir(id: string): string {
    return join(this.sessionsDir, id);
  }

  logPath(id: string): string {
    return join(this.sessionDir(id), 'session_log.md');
  }

  /** Folder names under `.ruru/sessions/`, sorted. */
  listIds(): string[] {
    let names: string[];
    try {
      // A `.ruru` or `.ruru/sessions` that is a link would list folders outside the repository (check reports it).
      assertNoLinkBelow(this.repo.topLevel, this.sessionsDir);
      names = readdirSync(this.sessionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      return [];
    }
    return names.sort();
  }

  exists(id: string): boolean {
    return existsSync(this.sessionDir(id));
  }

  /**
   * Reads and parses one session's log; a parse error names file and line (exit 2). The read is bounded
   * (`readRegularFile`): a log that is a symlink, a FIFO, a folder or larger than 8 MiB is refused (exit 3).
   */
  read(id: string): LoadedSession {
    const logPath = this.logPath(id);
    let text: string;
    try {
      text = readUtf8(logPath, { root: this.repo.topLevel, display: this.displayPath(logPath) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new UnknownSessionIdError({
        what: `session \`${escapeTerminalLine(id)}\` has no log at ${escapeTerminalLine(logPath)}`,
        next: 'roo session list --all',
        hint: 'to see the sessions roo knows',
      });
    }
    return { id, logPath, doc: parseSessionLog(text, logPath) };
  }

  /** `path` relative to the repository root, `/`-separated, as errors name files. */
  private displayPath(path: string): string {
    return relative(this.repo.topLevel, path).split(sep).join('/');
  }

  /** Reads every session of this worktree; one unreadable log never stops the others (docs/formats.md). */
  readAll(): SessionRecord[] {
    return this.listIds().map((id) => {
      const logPath = this.logPath(id);
      try {
        return { id, logPath, doc: this.read(id).doc };
      } catch (error) {
        return { id, logPath, error: error as Error };
      }
    });
  }

  /** Writes a session's log atomically, refusing a read-only `.ruru/` before touching anything. */
  write(id: string, text: string): void {
    this.assertWritable(id);
    writeTextAtomic(this.logPath(id), text);
  }

  assertWritable(id?: string): void {
    assertWritable(this.ruruDir);
    assertWritable(this.sessionsDir);
    if (id !== undefined) assertWritable(this.sessionDir(id));
  }

  // --- branch map -------------------------------------------------------------------------------------------

  private branchMapFile(branch: string): string {
    return join(this.repo.commonDir, 'roo', 'branches', branch);
  }

  /** The Active session recorded for `branch`, if any (not verified against the working tree). */
  lookupBranch(branch: string): string | undefined {
    try {
      // Bounded and non-blocking: a FIFO or a folder in the map is no entry (doctor reports it).
      const id = readRegularFile(this.branchMapFile(branch), { maxBytes: 4096 }).toString('utf8').trim();
      return id === '' ? undefined : id;
    } catch {
      return undefined;
    }
  }

  /** Records `id` as the Active session of `branch` (read by the prepare-commit-msg hook for the trailer). */
  mapBranch(branch: string, id: string): void {
    const file = this.branchMapFile(branch);
    const what = `the branch map entry of \`${branch}\``;
    assertStateFile(file, what);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${id}\n`);
    } catch (error) {
      // A file where a folder of the map belongs (the entry of branch `a` when mapping `a/b`), or the reverse.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') throw damagedStateError(file, what);
      throw error;
    }
    this.syncTrailerFlag();
  }

  /** Forgets `branch`'s Active session (only if it is `id`, when given). */
  unmapBranch(branch: string, id?: string): void {
    if (id !== undefined && this.lookupBranch(branch) !== id) return;
    rmSync(this.branchMapFile(branch), { force: true });
  }

  /** `trailer = false` in config is mirrored as a flag file the hook can test without parsing TOML. */
  syncTrailerFlag(): void {
    const flag = join(this.repo.commonDir, 'roo', 'no-trailer');
    if (this.options.trailer) rmSync(flag, { force: true });
    else {
      mkdirSync(dirname(flag), { recursive: true });
      writeFileSync(flag, 'trailer = false in .ruru/config.toml\n');
    }
  }

  // --- resolution -------------------------------------------------------------------------------------------

  /**
   * The session a command acts on: `--session`, else `ROO_SESSION_ID`, else the Active session mapped to the
   * branch checked out in this worktree. Only sessions whose folder is in this worktree qualify.
   */
  async resolve(query: string | undefined, options: { anyStatus?: boolean } = {}): Promise<LoadedSession> {
    const q = query ?? this.options.env.ROO_SESSION_ID;
    if (q !== undefined && q !== '') {
      let id: string;
      try {
        id = await resolveSessionQuery(q, [this.idSource()]);
      } catch (error) {
        if (error instanceof UnknownSessionIdError) await this.explainElsewhere(q, error);
        throw error;
      }
      return this.read(id);
    }
    const active = await this.active();
    if (active) return active;
    const head = { branch: await currentBranch(this.repo) };
    const latest = head.branch === null ? undefined : this.latestOnBranch(head.branch);
    if (latest !== undefined) {
      // Reading or closing a finished session: the branch's latest one, whatever its status. Writing to it: why not.
      const s = this.read(latest);
      if (options.anyStatus) return s;
      assertTakesEntries(s.id, s.doc.meta.status);
    }
    if (head.branch === null) {
      // A rebase (or bisect) detaches HEAD: say that, not just "detached".
      await assertNoOperation(this.repo, 'find the active session');
    } else {
      // The branch's session could not be read: its parse error (file:line, exit 2) is the real problem.
      const mapped = this.lookupBranch(head.branch);
      if (mapped !== undefined && this.exists(mapped)) this.read(mapped);
    }
    // When this branch had a session (paused, ended), the hint names it rather than a placeholder.
    const known = head.branch === null ? undefined : this.latestOnBranch(head.branch);
    throw new NoActiveSessionError({
      branch: head.branch === null ? null : escapeTerminalLine(head.branch),
      last: known,
      unread: head.branch === null ? [] : this.unreadLogs(),
    });
  }

  /**
   * When no session could be found: the logs of this worktree roo refused to read (a link, a FIFO, a folder),
   * which may be why (lstat only: cheap, and only on this failure path).
   */
  private unreadLogs(): string[] {
    const refused: string[] = [];
    for (const id of this.listIds()) {
      const st = lstatSync(this.logPath(id), { throwIfNoEntry: false });
      if (st !== undefined && !st.isFile())
        refused.push(escapeTerminalLine(`${this.displayPath(this.logPath(id))} ${describeFileKind(st)}`));
    }
    return refused;
  }

  /** The Active session mapped to this worktree's branch, via the branch map, else a scan (and the map is mended). */
  async active(): Promise<LoadedSession | undefined> {
    const branch = await currentBranch(this.repo);
    if (branch === null) return undefined;
    const head = { branch };
    const mapped = this.lookupBranch(head.branch);
    let unreadable = false;
    if (mapped !== undefined && this.exists(mapped)) {
      try {
        const s = this.read(mapped);
        if (s.doc.meta.status === SessionStatus.Active && s.doc.meta.branch === head.branch) return s;
      } catch {
        // An unreadable mapped log falls through to the scan, which reports nothing active for it.
        unreadable = true;
      }
    }
    // Frontmatter first (the same answer as the full parse, several times faster over thousands of logs).
    const candidates = this.branchCandidates(head.branch).filter((c) => c.status === SessionStatus.Active);
    while (candidates.length > 0) {
      const id = pickBranchSession(candidates, head.branch, { anyStatus: false });
      if (id === undefined) break;
      candidates.splice(
        candidates.findIndex((c) => c.id === id),
        1,
      );
      let s: LoadedSession;
      try {
        s = this.read(id);
      } catch {
        continue;
      }
      if (s.doc.meta.status === SessionStatus.Active && s.doc.meta.branch === head.branch) {
        this.mapBranch(head.branch, id);
        return s;
      }
    }
    const renamed = this.activeUnderFormerName(head.branch);
    if (renamed !== undefined) return renamed;
    // A mapped log that cannot be read is not a stale mapping: keep it, so `resolve` can report why.
    if (mapped !== undefined && !unreadable) this.unmapBranch(head.branch, mapped);
    return undefined;
  }

  /** The sessions of this worktree mapped to `branch`, as the "which session" rule sees them (frontmatter only). */
  private branchCandidates(branch: string): BranchSessionCandidate[] {
    const found: BranchSessionCandidate[] = [];
    for (const id of this.listIds()) {
      const meta = this.readMeta(id);
      if (meta === undefined || meta.branch !== branch) continue;
      found.push({ id, status: meta.status, branch: meta.branch, startTime: meta.startTime });
    }
    return found;
  }

  /** The latest session of this worktree on `branch`, whatever its status (core's `pickBranchSession`). */
  latestOnBranch(branch: string): string | undefined {
    return pickBranchSession(this.branchCandidates(branch), branch, { anyStatus: true });
  }

  /** Whether `branch` was called `name` before a `git branch -m` (its reflog says so). */
  isFormerName(branch: string, name: string): boolean {
    return formerBranchNames(readBranchReflog(this.repo.commonDir, branch), branch).includes(name);
  }

  /** The branch map follows a session whose branch was renamed from `from` to `to` (callers: only while Active). */
  followRename(id: string, from: string, to: string): void {
    if (from === to || from === '' || to === '') return;
    this.unmapBranch(from, id);
    this.mapBranch(to, id);
  }

  /**
   * The Active session of `branch` under a name the branch had before `git branch -m` (its reflog records the
   * rename): the branch map follows the new name, and the log's `branch` follows at the next fold.
   */
  private activeUnderFormerName(branch: string): LoadedSession | undefined {
    const former = formerBranchNames(readBranchReflog(this.repo.commonDir, branch), branch);
    if (former.length === 0) return undefined;
    const names = new Set(former);
    const mapped = former.flatMap((name) => {
      const id = this.lookupBranch(name);
      return id === undefined ? [] : [id];
    });
    for (const id of [...mapped, ...this.listIds().filter((id) => !mapped.includes(id))]) {
      if (!this.exists(id)) continue;
      const meta = this.readMeta(id);
      if (meta?.status !== SessionStatus.Active || !names.has(meta.branch)) continue;
      let s: LoadedSession;
      try {
        s = this.read(id);
      } catch {
        continue;
      }
      this.followRename(id, meta.branch, branch);
      return s;
    }
    return undefined;
  }

  /**
   * The sessions of this worktree as an ID source: the folder names, and titles read (frontmatter only) just for
   * the IDs asked about. An unreadable log has the title ''.
   */
  idSource(): SessionIdSource {
    const ids = this.listIds();
    const known = new Set(ids);
    return {
      ids: () => ids,
      has: (id) => known.has(id),
      titles: async (wanted) => new Map(wanted.map((id) => [id, this.readMeta(id)?.title ?? ''])),
    };
  }

  /**
   * What `list` reads of a log (see `readCachedMeta`): the same values as {@link read}'s full parse, from the
   * frontmatter alone; undefined when the log cannot be read.
   */
  private readMeta(id: string): CachedMeta | undefined {
    let bytes: Buffer;
    try {
      bytes = readRegularFile(this.logPath(id), { root: this.repo.topLevel });
    } catch {
      return undefined;
    }
    const meta = readCachedMeta(bytes);
    return meta.error === undefined ? meta : undefined;
  }

  /** When a session is not in this worktree but exists on another branch, say how to get there. */
  private async explainElsewhere(query: string, original: UnknownSessionIdError): Promise<void> {
    const { RefSessions } = await import('./remoteSessions.js');
    const elsewhere = await RefSessions.read(this.repo);
    let id: string;
    try {
      id = await resolveSessionQuery(query, [elsewhere]);
    } catch {
      throw original;
    }
    throw new PreconditionError({
      what: `session \`${id}\` is not in this worktree: it lives on \`${elsewhere.firstRef(id)}\``,
      next: `roo session continue ${id}`,
      hint: 'to switch to it',
    });
  }
}
