import { relative } from 'node:path';
import type { AgentStatus } from '@roo-session/app/agents/adapters';
import { agentsStatus } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class AgentsStatusCommand extends BaseCommand {
  static override paths = [['agents', 'status']];

  static override usage = Command.Usage({
    category: 'Agents',
    description: "show which agents run roo's hooks",
    details: `
      For each agent (or the one named): whether its configuration file runs roo's hooks, on which events, whether
      any roo installed is missing, and whether the file is unchanged since install.
    `,
    examples: [
      ['Every agent', '$0 agents status'],
      ['One agent, as JSON', '$0 agents status claude --json'],
    ],
  });

  agent = Option.String({ name: 'agent', required: false });
  async run(): Promise<number> {
    const r = await agentsStatus(appContext(this.context), { agent: this.agent });
    this.result('agents-status', r, () => r.agents.map((row) => describe(r.root, row)).join('\n'));
    return 0;
  }
}

function describe(root: string, s: AgentStatus): string {
  const head = `${s.agent.padEnd(8)} ${s.state.padEnd(9)} ${relative(root, s.file).split('\\').join('/')}`;
  const parts: string[] = [];
  if (s.events.length > 0) parts.push(`events: ${s.events.join(', ')}`);
  if (s.lost.length > 0) parts.push(`missing: ${s.lost.join(', ')} (run \`roo agents install ${s.agent}\`)`);
  if (s.otherHooks > 0) parts.push(`${s.otherHooks} other hook(s) kept`);
  if (s.unchangedSinceInstall === false && s.state !== 'absent') parts.push('edited since install');
  return parts.length > 0 ? `${head}  (${parts.join('; ')})` : head;
}
