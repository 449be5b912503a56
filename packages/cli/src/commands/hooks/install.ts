import { hooksInstall } from '@roo-session/app/useCases/index';
import { Command } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class HooksInstallCommand extends BaseCommand {
  static override paths = [['hooks', 'install']];

  static override usage = Command.Usage({
    category: 'Setup',
    description: 'install the git hooks that feed sessions',
    details: `
      Installs post-commit, post-checkout, post-merge, post-rewrite and prepare-commit-msg. In a husky repository
      (\`core.hooksPath\` is \`.husky/_\`) a marked block is added to each \`.husky/<hook>\`. With lefthook,
      simple-git-hooks or pre-commit, roo's command goes into that manager's configuration (commit it; then run the
      manager's install, which the output names). Otherwise small stubs go in the hooks folder, and an existing hook
      is kept and chained (same arguments, stdin and exit code). Clears what an earlier install or a manager left
      (\`<hook>.old\`, \`<hook>.legacy\`, duplicate \`.roo-chained\` hooks). The capture script is copied to
      \`<git-common-dir>/roo/\`. Safe to run again. Refuses when \`core.hooksPath\` is set globally.
    `,
    examples: [['Install the hooks', '$0 hooks install']],
  });

  async run(): Promise<number> {
    const { lines, ...report } = await hooksInstall(appContext(this.context));
    this.result('hooks-install', report, lines.join('\n'));
    return 0;
  }
}
