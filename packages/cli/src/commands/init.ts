import { repoInit } from '@roo-session/app/useCases/index';
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
    const { lines, ...r } = await repoInit(appContext(this.context), {
      hooks: this.hooks,
      agents: this.agents,
    });
    this.result('init', r, () => lines.join('\n'));
    return 0;
  }
}
