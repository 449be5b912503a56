import { sessionRead } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { formatSessionStatus } from '../../format/formatSessionStatus.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionStatusCommand extends BaseCommand {
  static override paths = [['session', 'status']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'show where a session stands',
    details: `
      Status, branch, times, counts of entries, commits, artifacts and tasks, how many recorded git events are not
      in the log yet, and whether the hooks are installed and healthy.
    `,
    examples: [
      ['The active session', '$0 session status'],
      ['A named session, as JSON', '$0 session status --json Fix_login'],
    ],
  });

  session = sessionOption();
  id = Option.String({ required: false, name: 'id' });

  async run(): Promise<number> {
    const r = await sessionRead(appContext(this.context), { session: this.id ?? this.session, hooks: true });
    this.context.stdout.write(
      formatSessionStatus(r.session, r.hooks!, {
        now: this.context.now(),
        json: this.asJson,
        topLevel: r.topLevel,
      }),
    );
    return 0;
  }
}
