import { PassThrough, Writable } from 'node:stream';
import type { AppContext } from '@roo-session/app/context';
import {
  sessionArtifactNew,
  sessionBrief,
  sessionCheckpoint,
  sessionEnd,
  sessionIds,
  sessionLog,
  sessionRead,
  sessionStart,
  sessionTask,
} from '@roo-session/app/useCases/index';
import { type LogEntryType, RooError } from '@roo-session/core';
import type { RepoContext } from '@roo-session/git';
import { discoverRepo } from '@roo-session/git/discover';
import type { RooContext } from '../context.js';
import { type JsonError, jsonErrorOf } from '../reportError.js';

/**
 * The MCP server's tools and resources (docs/mcp.md) over the use cases of `@roo-session/app`, in one repository —
 * the one the server was started in. The repository's paths are discovered once; the session is resolved at every
 * call, so a session started, ended or switched to under the running server is the one the next call sees.
 */
export class RooTools {
  private paths: RepoContext | undefined;

  /** `base` is the server's own context; its stdout must not be the protocol channel (see {@link mcpContext}). */
  constructor(private readonly base: RooContext) {}

  /** The repository's paths, discovered once (one `git rev-parse`) and kept for the server's lifetime. */
  async repoPaths(): Promise<RepoContext> {
    this.paths ??= await discoverRepo(this.base.cwd, this.base.env as NodeJS.ProcessEnv);
    return this.paths;
  }

  /** The use cases' context for one call: at the repository's top, notes logged on stderr. */
  private async app(): Promise<AppContext> {
    const { stderr, env, now } = this.base;
    const cwd = (await this.repoPaths()).topLevel;
    return { cwd, env, now, note: (line) => stderr.write(`roo mcp: ${line}\n`) };
  }

  /** `roo session status [<id>]`, compactly: what the session is, where its files are, its latest entries. */
  async status(args: { session?: string | undefined }) {
    return sessionBrief(await this.app(), args);
  }

  /** `roo session start`: the new session's ID, branch and files. */
  async start(args: {
    goal: string;
    description?: string | undefined;
    tags?: string[] | undefined;
    here?: boolean | undefined;
    branch?: string | undefined;
    coordinator?: string | undefined;
  }) {
    return sessionStart(await this.app(), args);
  }

  /**
   * `roo session log [--type <type>]`, a multi-line message kept as one entry. The common case costs a few file
   * reads and one append: the repository's paths are already known.
   */
  async log(args: { message: string; type?: LogEntryType | undefined; session?: string | undefined }) {
    const repo = await this.repoPaths();
    return sessionLog(await this.app(), { ...args, seen: 'the `message` was blank' }, { repo });
  }

  /** `roo session artifact new`, optionally with the file's content; `path` is absolute. */
  async artifact(args: {
    type: string;
    description: string;
    content?: string | undefined;
    ext?: string | undefined;
    session?: string | undefined;
  }) {
    return sessionArtifactNew(await this.app(), args);
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
    const { to, from, ...rest } = args;
    return sessionTask(await this.app(), { ...rest, mode: args.action === 'delegate' ? to : from });
  }

  /** `roo session checkpoint`: the pending entries folded in and the folder committed (coalescing). */
  async checkpoint(args: { session?: string | undefined; allowSecrets?: boolean | undefined }) {
    return sessionCheckpoint(await this.app(), args);
  }

  /** `roo session end [--error <message>]` (idempotent). */
  async end(args: {
    session?: string | undefined;
    error?: string | undefined;
    allowSecrets?: boolean | undefined;
  }) {
    return sessionEnd(await this.app(), args);
  }

  /** The log as `roo session show` prints it (pending records folded in): the active session's, or `id`'s. */
  async logText(id: string | undefined): Promise<{ id: string; text: string }> {
    const { session } = await sessionRead(await this.app(), { session: id });
    return { id: session.id, text: session.doc.text };
  }

  /** The sessions whose folders are in this worktree (for the resource template's listing). */
  async sessionIds(): Promise<string[]> {
    return sessionIds(await this.app());
  }
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
  // stdinFd too: the process's fd 0 carries the protocol, never a command's input.
  const own = { stdin, stdinFd: undefined, stdout, cwd, isTTY: false, colorDepth: 1 };
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
