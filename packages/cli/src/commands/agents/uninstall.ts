import { agentsUninstall } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class AgentsUninstallCommand extends BaseCommand {
  static override paths = [['agents', 'uninstall']];

  static override usage = Command.Usage({
    category: 'Agents',
    description: "take roo's hooks out of an agent's configuration",
    details: `
      Puts the agent's hook configuration back exactly as it was before \`roo agents install\` (a file roo created is
      deleted). If the file changed since, only roo's hooks are taken out and your changes stay. Uninstalling the
      last agent also removes roo's block from \`AGENTS.md\`.
    `,
    examples: [['Claude Code', '$0 agents uninstall claude']],
  });

  agent = Option.String({ name: 'agent' });

  async run(): Promise<number> {
    const r = await agentsUninstall(appContext(this.context), { agent: this.agent });
    this.result(
      'agents-uninstall',
      { agent: r.agent, changes: r.changes.map(({ file, action }) => ({ file, action })) },
      () => r.changes.map((c) => c.line).join('\n'),
    );
    return 0;
  }
}
