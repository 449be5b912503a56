import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { assertTaskId, delegatedEntry, resultEntry, taskLinkedEntry } from '@roo-session/core';
import type { LoadedSession } from '../store/SessionStore.js';
import type { Workspace } from '../store/Workspace.js';
import { recordEntry } from './recordEntry.js';

export type TaskAction =
  | { kind: 'link' }
  | { kind: 'delegate'; mode: string; objective: string }
  | { kind: 'result'; mode: string; summary: string };

/**
 * Finds an MDTM task file under `.ruru/tasks/` (any depth): `<TASK-ID>.md` or `<TASK-ID>-….md`, or a folder
 * named after the task. Returns its path relative to the worktree, or undefined.
 */
export function findTaskFile(ws: Workspace, taskId: string): string | undefined {
  const root = join(ws.ruruDir, 'tasks');
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const matches =
        e.name === taskId ||
        e.name.startsWith(`${taskId}.`) ||
        e.name.startsWith(`${taskId}-`) ||
        e.name.startsWith(`${taskId}_`);
      if (matches) return relative(ws.repo.topLevel, join(dir, e.name)).split(sep).join('/');
      if (e.isDirectory()) stack.push(join(dir, e.name));
    }
  }
  return undefined;
}

/** `roo session task link|delegate|result`: adds the task to `related_tasks` and logs the V7 wording. */
export async function recordTask(
  ws: Workspace,
  s: LoadedSession,
  rawId: string,
  action: TaskAction,
): Promise<{ taskId: string; file: string | undefined }> {
  const taskId = assertTaskId(rawId);
  const file = findTaskFile(ws, taskId);
  const text =
    action.kind === 'link'
      ? taskLinkedEntry(taskId, file !== undefined)
      : action.kind === 'delegate'
        ? delegatedEntry(taskId, action.mode, action.objective)
        : resultEntry(action.mode, taskId, action.summary);
  await recordEntry(ws, s, { entry: text, type: 'task', tasks: [taskId] });
  return { taskId, file };
}
