import { renderSummaryMarkdown, summarizeSession } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { readSessionForDisplay } from '../../session/readSession.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, sessionOption } from '../BaseCommand.js';

export class SessionShowCommand extends BaseCommand {
  static override paths = [['session', 'show']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'show a session log, or a summary for a pull request',
    details: `
      Prints the session log with every pending journal event already folded in, so a commit shows here the moment
      it exists. \`--format markdown\` prints a reviewer summary for a PR description (goal, status, duration,
      commits, artifacts, tasks, decisions, the log folded away); \`--format json\` the same as versioned JSON.
      Works for the active session, an ID in this worktree, or a session read from another branch.
    `,
    examples: [
      ['Show the active session', '$0 session show'],
      ['A PR summary of a named session', '$0 session show --format markdown Fix_login'],
      ['As JSON', '$0 session show --format json'],
    ],
  });

  format = Option.String('--format', 'text', {
    description: 'text (the log), markdown (PR summary) or json',
    validator: t.isEnum(['text', 'markdown', 'json'] as const),
  });
  asJson = Option.Boolean('--json', false, { description: 'Same as --format json' });
  session = sessionOption();
  id = Option.String({ required: false, name: 'id' });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const s = await readSessionForDisplay(ws, this.id ?? this.session);
    const format = this.asJson ? 'json' : this.format;
    if (format === 'text') {
      this.context.stdout.write(s.doc.text);
      return 0;
    }
    const summary = summarizeSession(s.doc, { where: s.where, now: this.context.now() });
    if (format === 'json') this.json(summary);
    else this.out(renderSummaryMarkdown(summary, s.doc));
    return 0;
  }
}
