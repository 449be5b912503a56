import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
// Subpath imports only: this runs in the fast paths' bundle (bundle.mjs), which must stay small.
import { parseConfig } from '@roo-session/core/config';
import { whatOf } from '@roo-session/core/errors';
import { freeEntry } from '@roo-session/core/log/entries';
import type { RepoContext } from '@roo-session/git';
import { discoverRepo } from '@roo-session/git/discover';
import type { AppContext } from '../context.js';
import { readMappedActiveSession } from '../fast/activeSession.js';
import { appendJournalRecord } from '../store/journalRecords.js';
import { MAX_PAYLOAD_BYTES, parsePayload, payloadCwd, payloadPrompt, promptEntryText } from './payload.js';
import { type AgentId, type HookEvent, isAgentId, isHookEvent } from './specs.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * What an agent hook needs of its context: the folder, the environment and the clock; where the agent's payload
 * comes from; how to start roo again for the turn-end checkpoint. The front end fills in the last two from its
 * process (the CLI's `processContext`), or from what hosts it (a test running roo in process).
 */
export type HookContext = Pick<AppContext, 'cwd' | 'env' | 'now'> & {
  /** The payload when `stdinFd` is absent. */
  stdin: NodeJS.ReadableStream;
  /** A file descriptor holding the payload, read synchronously (the process's fd 0: less start-up than a stream). */
  stdinFd?: number;
  /** node and the script to run (bin/roo.js); without it the turn-end checkpoint is not started. */
  rooCommand?: readonly string[];
};

/** A parsed hook invocation, and the payload the agent gave on stdin. */
export type HookCall = { agent: AgentId; event: HookEvent; payload: Record<string, unknown> };

/**
 * `roo agents hook <agent> <event>` (docs/agents.md): what an agent runs at each prompt, turn end and session
 * start. It never fails the agent: every outcome is exit 0, and nothing is printed except the session context at
 * session start. A prompt becomes one journal record (kind `prompt`) of the active session; a turn end starts a
 * detached `roo session checkpoint` (the agent does not wait for it). Returns the parsed call for `start`, which
 * the full command line answers (it reads the whole log), undefined when it is done.
 */
export async function runAgentHookFast(
  args: readonly string[],
  ctx: HookContext,
): Promise<HookCall | undefined> {
  const [agent = '', event = ''] = args;
  if (args.length !== 2 || !isAgentId(agent) || !isHookEvent(event)) return undefined;
  if (ctx.env.ROO_HOOKS === '0') return undefined;
  const payload = parsePayload(
    ctx.stdinFd === undefined ? await readStream(ctx.stdin) : readStdin(ctx.stdinFd),
  );
  if (event === 'start') return { agent, event, payload };
  const found = await activeSession(payloadCwd(payload) ?? ctx.cwd, ctx);
  if (found === undefined) return undefined;
  if (event === 'prompt') recordPrompt(agent, payload, found, ctx);
  else startCheckpoint(found.repo, ctx);
  return undefined;
}

type Found = { repo: RepoContext; branch: string; id: string };

/**
 * The Active session mapped to the branch checked out, as `roo session log`'s fast path finds it, or undefined
 * (not a repository, detached HEAD, no session, a log that does not read): the hook then does nothing.
 */
export async function activeSession(cwd: string, ctx: HookContext): Promise<Found | undefined> {
  const q = ctx.env.ROO_SESSION_ID;
  if (q !== undefined && q !== '') return undefined;
  let repo: RepoContext;
  try {
    repo = await discoverRepo(cwd, ctx.env as NodeJS.ProcessEnv);
  } catch {
    return undefined;
  }
  const mapped = readMappedActiveSession(repo);
  if (mapped === undefined) return undefined;
  return { repo, ...mapped };
}

/** Appends the prompt as a `prompt` record, unless `.ruru/config.toml` says `agentPrompts = false`. */
function recordPrompt(
  agent: AgentId,
  payload: Record<string, unknown>,
  found: Found,
  ctx: HookContext,
): void {
  const prompt = payloadPrompt(agent, payload);
  if (prompt === undefined || !promptsWanted(found.repo.topLevel)) return;
  const text = promptEntryText(prompt);
  if (text === '') return;
  try {
    appendJournalRecord(
      { commonDir: found.repo.commonDir, gitDir: found.repo.gitDir },
      {
        branch: found.branch,
        session: found.id,
        at: ctx.now(),
        payload: { entry: freeEntry('prompt', text), type: 'prompt' },
      },
    );
  } catch (error) {
    noteHookError(found.repo, agent, 'prompt', error);
  }
}

/** `agentPrompts` of `.ruru/config.toml` (default true); a config that does not parse records nothing. */
export function promptsWanted(topLevel: string): boolean {
  const file = join(topLevel, '.ruru', 'config.toml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  try {
    return parseConfig(text, file).config.agentPrompts;
  } catch {
    return false;
  }
}

/** `<common>/roo/agents/`: the adapters' state (what install changed) and the turn-end checkpoint's lock. */
export const agentsStateDir = (commonDir: string): string => join(commonDir, 'roo', 'agents');

/** The turn-end checkpoint running now (its pid), created with O_EXCL so two turn ends start one process. */
export const checkpointPidFile = (commonDir: string): string =>
  join(agentsStateDir(commonDir), 'checkpoint.pid');
/** Set by a turn end that came while a checkpoint was running: that checkpoint runs once more. */
export const checkpointAgainFile = (commonDir: string): string =>
  join(agentsStateDir(commonDir), 'checkpoint.again');

/**
 * Starts `roo agents checkpoint-turn` detached (own process group, stdio ignored, unref'd), so the agent's turn
 * ends at once; the child checkpoints the session and removes the pid file. When one is already running, leaves
 * a flag for it to run again instead of racing it for the branch.
 */
function startCheckpoint(repo: RepoContext, ctx: HookContext): void {
  const dir = agentsStateDir(repo.commonDir);
  const pidFile = checkpointPidFile(repo.commonDir);
  try {
    mkdirSync(dir, { recursive: true });
    if (!takeLock(pidFile)) {
      writeFileSync(checkpointAgainFile(repo.commonDir), '');
      return;
    }
    // The running roo: node and the script it was started with (bin/roo.js), as an agent's PATH found it.
    const [node, ...script] = ctx.rooCommand ?? [];
    if (node === undefined) {
      unlinkSync(pidFile);
      return;
    }
    const child = spawn(node, [...script, 'agents', 'checkpoint-turn'], {
      cwd: repo.topLevel,
      env: ctx.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
    });
    child.on('error', () => undefined);
    if (child.pid !== undefined) writeFileSync(pidFile, `${child.pid}\n`);
    child.unref();
  } catch (error) {
    noteHookError(repo, 'agent', 'stop', error);
  }
}

/** Creates the pid file exclusively; a file naming a process that is gone (or empty for 60 s) is taken over. */
function takeLock(pidFile: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(pidFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644));
      return true;
    } catch {
      if (isLockAlive(pidFile)) return false;
      try {
        unlinkSync(pidFile);
      } catch {
        // Another hook took it over first: try once more.
      }
    }
  }
  return false;
}

