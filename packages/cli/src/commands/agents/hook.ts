import { runAgentHookFast } from '@roo-session/app/agents/hook';
import { formatStartOutput } from '@roo-session/app/agents/sessionContext';
import { AGENTS } from '@roo-session/app/agents/specs';
import { agentSessionContext } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class AgentsHookCommand extends BaseCommand {
  static override paths = [['agents', 'hook']];

  /** Run by agents' hooks, not by people: left out of help and the command tree (`roo help --agent`). */
  static internal = true;

  static override usage = Command.Usage({
    category: 'Agents',
    description: "what an agent's hook runs (installed by `roo agents install`)",
    details: `
      Reads the agent's JSON payload on stdin. \`prompt\`: records the user's prompt as a \`prompt\` entry of the
      active session (not with \`agentPrompts = false\` in .ruru/config.toml). \`stop\`: checkpoints the session in
      a detached process, so the agent does not wait. \`start\`: prints the active session's goal, status, latest
      entries and how to log, in the form the agent reads as context. Always exits 0, and prints nothing else:
      without a session, outside a repository, or on any failure it does nothing.
    `,
    examples: [['What Claude Code runs at each prompt', 'roo agents hook claude prompt']],
  });

  agent = Option.String({ name: 'agent' });
  event = Option.String({ name: 'event' });

  async run(): Promise<number> {
    try {
      const call = await runAgentHookFast([this.agent, this.event], this.context);
      if (call?.event !== 'start') return 0;
      // Silent: whatever the workspace would note (a config warning) is not for the agent to read.
      const text = await agentSessionContext({ ...appContext(this.context), note: () => {} });
      if (text !== undefined)
        this.context.stdout.write(formatStartOutput(AGENTS[call.agent].startOutput, text));
    } catch {
      // Fail open: the agent goes on as if roo were not there.
    }
    return 0;
  }
}
