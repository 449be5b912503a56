import { sessionSync } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionSyncCommand extends BaseCommand {
  static override paths = [['session', 'sync']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'check what the next commit point will fold into the session log',
    details: `
      Folds the journal (entries recorded by \`roo session log\`, \`task\` and \`artifact new\`; commits, branch
      switches, merges and rewrites the hooks saw) and the branch's history into the log in memory, and says how
      many entries are pending. Nothing is written to the working tree and nothing is committed: the next
      \`roo session checkpoint\`, \`pause\` or \`end\` writes and commits them. \`roo session show\` shows them now.
    `,
    examples: [
      ['Sync the active session', '$0 session sync'],
      ['Sync a named session', '$0 session sync SESSION-Fix_login-2611260905'],
    ],
  });

  id = Option.String({ required: false, name: 'id' });
  session = sessionOption();

  async run(): Promise<number> {
    const r = await sessionSync(appContext(this.context), { session: this.id ?? this.session });
    this.result(
      'sync',
      r,
      r.changed
        ? `${r.id}: ${r.pendingEntries} pending entr${r.pendingEntries === 1 ? 'y' : 'ies'}; \`roo session checkpoint\` commits them`
        : `${r.id}: up to date`,
    );
    return 0;
  }
}