/** Whether the pid file names a running process (or is a fresh empty file: its writer is about to fill it). */
export function isLockAlive(pidFile: string): boolean {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8').trim();
  } catch {
    return false;
  }
  if (text === '') {
    try {
      return Date.now() - statSync(pidFile).mtimeMs < 60_000;
    } catch {
      return false;
    }
  }
  const pid = Number(text);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One line in `<common>/roo/hook-errors.log`, as the git hooks write it (docs/journal.md); never throws. */
export function noteHookError(
  repo: { commonDir: string },
  agent: string,
  event: string,
  error: unknown,
): void {
  const what = whatOf(error);
  try {
    appendFileSync(join(repo.commonDir, 'roo', 'hook-errors.log'), `${agent} ${event} hook: ${what}\n`);
  } catch {
    // Nowhere left to say it: the hook stays silent.
  }
}

/**
 * The hook's stdin (the file descriptor `fd`), at most {@link MAX_PAYLOAD_BYTES}, read synchronously (a pipe or a
 * file; nothing from a terminal). Empty when there is none or it cannot be read.
 */
function readStdin(fd: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  let waits = 0;
  try {
    const st = fstatSync(fd);
    if (st.isCharacterDevice()) return '';
    const buf = Buffer.alloc(64 * 1024);
    while (total < MAX_PAYLOAD_BYTES) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, Math.min(buf.length, MAX_PAYLOAD_BYTES - total), null);
      } catch (error) {
        // A non-blocking pipe with nothing yet: wait for the agent to write, at most ~2 s in all.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && waits++ < 400) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
    }
  } catch {
    // No stdin (closed, a socket that will not read): an empty payload.
  }
  return utf8.decode(Buffer.concat(chunks));
}

/** A stdin that is not the process's own (roo run in process by a host), read as {@link readStdin} reads fd 0. */
async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.from(chunk as Uint8Array);
      chunks.push(buf.subarray(0, MAX_PAYLOAD_BYTES - total));
      total += Math.min(buf.length, MAX_PAYLOAD_BYTES - total);
      if (total >= MAX_PAYLOAD_BYTES) break;
    }
  } catch {
    // A stream that fails: an empty payload, as for an unreadable fd.
  }
  return utf8.decode(Buffer.concat(chunks));
}
