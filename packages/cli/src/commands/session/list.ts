import { parseStatus, UsageError } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { listSessions } from '../../session/listSessions.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, jsonOption } from '../BaseCommand.js';

export class SessionListCommand extends BaseCommand {
  static override paths = [['session', 'list']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'list sessions',
    details: `
      Lists the sessions in this worktree. \`--all\` adds every session on other local branches and on
      remote-tracking branches, read straight from git objects without checking anything out, one row per ID with
      where each copy lives and which is newest. An unreadable log is listed with its error; the list goes on.
    `,
    examples: [
      ['Sessions in this worktree', '$0 session list'],
      ['Every session the team has pushed', '$0 session list --all'],
      ['Only paused ones, as JSON', '$0 session list --status paused --json'],
    ],
  });

  all = Option.Boolean('--all', false, {
    description: 'Include sessions on every local and remote-tracking branch',
  });
  status = Option.String('--status', {
    description: 'Only sessions with this status (active, paused, completed, error)',
  });
  asJson = jsonOption();

  async run(): Promise<number> {
    const want = this.status === undefined ? undefined : parseStatus(this.status)?.status;
    if (this.status !== undefined && want === undefined) {
      throw new UsageError(
        `--status ${this.status} is not a session status\nrun \`roo session list --status active\` (or paused, completed, error)`,
      );
    }
    const ws = await Workspace.open(this.context);
    let rows = await listSessions(ws, { all: this.all });
    if (want !== undefined) rows = rows.filter((r) => r.status === want);
    if (this.asJson) {
      this.json({ sessions: rows });
      return 0;
    }
    if (rows.length === 0) {
      this.out(this.all ? 'no sessions' : 'no sessions in this worktree (try `roo session list --all`)');
      return 0;
    }
    for (const r of rows) {
      const status = r.error ? 'unreadable' : (r.status ?? r.statusRaw);
      const where = r.locations.length > 0 ? `  [${r.locations.join(', ')}]` : '';
      this.out(
        `${r.id}  ${status}  ${r.branch || '-'}  ${r.title}${where}${r.error ? `\n    ${r.error}` : ''}`,
      );
    }
    return 0;
  }
}
