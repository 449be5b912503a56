import { hookHealth } from '@roo-session/app/ops/hookHealth';
import { readSessionForDisplay } from '@roo-session/app/ops/readSession';
import { Workspace } from '@roo-session/app/store/Workspace';
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
    const ws = await Workspace.open(appContext(this.context));
    // The hook check (two git processes) does not depend on the session: run it while the log is folded.
    const [s, hooks] = await Promise.all([
      readSessionForDisplay(ws, this.id ?? this.session),
      hookHealth(ws),
    ]);
    this.context.stdout.write(
      formatSessionStatus(s, hooks, {
        now: this.context.now(),
        json: this.asJson,
        topLevel: ws.repo.topLevel,
      }),
    );
    return 0;
  }
}
