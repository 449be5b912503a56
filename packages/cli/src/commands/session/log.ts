import { freeEntry, LOG_ENTRY_TYPES, type LogEntryType } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { mutateSession } from '../../session/mutate.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionLogCommand extends BaseCommand {
  static override paths = [['session', 'log']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'add an entry to the session log',
    details: `
      Appends \`- [YYYY-MM-DD HH:MM:SS] <message>\` after the last entry of \`## Log Entries\`, after folding in any
      commits and switches the hooks recorded. \`--type\` marks what the entry is (a decision, a prompt, an error…).
      The file is written atomically; nothing else in it changes.
    `,
    examples: [
      ['Log a note', '$0 session log "Token bucket chosen over sliding window"'],
      ['Log a decision', '$0 session log --type decision "Keep the limit per IP, not per user"'],
      ['Log to a named session', '$0 session log --session Fix_login "Waiting for review"'],
    ],
  });

  type = Option.String('--type', 'note', {
    description: `What the entry is: ${LOG_ENTRY_TYPES.join(', ')}`,
    validator: t.isEnum(LOG_ENTRY_TYPES),
  });
  session = sessionOption();
  message = Option.Rest({ required: 1 });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const s = await ws.store.resolve(this.session);
    const now = this.context.now();
    await mutateSession(ws, s, () => ({
      addEntries: [{ date: now, text: freeEntry(this.type as LogEntryType, this.message.join(' ')) }],
    }));
    this.out(`logged to ${s.id}`);
    return 0;
  }
}
