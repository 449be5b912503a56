import { doctor } from '@roo-session/app/useCases/index';
import { ExitCode, escapeTerminalLine } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import { appContext } from '../context.js';
import { BaseCommand } from './BaseCommand.js';

export class DoctorCommand extends BaseCommand {
  static override paths = [['doctor']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: 'check that roo works in this worktree',
    details: `
      Proves the hooks fire here (husky's hooks do not run in a fresh linked worktree until husky is set up
      there), that the journal is readable and writable, reports hook errors, unreadable session logs, stale
      branch-map entries, damaged state (a folder or FIFO where roo keeps the journal, a cursor or a branch-map
      entry) and temp files left by interrupted writes. Each problem comes with the command that fixes it. Exits 5
      when something is wrong.

      \`--fix\` repairs what it safely can and says what it did: damaged state files are moved aside to
      \`<git-common-dir>/roo/damaged/\` (nothing is deleted), temp files older than a minute are removed, the
      capture script is written again, stale branch-map entries are removed.
    `,
    examples: [
      ['Check this worktree', '$0 doctor'],
      ['Repair what can be repaired safely', '$0 doctor --fix'],
    ],
  });
  static override exitCodes = [0, 1, 2, 3, 4, 5] as const;

  fix = Option.Boolean('--fix', false, {
    description:
      'Move damaged state aside, remove stale temp files and branch-map entries, rewrite the capture script',
  });

  async run(): Promise<number> {
    const r = await doctor(appContext(this.context), { fix: this.fix });
    if (this.asJson) this.result('doctor', r, '');
    else {
      for (const c of r.checks) {
        const mark = !c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  ';
        // Details quote paths and session errors: one line each (escapeTerminalLine).
        this.out(
          `${mark}  ${c.name}: ${escapeTerminalLine(c.detail)}${c.fix && !c.ok ? `\n      fix: \`${escapeTerminalLine(c.fix)}\`` : ''}`,
        );
      }
    }
    return r.ok ? ExitCode.ok : ExitCode.findings;
  }
}
