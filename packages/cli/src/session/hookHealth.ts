import { type HooksStatus, hooksStatus, installHooks, uninstallHooks } from '@roo-session/git';
import { hooksDir } from '../workspace/assets.js';
import type { Workspace } from '../workspace/Workspace.js';
import { type HookHealth, summarizeHooks } from './summarizeHooks.js';

/** Installs roo's hooks (SPEC 2.7) and returns the lines to print. */
export async function installRepoHooks(ws: Workspace): Promise<string[]> {
  const r = await installHooks(ws.repo, hooksDir);
  ws.store.syncTrailerFlag();
  const lines = r.changes.map(
    (c) => `${c.action.padEnd(13)} ${c.file}${c.chained ? ` (runs ${c.chained})` : ''}`,
  );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines;
}

/** Removes exactly what install added and returns the lines to print. */
export async function uninstallRepoHooks(ws: Workspace): Promise<string[]> {
  const r = await uninstallHooks(ws.repo);
  const lines = r.changes.map(
    (c) => `${c.action.padEnd(13)} ${c.file}${c.chained ? ` (from ${c.chained})` : ''}`,
  );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines;
}

export type { HookHealth } from './summarizeHooks.js';

/** A one-line view of the hooks for `roo session status`. */
export async function hookHealth(ws: Workspace): Promise<HookHealth> {
  let st: HooksStatus;
  try {
    st = await hooksStatus(ws.repo, hooksDir);
  } catch (error) {
    return {
      installed: false,
      hookErrors: 0,
      summary: `unknown (${(error as Error).message.split('\n')[0]})`,
    };
  }
  return summarizeHooks(st);
}
