import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { recordEntryFast } from '@roo-session/app/fast/activeSession';
import { createArtifact } from '@roo-session/app/ops/artifacts';
import { shapeEntryText } from '@roo-session/app/ops/entryText';
import { type ReadSession, readSessionForDisplay } from '@roo-session/app/ops/readSession';
import { recordEntry } from '@roo-session/app/ops/recordEntry';
import { startSession } from '@roo-session/app/ops/startSession';
import { recordTask } from '@roo-session/app/ops/tasks';
import { changeStatusAndCommit, checkpointSession } from '@roo-session/app/ops/transitions';
import { Workspace } from '@roo-session/app/store/Workspace';
import {
  freeEntry,
  type LogEntry,
  type LogEntryType,
  RooError,
  SessionStatus,
  UsageError,
} from '@roo-session/core';
import { discoverRepoPaths, type RepoPaths } from '@roo-session/git/discover';
import { appContext, type RooContext } from '../context.js';
import { type JsonError, jsonErrorOf } from '../reportError.js';

/** How many of the latest entries `status` returns. */
const LAST_ENTRIES = 5;

/**
 * The use cases behind the MCP server's tools and resources (docs/mcp.md), free of the SDK: each one runs what the
 * matching `roo` command runs (Workspace, SessionStore, src/session/*), in one repository — the one the server was
 * started in. The repository's paths are discovered once; the session is resolved at every call, so a session
 * started, ended or switched to under the running server is the one the next call sees.
 */
export class RooTools {
  private paths: Pick<RepoPaths, 'topLevel' | 'gitDir' | 'commonDir'> | undefined;

  /** `base` is the server's own context; its stdout must not be the protocol channel (see {@link mcpContext}). */
  constructor(private readonly base: RooContext) {}

  /** The repository's paths, discovered once (one `git rev-parse`) and kept for the server's lifetime. */
  async repoPaths(): Promise<Pick<RepoPaths, 'topLevel' | 'gitDir' | 'commonDir'>> {
    if (this.paths === undefined) {
      const found = await discoverRepoPaths(this.base.cwd, this.base.env as NodeJS.ProcessEnv);
      this.paths = { topLevel: found.topLevel, gitDir: found.gitDir, commonDir: found.commonDir };
    }
    return this.paths;
  }

  /** The workspace as a command sees it, opened for this call: config and session state are read afresh. */
  private async open(): Promise<Workspace> {
    const cwd = (await this.repoPaths()).topLevel;
    return Workspace.open({ ...appContext(this.base), cwd });
  }

  private files(ws: Workspace, id: string): { folder: string; logPath: string } {
    const folder = ws.sessionDir(id);
    return { folder, logPath: ws.store.logPath(id) };
  }

  /** `roo session status [<id>]`, compactly: what the session is, where its files are, its latest entries. */
  async status(args: { session?: string | undefined }) {
    const ws = await this.open();
    const s = await readSessionForDisplay(ws, args.session);
    return describe(ws, s, this.files(ws, s.id));
  }

