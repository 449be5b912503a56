import { withPending } from '@roo-session/app/ops/syncSession';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand, sessionFiles, sessionOption } from '../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.id ?? this.session, { anyStatus: true });
    const r = await withPending(ws, s);
    const changed = r.doc.text !== s.doc.text;
    this.result(
      'sync',
      { id: s.id, changed, pendingEntries: r.pending, ...sessionFiles(ws, s.id) },
      changed
        ? `${s.id}: ${r.pending} pending entr${r.pending === 1 ? 'y' : 'ies'}; \`roo session checkpoint\` commits them`
        : `${s.id}: up to date`,
    );
    return 0;
  }
}
