import { SessionStatus, UsageError } from '@roo-session/core';
import type { AppContext } from '../context.js';
import { continueSession } from '../ops/continueSession.js';
import { startSession } from '../ops/startSession.js';
import { changeStatusAndCommit, checkpointSession } from '../ops/transitions.js';
import { Workspace } from '../store/Workspace.js';

/** The session a command means: an ID, a unique prefix or part of its ID or title; the active one when absent. */
export type SessionQuery = { session?: string | undefined };
/** Commit even if the secret scan finds credentials (this call only). */
export type SecretsChoice = { allowSecrets?: boolean | undefined };

export type StartInput = SecretsChoice & {
  goal: string;
  description?: string | undefined;
  tags?: readonly string[] | undefined;
  /** Map the session to the branch checked out instead of a new `session/<ID>` branch. */
  here?: boolean | undefined;
  branch?: string | undefined;
  coordinator?: string | undefined;
};

/** `roo session start`: a new session folder, committed on its branch (docs/commands.md). */
export async function sessionStart(ctx: AppContext, input: StartInput) {
  if (input.here && input.branch !== undefined) {
    throw new UsageError({
      what: '`--here` and `--branch` do not go together: `--here` uses the current branch',
      next: 'roo session start --here <goal>',
      hint: 'or `roo session start --branch <name> <goal>`',
    });
  }
  const ws = await Workspace.open(ctx);
  const { id, branch } = await startSession(ws, {
    goal: input.goal,
    here: input.here ?? false,
    tags: [...(input.tags ?? [])],
    allowSecrets: input.allowSecrets ?? false,
    ...(input.branch !== undefined && !input.here ? { branch: input.branch } : {}),
    ...(input.coordinator !== undefined ? { coordinator: input.coordinator } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  });
  return { id, title: input.goal, status: SessionStatus.Active, branch, ...ws.files(id) };
}

/** `roo session checkpoint`: pending entries folded in and the folder committed; `commit` null when nothing changed. */
export async function sessionCheckpoint(ctx: AppContext, input: SessionQuery & SecretsChoice) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session);
  const commit = await checkpointSession(ws, s, {
    allowSecrets: input.allowSecrets ?? false,
    command: 'roo session checkpoint',
  });
  return { id: s.id, commit, ...ws.files(s.id) };
}

/** `roo session pause` (idempotent): the session Paused and committed; `next` resumes it. */
export async function sessionPause(ctx: AppContext, input: SessionQuery & SecretsChoice) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session, { anyStatus: true });
  const { commit, already } = await changeStatusAndCommit(ws, s, SessionStatus.Paused, {
    event: 'pause',
    allowSecrets: input.allowSecrets ?? false,
    command: 'roo session pause',
  });
  const next = `roo session continue ${s.id}`;
  return { id: s.id, status: SessionStatus.Paused, commit, already, next, ...ws.files(s.id) };
}

/** `roo session end [--error <message>]` (idempotent): Completed (or Error), `end_time`, committed. */
export async function sessionEnd(
  ctx: AppContext,
  input: SessionQuery & SecretsChoice & { error?: string | undefined },
) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session, { anyStatus: true });
  const failed = input.error !== undefined;
  const status = failed ? SessionStatus.Error : SessionStatus.Completed;
  const { commit, already } = await changeStatusAndCommit(ws, s, status, {
    event: failed ? 'error' : 'end',
    allowSecrets: input.allowSecrets ?? false,
    command: 'roo session end',
    ...(failed ? { errorMessage: input.error! } : {}),
  });
  return { id: s.id, status, commit, already, ...ws.files(s.id) };
}

/**
 * `roo session continue <query>`: the session Active again on its branch (switched to, checked out from a remote,
 * or reopened). `left` is the session checkpointed on the way out; `stash` the name of the user's stashed changes.
 */
export async function sessionContinue(
  ctx: AppContext,
  input: SecretsChoice & { query: string; reopen?: boolean | undefined; autostash?: boolean | undefined },
) {
  const ws = await Workspace.open(ctx);
  const r = await continueSession(ws, {
    query: input.query,
    reopen: input.reopen ?? false,
    autostash: input.autostash ?? false,
    allowSecrets: input.allowSecrets ?? false,
  });
  return {
    id: r.id,
    status: SessionStatus.Active,
    branch: r.branch,
    switched: r.switched,
    left: r.left ?? null,
    stash: r.stash ?? null,
    ...ws.files(r.id),
  };
}
