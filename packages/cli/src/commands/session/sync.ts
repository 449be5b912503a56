import { Command, Option } from 'clipanion';
import { mutateSession } from '../../session/mutate.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionSyncCommand extends BaseCommand {
  static override paths = [['session', 'sync']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'fold recorded git events into the session log',
    details: `
      Folds the hook journal (commits, branch switches, merges, rewrites) and the branch's history into
      \`session_log.md\`: commits no hook saw are added as "(from history)", rewritten commits get their new SHAs,
      and \`base_commit\` follows the session's start commit. Nothing is committed. Running it twice changes nothing.
    `,
    examples: [
      ['Sync the active session', '$0 session sync'],
      ['Sync a named session', '$0 session sync SESSION-Fix_login-2611260905'],
    ],
  });

  id = Option.String({ required: false, name: 'id' });
  session = sessionOption();

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const s = await ws.store.resolve(this.id ?? this.session);
    const before = s.doc.entries.length;
    const r = await mutateSession(ws, s);
    const added = r.session.doc.entries.length - before;
    this.out(
      r.changed
        ? `${s.id}: log updated (${added >= 0 ? `+${added}` : added} entries)`
        : `${s.id}: up to date`,
    );
    return 0;
  }
}
