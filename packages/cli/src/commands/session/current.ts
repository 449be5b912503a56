import { Command } from 'clipanion';
import { printCurrentSession } from '../../fast/printCurrentSession.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionCurrentCommand extends BaseCommand {
  static override paths = [['session', 'current']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'print the active session ID',
    details: `
      Prints the ID of the Active session mapped to the branch checked out in this worktree (or the one named by
      \`--session\` / \`ROO_SESSION_ID\`). Exits 3 when there is none, so scripts and agents can test for it.
    `,
    examples: [
      ['Print the active session ID', '$0 session current'],
      ['Use it in a script', 'id=$($0 session current) && echo "logging to $id"'],
    ],
  });

  session = sessionOption();

  async run(): Promise<number> {
    return printCurrentSession(this.context, { session: this.session, json: this.asJson });
  }
}
