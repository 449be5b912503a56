import { checkpointSession } from '@roo-session/app/ops/transitions';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, sessionFiles, sessionOption } from '../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.id ?? this.session);
    const commit = await checkpointSession(ws, s, {
      allowSecrets: this.allowSecrets,
      command: 'roo session checkpoint',
    });
    this.result(
      'checkpoint',
      { id: s.id, commit, ...sessionFiles(ws, s.id) },
      commit ? `${s.id}: committed ${commit.slice(0, 7)}` : `${s.id}: nothing new to commit`,
    );
    return 0;
  }
}
