import { uninstallAgent } from '@roo-session/app/agents/adapters';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';
import { agentArg } from './install.js';

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
    const agent = agentArg(this.agent, 'uninstall');
    const ws = await Workspace.open(appContext(this.context));
    const changes = uninstallAgent(ws, agent);
    this.result(
      'agents-uninstall',
      { agent, changes: changes.map(({ file, action }) => ({ file, action })) },
      () => changes.map((c) => c.line).join('\n'),
    );
    return 0;
  }
}
