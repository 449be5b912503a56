import {
  type HookChange,
  type HooksStatus,
  hooksStatus,
  installHooks,
  uninstallHooks,
} from '@roo-session/git';
import { hooksDir } from '../workspace/assets.js';
import type { Workspace } from '../workspace/Workspace.js';
import { type HookHealth, summarizeHooks } from './summarizeHooks.js';

/** What `hooks install` / `uninstall` did: each file's change, the warnings, and the lines to print. */
export type HooksChangeReport = { changes: HookChange[]; warnings: string[]; lines: string[] };

/** Installs roo's hooks (docs/architecture.md) and says what changed. */
export async function installRepoHooks(ws: Workspace): Promise<HooksChangeReport> {
  const r = await installHooks(ws.repo, hooksDir);
  ws.store.syncTrailerFlag();
  const lines = r.changes.map(
    (c) => `${c.action.padEnd(13)} ${c.file}${c.chained ? ` (runs ${c.chained})` : ''}`,
  );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return { changes: r.changes, warnings: r.warnings, lines };
}

/** Removes exactly what install added and says what changed. */
export async function uninstallRepoHooks(ws: Workspace): Promise<HooksChangeReport> {
  const r = await uninstallHooks(ws.repo);
  const lines = r.changes.map(
    (c) => `${c.action.padEnd(13)} ${c.file}${c.chained ? ` (from ${c.chained})` : ''}`,
  );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return { changes: r.changes, warnings: r.warnings, lines };
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