  /** `roo session start`: returns the new session's ID, branch and files. */
  async start(args: {
    goal: string;
    description?: string | undefined;
    tags?: string[] | undefined;
    here?: boolean | undefined;
    branch?: string | undefined;
    coordinator?: string | undefined;
  }) {
    if (args.here && args.branch !== undefined) {
      throw new UsageError(
        '`here` and `branch` do not go together: `here` uses the current branch\n' +
          'run `roo session start --here <goal>` or `roo session start --branch <name> <goal>`',
      );
    }
    const ws = await this.open();
    const { id, branch } = await startSession(ws, {
      goal: args.goal,
      here: args.here ?? false,
      tags: args.tags ?? [],
      ...(args.branch !== undefined && !args.here ? { branch: args.branch } : {}),
      ...(args.coordinator !== undefined ? { coordinator: args.coordinator } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
    });
    return { id, branch, status: SessionStatus.Active as string, ...this.files(ws, id) };
  }

  /**
   * `roo session log [--type <type>]`, with a multi-line message kept as one entry (its first line after the
   * timestamp, the others indented under it when the log is rendered). The common case — the active session,
   * mapped to the branch checked out — costs a few file reads and one append (`recordEntryFast`); anything else
   * takes the command's full path.
   */
  async log(args: { message: string; type?: LogEntryType | undefined; session?: string | undefined }) {
    const message = entryMessage(args.message);
    const type = args.type ?? 'note';
    const payload = { entry: freeEntry(type, message), type };
    const at = this.base.now();
    const q = args.session ?? this.base.env.ROO_SESSION_ID;
    if (q === undefined || q === '') {
      const id = recordEntryFast(await this.repoPaths(), { at, payload });
      if (id !== undefined) return { id, type, time: at.toISOString(), text: payload.entry };
    }
    const ws = await this.open();
    const s = await ws.store.resolve(args.session);
    await recordEntry(ws, s, payload);
    return { id: s.id, type, time: at.toISOString(), text: payload.entry };
  }

  /** `roo session artifact new`, optionally with the file's content; returns the file's absolute path. */
  async artifact(args: {
    type: string;
    description: string;
    content?: string | undefined;
    ext?: string | undefined;
    session?: string | undefined;
  }) {
    const ws = await this.open();
    const s = await ws.store.resolve(args.session);
    const rel = await createArtifact(ws, s, {
      type: args.type,
      description: args.description,
      ...(args.ext !== undefined ? { ext: args.ext } : {}),
      ...(args.content !== undefined ? { content: args.content } : {}),
    });
    return { id: s.id, path: join(ws.repo.topLevel, rel) };
  }

  /** `roo session task link | delegate --to <mode> | result --from <mode>`. */
  async task(args: {
    action: 'link' | 'delegate' | 'result';
    taskId: string;
    to?: string | undefined;
    from?: string | undefined;
    text?: string | undefined;
    session?: string | undefined;
  }) {
    const action = taskAction(args);
    const ws = await this.open();
    const s = await ws.store.resolve(args.session);
    const r = await recordTask(ws, s, args.taskId, action);
    return {
      id: s.id,
      action: args.action,
      taskId: r.taskId,
      taskFile: r.file === undefined ? null : join(ws.repo.topLevel, r.file),
    };
  }

  /** `roo session checkpoint`: the pending entries folded in and the folder committed (coalescing). */
  async checkpoint(args: { session?: string | undefined; allowSecrets?: boolean | undefined }) {
    const ws = await this.open();
    const s = await ws.store.resolve(args.session);
    const commit = await checkpointSession(ws, s, {
      allowSecrets: args.allowSecrets ?? false,
      command: 'roo session checkpoint',
    });
    return { id: s.id, commit };
  }

  /** `roo session end [--error <message>]` (idempotent). */
  async end(args: {
    session?: string | undefined;
    error?: string | undefined;
    allowSecrets?: boolean | undefined;
  }) {
    const ws = await this.open();
    const s = await ws.store.resolve(args.session, { anyStatus: true });
    const failed = args.error !== undefined;
    const { commit, already } = await changeStatusAndCommit(
      ws,
      s,
      failed ? SessionStatus.Error : SessionStatus.Completed,
      {
        event: failed ? 'error' : 'end',
        allowSecrets: args.allowSecrets ?? false,
        command: 'roo session end',
        ...(failed ? { errorMessage: args.error! } : {}),
      },
    );
    return {
      id: s.id,
      status: (failed ? SessionStatus.Error : SessionStatus.Completed) as string,
      already,
      commit,
    };
  }

  /** The log as `roo session show` prints it (pending records folded in): the active session's, or `id`'s. */
  async logText(id: string | undefined): Promise<{ id: string; text: string }> {
    const ws = await this.open();
    const s = await readSessionForDisplay(ws, id);
    return { id: s.id, text: s.doc.text };
  }

  /** The sessions whose folders are in this worktree (for the resource template's listing). */
  async sessionIds(): Promise<string[]> {
    const ws = await this.open();
    return ws.store.listIds();
  }
}

function describe(ws: Workspace, s: ReadSession, files: { folder: string; logPath: string }) {
  const meta = s.doc.meta;
  return {
    id: s.id,
    title: meta.title,
    status: meta.statusRaw,
    branch: meta.branch,
    // `worktree` when the folder is checked out here; else the branch the session was read from.
    where: s.where,
    ...(s.where === 'worktree' ? files : { folder: null, logPath: null }),
    pendingEntries: s.pending,
    entries: s.doc.entries.length,
    lastEntries: s.doc.entries.slice(-LAST_ENTRIES).map(entryLine),
    repository: ws.repo.topLevel,
  };
}

/** An entry as one compact line: its timestamp and text, without roo's key. */
function entryLine(e: LogEntry): string {
  return e.raw
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/\s*<!-- roo:\S+ -->\s*$/, '')
    .trim();
}

