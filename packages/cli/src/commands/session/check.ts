import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { checkSessions, formatFinding } from '../../session/checkSessions.js';
import { Workspace } from '../../workspace/Workspace.js';
import { BaseCommand, jsonOption } from '../BaseCommand.js';

export class SessionCheckCommand extends BaseCommand {
  static override paths = [['session', 'check']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'validate session folders (for CI)',
    details: `
      Checks every session folder in this worktree, or the folders given: the frontmatter parses (file and line of
      a TOML error), required keys are there, the status is one of the four, times parse, \`related_artifacts\`
      exist and stay inside the folder, the folder name matches the ID, and no credentials are committed.
      \`--format github\` prints GitHub Actions annotations. Exits 5 when there is an error.
    `,
    examples: [
      ['Check every session', '$0 session check'],
      [
        'Check one folder, annotations for GitHub',
        '$0 session check --format github .ruru/sessions/SESSION-Fix_login-2611260905',
      ],
    ],
  });

  format = Option.String('--format', 'text', {
    description: 'text or github (workflow annotations)',
    validator: t.isEnum(['text', 'github'] as const),
  });
  asJson = jsonOption();
  targets = Option.Rest({ name: 'paths' });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const result = await checkSessions(ws, this.targets);
    if (this.asJson) this.json(result);
    else {
      for (const f of result.findings) this.out(formatFinding(f, this.format));
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      this.context.stderr.write(
        `roo: checked ${result.checked} session${result.checked === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
      );
    }
    return result.findings.some((f) => f.severity === 'error') ? 5 : 0;
  }
}
