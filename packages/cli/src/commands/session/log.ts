import { freeEntry, LOG_ENTRY_TYPES, type LogEntryType } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { recordEntry } from '../../session/recordEntry.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionLogCommand extends BaseCommand {
  static override paths = [['session', 'log']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'add an entry to the session log',
    details: `
      Records \`- [YYYY-MM-DD HH:MM:SS] <message>\` for the session: one atomic append to roo's journal (outside
      the working tree), so \`session_log.md\` is not modified and parallel writers lose nothing. \`roo session show\`
      shows the entry at once; the next checkpoint, pause or end writes it after the last entry of
      \`## Log Entries\` and commits it. \`--type\` marks what the entry is (a decision, a prompt, an error…).
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
    const type = this.type as LogEntryType;
    await recordEntry(ws, s, { entry: freeEntry(type, this.message.join(' ')), type });
    this.out(`logged to ${s.id}`);
    return 0;
  }
}
