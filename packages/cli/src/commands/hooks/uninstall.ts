import { hooksUninstall } from '@roo-session/app/useCases/index';
import { Command } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class HooksUninstallCommand extends BaseCommand {
  static override paths = [['hooks', 'uninstall']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: 'remove the hooks roo installed',
    details: `
      Removes exactly what \`roo hooks install\` added: roo's stubs, roo's blocks in \`.husky/<hook>\` files, roo's
      parts of a hook manager's configuration, and puts chained hooks back byte for byte. The journal and session
      files are kept.
    `,
    examples: [['Remove the hooks', '$0 hooks uninstall']],
  });

  async run(): Promise<number> {
    const { lines, ...report } = await hooksUninstall(appContext(this.context));
    this.result(
      'hooks-uninstall',
      report,
      lines.length === 0 ? 'no roo hooks were installed' : lines.join('\n'),
    );
    return 0;
  }
}
