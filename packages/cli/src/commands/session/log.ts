import { readStreamText } from '@roo-session/app/ops/entryText';
import { sessionLog } from '@roo-session/app/useCases/record';
import { LOG_ENTRY_TYPES, type LogEntryType, UsageError } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { appContext } from '../../context.js';
import { BaseCommand, sessionOption, withPlaceholder } from '../BaseCommand.js';

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

      \`--stdin\` (or \`-\` as the whole message) reads the message from stdin and keeps its lines: the first goes
      after the timestamp, the others are indented by two spaces, so the entry stays one Markdown list item.
    `,
    examples: [
      ['Log a note', '$0 session log "Token bucket chosen over sliding window"'],
      ['Log a decision', '$0 session log --type decision "Keep the limit per IP, not per user"'],
      ['Log to a named session', '$0 session log --session Fix_login "Waiting for review"'],
      ['Log a multi-line entry from stdin', 'git diff --stat | $0 session log --stdin'],
    ],
  });

  type = withPlaceholder(
    'type',
    Option.String('--type', 'note', {
      description: `What the entry is: ${LOG_ENTRY_TYPES.join(', ')}`,
      validator: t.isEnum(LOG_ENTRY_TYPES),
    }),
  );
  session = sessionOption();
  stdin = Option.Boolean('--stdin', false, {
    description: 'Read the message from stdin, several lines kept as one entry (or give `-` as the message)',
  });
  message = Option.Rest({ name: 'message' });

  async run(): Promise<number> {
    const dash = this.message.length === 1 && this.message[0] === '-';
    const fromStdin = this.stdin || dash;
    if (this.stdin && this.message.length > 0 && !dash) {
      throw new UsageError({
        what: '--stdin reads the message from stdin, but words were given too',
        seen: this.message.join(' '),
        next: 'roo session log --stdin',
        hint: 'with the message on stdin, or `roo session log <message>`',
      });
    }
    const r = await sessionLog(appContext(this.context), {
      message: fromStdin ? await readStreamText(this.context.stdin) : this.message.join(' '),
      type: this.type as LogEntryType,
      session: this.session,
      seen: fromStdin ? 'stdin was empty' : 'none given',
    });
    this.result('log', r, `logged to ${r.id}`);
    return 0;
  }
}
