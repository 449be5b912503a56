import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { installAgentsMd } from '@roo-session/app/agents/adapters';
import { installRepoHooks } from '@roo-session/app/ops/hookHealth';
import { writeTextAtomic } from '@roo-session/app/store/fsio';
import { Workspace } from '@roo-session/app/store/Workspace';
import { renderDefaultConfig } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { appContext } from '../context.js';
import { BaseCommand } from './BaseCommand.js';

export class InitCommand extends BaseCommand {
  static override paths = [['init']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: 'set up roo in this repository',
    details: `
      Creates \`.ruru/config.toml\` with the defaults (kept if it exists) and \`.ruru/sessions/\`, then installs the
      git hooks that record commits, switches, merges and rewrites (\`roo hooks install\`). Safe to run again.
    `,
    examples: [
      ['Set up roo', '$0 init'],
      ['Set up the files only', '$0 init --no-hooks'],
      ['Also tell agents how to log (AGENTS.md)', '$0 init --agents'],
    ],
  });

  hooks = Option.Boolean('--hooks', true, {
    description: 'Install the git hooks too (default; --no-hooks to skip)',
  });

  agents = Option.Boolean('--agents', false, {
    description: 'Add a block to AGENTS.md telling agents how to log with roo (see `roo agents install`)',
  });

  async run(): Promise<number> {
    const ws = await Workspace.open(appContext(this.context));
    const config = join(ws.ruruDir, 'config.toml');
    const created = !existsSync(config);
    if (created) writeTextAtomic(config, renderDefaultConfig());
    mkdirSync(ws.sessionsDir, { recursive: true });
    ws.store.syncTrailerFlag();
    const hooks = this.hooks ? await installRepoHooks(ws) : undefined;
    // What the team needs from this setup: roo's config and any shared hook file roo changed, until committed.
    const commit = [
      ...((await isTracked(ws, '.ruru/config.toml')) ? [] : ['.ruru/config.toml']),
      ...(hooks?.sharedFiles ?? []),
    ];
    const commitLine =
      commit.length === 0
        ? []
        : [
            `commit ${commit.join(', ')} so your team gets the same setup: ` +
              `\`git add ${commit.map(shellWord).join(' ')} && git commit -m "Set up roo"\``,
          ];
    const agentsMd = this.agents ? installAgentsMd(ws) : undefined;
    const next = 'roo session start <goal>';
    this.result(
      'init',
      {
        root: ws.repo.topLevel,
        config: { path: config, created },
        sessionsDir: ws.sessionsDir,
        hooks:
          hooks === undefined ? null : { changes: hooks.changes, warnings: hooks.warnings, next: hooks.next },
        commit,
        ...(agentsMd === undefined ? {} : { agentsMd: { file: agentsMd.file, action: agentsMd.action } }),
        next,
      },
      () =>
        [
          `${created ? 'created' : 'kept'} .ruru/config.toml`,
          ...(hooks?.lines ?? []),
          ...commitLine,
          ...(agentsMd === undefined ? [] : [agentsMd.line]),
          `next: \`${next}\``,
        ].join('\n'),
    );
    return 0;
  }
}

/** Whether `rel` is in the index (tracked), as `git ls-files` says. */
async function isTracked(ws: Workspace, rel: string): Promise<boolean> {
  const r = await ws.repo.run(['ls-files', '--error-unmatch', '--', rel], { allowFail: true });
  return r.exitCode === 0;
}

function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
