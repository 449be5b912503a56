import { changeStatusAndCommit } from '@roo-session/app/ops/transitions';
import { Workspace } from '@roo-session/app/store/Workspace';
import { SessionStatus } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import {
  allowSecretsOption,
  BaseCommand,
  sessionFiles,
  sessionOption,
  withPlaceholder,
} from '../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.id ?? this.session, { anyStatus: true });
    const failed = this.error !== undefined;
    const { commit, already } = await changeStatusAndCommit(
      ws,
      s,
      failed ? SessionStatus.Error : SessionStatus.Completed,
      {
        event: failed ? 'error' : 'end',
        allowSecrets: this.allowSecrets,
        command: 'roo session end',
        ...(failed ? { errorMessage: this.error! } : {}),
      },
    );
    const state = failed ? 'ended with an error' : 'completed';
    this.result(
      'end',
      {
        id: s.id,
        status: failed ? SessionStatus.Error : SessionStatus.Completed,
        commit,
        already,
        ...sessionFiles(ws, s.id),
      },
      `${s.id}: ${already ? `already ${state}` : state}${commit ? ` (${commit.slice(0, 7)})` : ''}`,
    );
    return 0;
  }
}
