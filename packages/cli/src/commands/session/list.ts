import type { SessionListRow } from '@roo-session/app/ops/listSessions';
import { sessionList } from '@roo-session/app/useCases/index';
import { escapeTerminalLine } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand, withPlaceholder } from '../BaseCommand.js';

export class SessionListCommand extends BaseCommand {
  static override paths = [['session', 'list']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'list sessions',
    details: `
      Lists the sessions in this worktree, newest first. \`--all\` adds every session on other local branches
      and on remote-tracking branches, read straight from git objects without checking anything out (one
      \`git cat-file --batch\` process), one row per ID with where its copies live and which copy is the newest.

      Which copy is newest: a readable copy beats an unreadable one; a finished copy (🏁 Completed, 🔴 Error)
      beats an open one, and between finished copies the later \`end_time\`; then a copy on the session's own
      branch beats a snapshot elsewhere (a branch it was merged into); then the worktree copy; then the newer
      branch tip; then a local branch before its remote-tracking copy.

      Only the frontmatter of each log is read, through a cache in \`<git-common-dir>/roo/cache/\` keyed by
      content, so 10,000 sessions list in well under a second. An unreadable log is listed with its error; the
      list goes on.
    `,
    examples: [
      ['Sessions in this worktree', '$0 session list'],
      ['Every session the team has pushed', '$0 session list --all'],
      ['Only paused ones, as JSON', '$0 session list --status paused --json'],
      [
        'IDs of active sessions anywhere',
        '$0 session list --all --json | jq -r \'.sessions[] | select(.status == "🟢 Active") | .id\'',
      ],
    ],
  });

  all = Option.Boolean('--all', false, {
    description: 'Include sessions on every local and remote-tracking branch',
  });
  status = withPlaceholder(
    'status',
    Option.String('--status', {
      description: 'Only sessions with this status (active, paused, completed, error)',
    }),
  );

  async run(): Promise<number> {
    const r = await sessionList(appContext(this.context), { all: this.all, status: this.status });
    if (this.asJson) {
      // Per-copy details only where the copies disagree: 10,000 sessions on 20 branches are mostly identical.
      this.result(
        'list',
        {
          ...r,
          sessions: r.sessions.map(({ copies, ...row }) => ({ ...row, ...(row.diverged ? { copies } : {}) })),
        },
        '',
      );
      return 0;
    }
    if (r.sessions.length === 0) {
      this.out(this.all ? 'no sessions' : 'no sessions in this worktree (try `roo session list --all`)');
      return 0;
    }
    this.context.stdout.write(r.sessions.map((row) => formatRow(row, this.all)).join(''));
    return 0;
  }
}

/** One line per session (two when it is unreadable): ID, status, branch, title, and with --all where it lives. */
function formatRow(r: SessionListRow, all: boolean): string {
  const status = r.error ? 'unreadable' : (r.status ?? (r.statusRaw || '-'));
  let where = '';
  if (all) {
    const others = r.locations.length - 1;
    where =
      others === 0
        ? `  [${r.newest}]`
        : `  [${r.newest} +${others} more${r.diverged ? ', copies differ' : ''}]`;
  }
  // Every value is repository content: one line each, nothing a terminal would act on (escapeTerminalLine).
  const title = escapeTerminalLine(r.title.replace(/\s+/g, ' '));
  const line = (text: string) => escapeTerminalLine(text);
  return `${line(r.id)}  ${line(status)}  ${line(r.branch || '-')}  ${title}${line(where)}\n${r.error ? `    ${line(r.error)}\n` : ''}`;
}
