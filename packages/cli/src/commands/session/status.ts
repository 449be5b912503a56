import { formatDuration, summarizeSession } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { hookHealth } from '../../session/hookHealth.js';
import { readSessionForDisplay } from '../../session/readSession.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, jsonOption, sessionOption } from '../BaseCommand.js';

export class SessionStatusCommand extends BaseCommand {
  static override paths = [['session', 'status']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'show where a session stands',
    details: `
      Status, branch, times, counts of entries, commits, artifacts and tasks, how many recorded git events are not
      in the log yet, and whether the hooks are installed and healthy.
    `,
    examples: [
      ['The active session', '$0 session status'],
      ['A named session, as JSON', '$0 session status --json Fix_login'],
    ],
  });

  session = sessionOption();
  asJson = jsonOption();
  id = Option.String({ required: false, name: 'id' });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    // The hook check (two git processes) does not depend on the session: run it while the log is folded.
    const [s, hooks] = await Promise.all([
      readSessionForDisplay(ws, this.id ?? this.session),
      hookHealth(ws),
    ]);
    const sum = summarizeSession(s.doc, { where: s.where, now: this.context.now() });
    const data = {
      id: s.id,
      title: sum.title,
      status: sum.status,
      branch: sum.branch,
      where: s.where,
      startTime: sum.startTime,
      endTime: sum.endTime,
      durationSeconds: sum.durationSeconds,
      counts: {
        entries: s.doc.entries.length,
        commits: sum.commits.length,
        artifacts: sum.artifacts.length,
        tasks: sum.tasks.length,
      },
      pendingEntries: s.pending,
      hooks,
    };
    if (this.asJson) {
      this.json(data);
      return 0;
    }
    const lines = [
      `${s.id}  ${sum.status}`,
      `  title:     ${sum.title.replace(/\n/g, ' ')}`,
      `  branch:    ${sum.branch || '-'}${s.where === 'worktree' ? '' : `  (read from ${s.where})`}`,
      `  started:   ${sum.startTime || '-'}`,
      `  ended:     ${sum.endTime || '-'}`,
      `  duration:  ${formatDuration(sum.durationSeconds)}`,
      `  entries:   ${data.counts.entries}   commits: ${data.counts.commits}   artifacts: ${data.counts.artifacts}   tasks: ${data.counts.tasks}`,
      `  pending:   ${s.pending === 0 ? 'none' : `${s.pending} entries from git not yet in the file (run \`roo session sync\`)`}`,
      `  hooks:     ${hooks.summary}`,
    ];
    this.out(lines.join('\n'));
    return 0;
  }
}
