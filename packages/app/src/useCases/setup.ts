import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderDefaultConfig } from '@roo-session/core';
import { isTracked, hooksStatus as readHooksStatus } from '@roo-session/git';
import { installAgentsMd } from '../agents/adapters.js';
import type { AppContext } from '../context.js';
import { installRepoHooks, uninstallRepoHooks } from '../ops/hookHealth.js';
import { hooksDir } from '../store/assets.js';
import { writeTextAtomic } from '../store/fsio.js';
import { Workspace } from '../store/Workspace.js';

/**
 * `roo init [--no-hooks] [--agents]`: `.ruru/config.toml` (kept when present), the sessions folder, roo's git hooks
 * and, with `agents`, the AGENTS.md block. `commit` lists what the team needs committed; `lines` say it for people.
 */
export async function repoInit(ctx: AppContext, input: { hooks: boolean; agents: boolean }) {
  const ws = await Workspace.open(ctx);
  const config = join(ws.ruruDir, 'config.toml');
  const created = !existsSync(config);
  if (created) writeTextAtomic(config, renderDefaultConfig());
  mkdirSync(ws.sessionsDir, { recursive: true });
  ws.store.syncTrailerFlag();
  const hooks = input.hooks ? await installRepoHooks(ws) : undefined;
  // What the team needs from this setup: roo's config and any shared hook file roo changed, until committed.
  const commit = [
    ...((await isTracked(ws.repo, '.ruru/config.toml')) ? [] : ['.ruru/config.toml']),
    ...(hooks?.sharedFiles ?? []),
  ];
  const agentsMd = input.agents ? installAgentsMd(ws) : undefined;
  const next = 'roo session start <goal>';
  const lines = [
    `${created ? 'created' : 'kept'} .ruru/config.toml`,
    ...(hooks?.lines ?? []),
    ...(commit.length === 0
      ? []
      : [
          `commit ${commit.join(', ')} so your team gets the same setup: ` +
            `\`git add ${commit.map(shellWord).join(' ')} && git commit -m "Set up roo"\``,
        ]),
    ...(agentsMd === undefined ? [] : [agentsMd.line]),
    `next: \`${next}\``,
  ];
  return {
    root: ws.repo.topLevel,
    config: { path: config, created },
    sessionsDir: ws.sessionsDir,
    hooks:
      hooks === undefined ? null : { changes: hooks.changes, warnings: hooks.warnings, next: hooks.next },
    commit,
    ...(agentsMd === undefined ? {} : { agentsMd: { file: agentsMd.file, action: agentsMd.action } }),
    next,
    lines,
  };
}

function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** `roo hooks install`: roo's hooks in place (through the repository's hook manager when it has one). */
export async function hooksInstall(ctx: AppContext) {
  const ws = await Workspace.open(ctx);
  return { root: ws.repo.topLevel, ...(await installRepoHooks(ws)) };
}

/** `roo hooks uninstall`: roo's hooks removed, every foreign hook and manager config restored byte for byte. */
export async function hooksUninstall(ctx: AppContext) {
  const ws = await Workspace.open(ctx);
  return { root: ws.repo.topLevel, ...(await uninstallRepoHooks(ws)) };
}

/** `roo hooks status`: each hook's state, the capture script, the journal, problems and their fixes. */
export async function hooksStatus(ctx: AppContext) {
  const ws = await Workspace.open(ctx);
  return readHooksStatus(ws.repo, hooksDir);
}
