import { hooksStatus } from '@roo-session/app/useCases/index';
import { Command } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class HooksStatusCommand extends BaseCommand {
  static override paths = [['hooks', 'status']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: "show the state of roo's git hooks",
    details: `
      For each hook: installed, chained to a foreign hook, a block in a husky file, outdated or missing; whether the
      capture script is current, whether the journal is writable, and any hook errors.
    `,
    examples: [
      ['Show the hooks', '$0 hooks status'],
      ['As JSON', '$0 hooks status --json'],
    ],
  });

  async run(): Promise<number> {
    const st = await hooksStatus(appContext(this.context));
    if (this.asJson) {
      this.json({ schema: 'roo-session/hooks-status@1', ...st });
      return 0;
    }
    for (const h of st.hooks) {
      this.out(`${h.name.padEnd(19)} ${h.state}${h.chained ? ` (chains ${h.chained})` : ''}  ${h.file}`);
    }
    this.out(
      `capture script      ${st.capture.present ? (st.capture.current ? 'current' : 'outdated') : 'missing'}  ${st.capture.path}`,
    );
    this.out(
      `journal             ${st.journal.exists ? `${st.journal.bytes} bytes` : 'empty'}${st.journal.writable ? '' : ', NOT writable'}  ${st.journal.path}`,
    );
    if (st.hookErrors.text.trim() !== '') this.out(`hook errors         see ${st.hookErrors.path}`);
    for (const p of st.problems) this.out(`problem: ${p.message}; fix: \`${p.fix}\``);
    for (const w of st.warnings) this.out(`warning: ${w}`);
    return 0;
  }
}
