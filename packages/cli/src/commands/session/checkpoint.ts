import { sessionCheckpoint } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionCheckpointCommand extends BaseCommand {
  static override paths = [['session', 'checkpoint']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'sync the log and commit the session folder',
    details: `
      Folds pending events into the log, scans the session folder for credentials, and commits the folder alone on
      the session's branch (a temporary index, \`commit-tree\`, compare-and-swap \`update-ref\`). Your other staged
      and unstaged changes stay as they are, and no hooks run. If HEAD moves meanwhile, nothing is committed.
    `,
    examples: [
      ['Checkpoint the active session', '$0 session checkpoint'],
      ['Commit even though the scan flags a test fixture', '$0 session checkpoint --allow-secrets'],
    ],
  });

  id = Option.String({ required: false, name: 'id' });
  session = sessionOption();
  allowSecrets = allowSecretsOption();

  async run(): Promise<number> {
    const r = await sessionCheckpoint(appContext(this.context), {
      session: this.id ?? this.session,
      allowSecrets: this.allowSecrets,
    });
    this.result(
      'checkpoint',
      r,
      r.commit ? `${r.id}: committed ${r.commit.slice(0, 7)}` : `${r.id}: nothing new to commit`,
    );
    return 0;
  }
}
