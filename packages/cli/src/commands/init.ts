import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderDefaultConfig } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { installRepoHooks } from '../session/hookHealth.js';
import { writeTextAtomic } from '../workspace/fsio.js';
import { Workspace } from '../workspace/Workspace.js';
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
    ],
  });

  hooks = Option.Boolean('--hooks', true, {
    description: 'Install the git hooks too (default; --no-hooks to skip)',
  });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const config = join(ws.ruruDir, 'config.toml');
    if (existsSync(config)) this.out('kept .ruru/config.toml');
    else {
      writeTextAtomic(config, renderDefaultConfig());
      this.out('created .ruru/config.toml');
    }
    mkdirSync(ws.sessionsDir, { recursive: true });
    ws.store.syncTrailerFlag();
    if (this.hooks) {
      for (const line of await installRepoHooks(ws)) this.out(line);
    }
    this.out('next: `roo session start <goal>`');
    return 0;
  }
}