/**
 * A log message as one entry's text, exactly as `roo session log --stdin` shapes it (`shapeEntryText`: the first
 * line after the timestamp, the others indented by two spaces); a blank one is refused as the command refuses it.
 */
export function entryMessage(message: string): string {
  const text = shapeEntryText(message);
  if (text.trim() === '') {
    throw new UsageError(
      'no message to log (the `message` was blank); nothing was logged\n' +
        'run `roo session log <message>`, or call the `log` tool with some text in `message`',
    );
  }
  return text;
}

function taskAction(args: {
  action: 'link' | 'delegate' | 'result';
  to?: string | undefined;
  from?: string | undefined;
  text?: string | undefined;
}) {
  if (args.action === 'link') return { kind: 'link' as const };
  const mode = args.action === 'delegate' ? args.to : args.from;
  const flag = args.action === 'delegate' ? 'to' : 'from';
  const what = args.action === 'delegate' ? 'objective' : 'summary';
  if (mode === undefined || mode.trim() === '' || args.text === undefined || args.text.trim() === '') {
    throw new UsageError(
      `task ${args.action} needs \`${flag}\` (the mode) and \`text\` (the ${what}); seen ${flag}=${JSON.stringify(mode ?? null)}, text=${JSON.stringify(args.text ?? null)}; nothing was logged\n` +
        `run \`roo session task ${args.action} <TASK-ID> --${flag} <mode> <${what}>\``,
    );
  }
  const text = args.text.replace(/\s+/g, ' ').trim();
  return args.action === 'delegate'
    ? { kind: 'delegate' as const, mode: mode.trim(), objective: text }
    : { kind: 'result' as const, mode: mode.trim(), summary: text };
}

/**
 * The context the server's use cases run in: the process's environment and clock, in `cwd`, with stdout sent to
 * stderr — stdout carries the protocol and nothing else — and an empty stdin.
 */
export function mcpContext(base: RooContext, cwd: string): RooContext {
  const stderr = base.stderr;
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      stderr.write(chunk);
      done();
    },
  });
  const stdin = new PassThrough();
  stdin.end();
  // Object.create, not a spread: a command's context reads some properties (the clock, stdin) through its prototype.
  const own = { stdin, stdout, cwd, isTTY: false, colorDepth: 1 };
  return Object.create(
    base,
    Object.fromEntries(Object.entries(own).map(([k, value]) => [k, { value, enumerable: true }])),
  ) as RooContext;
}

/**
 * What a failed call returns: the error object `roo <command> --json` prints (reportError.ts, docs/json-schema.md)
 * — its stable code, exit code, the message (what is wrong, what was seen) and the command to run next — and
 * whether it is one of roo's known failures (anything else is a bug).
 */
export function describeError(error: unknown): JsonError['error'] & { known: boolean } {
  return { ...jsonErrorOf(error, 'mcp').error, known: error instanceof RooError };
}
