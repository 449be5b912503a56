import { Command, Option } from 'clipanion';
import { runDoctor } from '../session/doctor.js';
import { Workspace } from '../workspace/Workspace.js';
import { BaseCommand } from './BaseCommand.js';

export class DoctorCommand extends BaseCommand {
  static override paths = [['doctor']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: 'check that roo works in this worktree',
    details: `
      Proves the hooks fire here (husky's hooks do not run in a fresh linked worktree until husky is set up
      there), that the journal is readable and writable, reports hook errors, unreadable session logs and stale
      branch-map entries. Each problem comes with the command that fixes it. Exits 5 when something is wrong.
    `,
    examples: [
      ['Check this worktree', '$0 doctor'],
      ['Also drop stale branch-map entries', '$0 doctor --fix'],
    ],
  });
  static override exitCodes = [0, 1, 2, 3, 4, 5] as const;

  fix = Option.Boolean('--fix', false, { description: 'Remove stale branch-map entries' });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const checks = await runDoctor(ws, { fix: this.fix });
    const bad = checks.filter((c) => !c.ok);
    if (this.asJson) this.json({ schema: 'roo-session/doctor@1', ok: bad.length === 0, checks });
    else {
      for (const c of checks) {
        const mark = !c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  ';
        this.out(`${mark}  ${c.name}: ${c.detail}${c.fix && !c.ok ? `\n      fix: \`${c.fix}\`` : ''}`);
      }
    }
    return bad.length > 0 ? 5 : 0;
  }
}
