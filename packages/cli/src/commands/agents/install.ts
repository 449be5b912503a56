import { agentsInstall } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class AgentsInstallCommand extends BaseCommand {
  static override paths = [['agents', 'install']];

  static override usage = Command.Usage({
    category: 'Agents',
    description: "add roo's hooks to an agent's configuration",
    details: `
      Adds roo's hooks to the agent's hook configuration in this repository (\`.claude/settings.json\`,
      \`.codex/hooks.json\`, \`.gemini/settings.json\`, \`.cursor/hooks.json\` or \`.github/hooks/roo.json\`), after
      the hooks already there, and a short block to \`AGENTS.md\` on how to log with roo. Each prompt then becomes a
      \`prompt\` entry of the active session, each turn end a checkpoint (consecutive ones replace each other), and
      each agent session starts with the roo session's goal and latest entries. \`roo agents uninstall\` puts the
      files back byte for byte. Commit the files to share the setup. See docs/agents.md.
    `,
    examples: [
      ['Claude Code', '$0 agents install claude'],
      ['Cursor, without recording prompts', '$0 agents install cursor --no-prompts'],
    ],
  });

  agent = Option.String({ name: 'agent' });
  prompts = Option.Boolean('--prompts', true, {
    description: "Record the user's prompts (default; --no-prompts to leave the prompt hook out)",
  });
  async run(): Promise<number> {
    const r = await agentsInstall(appContext(this.context), { agent: this.agent, prompts: this.prompts });
    for (const w of r.warnings) if (!this.isJson) this.warn(w);
    this.result(
      'agents-install',
      {
        agent: r.agent,
        file: r.file,
        events: r.events,
        changes: r.changes.map(({ file, action }) => ({ file, action })),
        warnings: r.warnings,
      },
      () => r.changes.map((c) => c.line).join('\n'),
    );
    return 0;
  }
}
