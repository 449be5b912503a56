import { join, relative } from 'node:path';
import { freeEntry, type LogEntryType, UsageError } from '@roo-session/core';
import { shapeEntryText } from '@roo-session/core/log/entries';
import type { RepoContext } from '@roo-session/git';
import type { AppContext } from '../context.js';
import { recordEntryFast } from '../fast/activeSession.js';
import { createArtifact, listArtifacts } from '../ops/artifacts.js';
import { withPending } from '../ops/foldJournal.js';
import { recordEntry } from '../ops/recordEntry.js';
import { recordTask, type TaskAction } from '../ops/tasks.js';
import { Workspace } from '../store/Workspace.js';
import type { SessionQuery } from './lifecycle.js';

export type LogInput = SessionQuery & {
  /** The entry's text; several lines are kept as one entry (docs/formats.md, multi-line entries). */
  message: string;
  type?: LogEntryType | undefined;
  /** Where the message came from, for the error when it is blank (`stdin was empty`). */
  seen?: string | undefined;
};

/**
 * `roo session log`: one entry recorded in the journal (the log file is written at the next commit point). With
 * `repo` already known (the MCP server discovers it once), the common case — the active session mapped to the
 * branch checked out — costs a few file reads and one append, as the CLI's start-up fast path does.
 */
export async function sessionLog(
  ctx: AppContext,
  input: LogInput,
  known: { repo?: Pick<RepoContext, 'topLevel' | 'gitDir' | 'commonDir'> } = {},
) {
  const message = shapeEntryText(input.message);
  if (message.trim() === '') {
    throw new UsageError({
      what: 'no message to log; nothing was logged',
      seen: input.seen ?? 'the message was blank',
      next: 'roo session log <message>',
      hint: ', or `roo session log --stdin` with the message on stdin',
    });
  }
  const type = input.type ?? 'note';
  const payload = { entry: freeEntry(type, message), type };
  const at = ctx.now();
  const query = input.session ?? ctx.env.ROO_SESSION_ID;
  if (known.repo !== undefined && (query === undefined || query === '')) {
    const id = recordEntryFast(known.repo, { at, payload });
    if (id !== undefined) {
      const folder = join(known.repo.topLevel, '.ruru', 'sessions', id);
      return {
        id,
        type,
        time: at.toISOString(),
        text: payload.entry,
        folder,
        logPath: join(folder, 'session_log.md'),
      };
    }
  }
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session);
  await recordEntry(ws, s, payload);
  return { id: s.id, type, time: at.toISOString(), text: payload.entry, ...ws.files(s.id) };
}

export type TaskInput = SessionQuery & {
  action: 'link' | 'delegate' | 'result';
  taskId: string;
  /** The mode delegated to (`delegate`) or reporting back (`result`). */
  mode?: string | undefined;
  /** The objective (`delegate`) or the summary (`result`). */
  text?: string | undefined;
};

/**
 * `roo session task link | delegate | result`: a V7 delegation entry. `taskFile` is the MTM task file found under
 * `.ruru/tasks/` (absolute), or null: the entry is recorded either way, and `warning` says so.
 */
export async function sessionTask(ctx: AppContext, input: TaskInput) {
  const action = taskAction(input);
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session);
  const r = await recordTask(ws, s, input.taskId, action);
  return {
    id: s.id,
    action: input.action,
    taskId: r.taskId,
    mode: action.kind === 'link' ? null : action.mode,
    taskFile: r.file === undefined ? null : join(ws.repo.topLevel, r.file),
    warning:
      r.file === undefined
        ? `no file for ${r.taskId} under .ruru/tasks/ (${input.action === 'link' ? 'linked' : 'logged'} anyway)`
        : null,
    ...ws.files(s.id),
  };
}

function taskAction(input: TaskInput): TaskAction {
  if (input.action === 'link') return { kind: 'link' };
  const flag = input.action === 'delegate' ? 'to' : 'from';
  const what = input.action === 'delegate' ? 'objective' : 'summary';
  const mode = input.mode?.trim() ?? '';
  const text = input.text?.replace(/\s+/g, ' ').trim() ?? '';
  if (mode === '' || text === '') {
    throw new UsageError({
      what: `task ${input.action} needs the mode (\`--${flag}\`) and the ${what}; nothing was logged`,
      seen: `mode ${JSON.stringify(input.mode ?? null)}, ${what} ${JSON.stringify(input.text ?? null)}`,
      next: `roo session task ${input.action} <TASK-ID> --${flag} <mode> <${what}>`,
    });
  }
  return input.action === 'delegate'
    ? { kind: 'delegate', mode, objective: text }
    : { kind: 'result', mode, summary: text };
}

export type ArtifactInput = SessionQuery & {
  type: string;
  description: string;
  ext?: string | undefined;
  /** Copy this file (relative to the context's folder) instead of the type's template. */
  fromFile?: string | undefined;
  /** The file's content instead of the template. */
  content?: string | undefined;
};

/** `roo session artifact new`: the file created under the session's `artifacts/`, listed and logged. */
export async function sessionArtifactNew(ctx: AppContext, input: ArtifactInput) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session);
  const repoPath = await createArtifact(ws, s, {
    type: input.type,
    description: input.description,
    ...(input.ext !== undefined ? { ext: input.ext } : {}),
    ...(input.fromFile !== undefined ? { fromFile: input.fromFile } : {}),
    ...(input.content !== undefined ? { content: input.content } : {}),
  });
  const path = join(ws.repo.topLevel, repoPath);
  const files = ws.files(s.id);
  return {
    id: s.id,
    path,
    repoPath,
    sessionPath: relative(files.folder, path).split('\\').join('/'),
    ...files,
  };
}

/** `roo session artifact list`: the session's artifacts, registrations still in the journal included. */
export async function sessionArtifactList(ctx: AppContext, input: SessionQuery) {
  const ws = await Workspace.open(ctx);
  const s = await ws.store.resolve(input.session, { anyStatus: true });
  const { doc } = await withPending(ws, s);
  const files = ws.files(s.id);
  const artifacts = listArtifacts(ws, { ...s, doc }).map((a) => ({
    ...a,
    absolutePath: join(files.folder, a.path),
  }));
  return { id: s.id, session: s.id, ...files, artifacts };
}
