import { sessionContinue } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand } from '../BaseCommand.js';

export class SessionContinueCommand extends BaseCommand {
  static override paths = [
    ['session', 'continue'],
    ['session', 'resume'],
  ];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'switch to a session and make it active again',
    details: `
      Finds the session by exact ID, unique prefix, or a unique part of its ID or title, in this worktree or on any
      local or remote-tracking branch. Checkpoints the session you are leaving, checks out the session's branch
      (creating it from \`origin/<branch>\` if only the remote has it), and sets it back to \`🟢 Active\`.

      If uncommitted changes would be overwritten by the checkout, it stops (exit 3) and names the files;
      \`--autostash\` stashes them under a name that mentions the session. A Completed session needs \`--reopen\`.
    `,
    examples: [
      ['Continue a paused session', '$0 session continue Fix_login'],
      [
        'Continue, stashing what blocks the checkout',
        '$0 session continue --autostash SESSION-Fix_login-2611260905',
      ],
      ['Reopen a completed session', '$0 session continue --reopen Fix_login'],
    ],
  });

  reopen = Option.Boolean('--reopen', false, {
    description: 'Allow continuing a Completed (or Error) session',
  });
  autostash = Option.Boolean('--autostash', false, {
    description: 'Stash uncommitted changes that would block the checkout',
  });
  allowSecrets = allowSecretsOption(
    'Checkpoint the session being left even if the secret scan finds credentials',
  );
  query = Option.String({ name: 'id' });

  async run(): Promise<number> {
    const r = await sessionContinue(appContext(this.context), {
      query: this.query,
      reopen: this.reopen,
      autostash: this.autostash,
      allowSecrets: this.allowSecrets,
    });
    if (r.left) this.context.stderr.write(`roo: checkpointed ${r.left}\n`);
    if (r.stash) {
      this.context.stderr.write(
        `roo: your uncommitted changes were stashed as "${r.stash}"; ` +
          'run `git stash list` to find them and `git stash pop` on the branch you left to get them back\n',
      );
    }
    this.result('continue', r, `${r.id}: active on branch ${r.branch}`);
    return 0;
  }
}
