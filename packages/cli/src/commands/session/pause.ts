import { changeStatusAndCommit } from '@roo-session/app/ops/transitions';
import { Workspace } from '@roo-session/app/store/Workspace';
import { SessionStatus } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, sessionFiles, sessionOption } from '../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.id ?? this.session, { anyStatus: true });
    const { commit, already } = await changeStatusAndCommit(ws, s, SessionStatus.Paused, {
      event: 'pause',
      allowSecrets: this.allowSecrets,
      command: 'roo session pause',
    });
    const next = `roo session continue ${s.id}`;
    this.result(
      'pause',
      { id: s.id, status: SessionStatus.Paused, commit, already, next, ...sessionFiles(ws, s.id) },
      `${s.id}: ${already ? 'already paused' : 'paused'}; run \`${next}\` to resume`,
    );
    return 0;
  }
}
