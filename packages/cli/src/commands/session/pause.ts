import { sessionPause } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionPauseCommand extends BaseCommand {
  static override paths = [['session', 'pause']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'pause the session and commit it',
    details: `
      Sets the status to \`⏸️ Paused\`, records \`end_time\`, logs the change, and commits the session folder
      atomically. Resume it later with \`roo session continue <id>\`.
    `,
    examples: [
      ['Pause the active session', '$0 session pause'],
      ['Pause a named session', '$0 session pause SESSION-Fix_login-2611260905'],
    ],
  });

  id = Option.String({ required: false, name: 'id' });
  session = sessionOption();
  allowSecrets = allowSecretsOption();

  async run(): Promise<number> {
    const r = await sessionPause(appContext(this.context), {
      session: this.id ?? this.session,
      allowSecrets: this.allowSecrets,
    });
    this.result(
      'pause',
      r,
      `${r.id}: ${r.already ? 'already paused' : 'paused'}; run \`${r.next}\` to resume`,
    );
    return 0;
  }
}
