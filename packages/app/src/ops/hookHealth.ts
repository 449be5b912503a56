import { relative } from 'node:path';
import { whatOf } from '@roo-session/core/errors';
import {
  type HookChange,
  type HooksInstallResult,
  type HooksStatus,
  hooksStatus,
  installHooks,
  uninstallHooks,
} from '@roo-session/git';
import { hooksDir } from '../store/assets.js';
import type { Workspace } from '../store/Workspace.js';
import { type HookHealth, summarizeHooks } from './summarizeHooks.js';

/**
 * What `hooks install` / `uninstall` did: each file's change, the warnings, the commands still to run (a hook
 * manager's own install), the files of the working tree the team shares that changed (a manager's configuration,
 * `.husky/<hook>`: to be committed), and the lines to print.
 */
export type HooksChangeReport = {
  changes: HookChange[];
  warnings: string[];
  next: string[];
  sharedFiles: string[];
  lines: string[];
};

/** Installs roo's hooks (docs/architecture.md) and says what changed. */
export async function installRepoHooks(ws: Workspace): Promise<HooksChangeReport> {
  const r = await installHooks(ws.repo, hooksDir);
  ws.store.syncTrailerFlag();
  return report(ws, r, (c) => (c.action === 'moved' ? ` (now ${c.chained})` : ` (runs ${c.chained})`));
}

/** Removes exactly what install added and says what changed. */
export async function uninstallRepoHooks(ws: Workspace): Promise<HooksChangeReport> {
  const r = await uninstallHooks(ws.repo);
  const out = report(ws, r, (c) => ` (from ${c.chained})`);
  if (out.sharedFiles.length > 0) {
    out.lines.push(`commit ${out.sharedFiles.join(', ')} so the team's clones stop running roo's command`);
  }
  return out;
}

function report(ws: Workspace, r: HooksInstallResult, chained: (c: HookChange) => string): HooksChangeReport {
  const lines = r.changes.map((c) => `${c.action.padEnd(14)} ${c.file}${c.chained ? chained(c) : ''}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const next = r.next.map(splitNext);
  for (const n of next) lines.push(`next: run \`${n.command}\`${n.why ? ` (${n.why})` : ''}`);
  const sharedFiles = r.changes
    .filter((c) => c.shared && c.action !== 'unchanged')
    .map((c) => relative(ws.repo.topLevel, c.file));
  return {
    changes: r.changes,
    warnings: r.warnings,
    next: next.map((n) => n.command),
    sharedFiles,
    lines,
  };
}

/** `cmd   # why` → its parts. */
function splitNext(next: string): { command: string; why: string } {
  const [command = '', why = ''] = next.split(/\s+# /);
  return { command: command.trim(), why };
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
      summary: `unknown (${whatOf(error)})`,
    };
  }
  return summarizeHooks(st);
}
