import { Command, type CommandClass, Option } from 'clipanion';
import type { RooContext } from '../context.js';
import { printHelp } from '../help/printHelp.js';
import { VERSION } from '../version.js';
import { BaseCommand } from './BaseCommand.js';

export class HelpCommand extends BaseCommand {
  static override paths = [['help']];

  static override usage = Command.Usage({
    category: 'Help',
    description: 'show the commands, or one command or group in full',
    details: `
      Without words, lists every command; with a command's words (\`roo help session log\`) prints its arguments,
      options, examples and exit codes, as \`roo session log --help\` does; with a group (\`roo help session task\`)
      lists the group's commands.

      \`--agent\` prints the whole command tree at once as Markdown, for an AI agent's context: every command's
      usage, arguments, options, details, examples and exit codes, generated from the command definitions. With
      \`--json\` the same tree is one JSON object (schema \`roo-session/help@1\`, docs/json-schema.md).
    `,
    examples: [
      ['List the commands', '$0 help'],
      ['One command in full', '$0 help session log'],
      ['Everything, for an agent', '$0 help --agent'],
      ['Everything, as JSON', '$0 help --agent --json'],
    ],
  });
  static override exitCodes = [0, 1, 2] as const;

  agent = Option.Boolean('--agent', false, {
    description: 'Print every command in full (Markdown, or JSON with --json)',
  });
  words = Option.Rest({ name: 'command' });

  /** Every command of the command line, set by `runCli` before it runs this one. */
  tree: readonly CommandClass<RooContext>[] = [];

  async run(): Promise<number> {
    return printHelp(this.context, this.tree, VERSION, {
      words: this.words,
      agent: this.agent,
      json: this.asJson,
    });
  }
}
