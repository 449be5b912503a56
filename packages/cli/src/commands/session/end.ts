import { sessionEnd } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, sessionOption, withPlaceholder } from '../BaseCommand.js';

export class SessionEndCommand extends BaseCommand {
  static override paths = [
    ['session', 'end'],
    ['session', 'complete'],
  ];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'complete the session and commit it',
    details: `
      Folds pending events, sets the status to \`🏁 Completed\` (or \`🔴 Error\` with \`--error\`), records
      \`end_time\`, logs the change, scans for credentials and commits the session folder atomically: exactly one
      new commit on the session's branch, touching only the session folder.
    `,
    examples: [
      ['Complete the active session', '$0 session end'],
      ['End it as failed', '$0 session end --error "Upstream API removed the endpoint"'],
    ],
  });

  id = Option.String({ required: false, name: 'id' });
  session = sessionOption();
  error = withPlaceholder(
    'message',
    Option.String('--error', { description: 'End with status 🔴 Error and log this message' }),
  );
  allowSecrets = allowSecretsOption();

  async run(): Promise<number> {
    const r = await sessionEnd(appContext(this.context), {
      session: this.id ?? this.session,
      error: this.error,
      allowSecrets: this.allowSecrets,
    });
    const state = this.error !== undefined ? 'ended with an error' : 'completed';
    this.result(
      'end',
      r,
      `${r.id}: ${r.already ? `already ${state}` : state}${r.commit ? ` (${r.commit.slice(0, 7)})` : ''}`,
    );
    return 0;
  }
}
