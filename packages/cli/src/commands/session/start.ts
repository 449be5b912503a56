import { sessionStart } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../context.js';
import { allowSecretsOption, BaseCommand, withPlaceholder } from '../BaseCommand.js';

export class SessionStartCommand extends BaseCommand {
  static override paths = [['session', 'start']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'start a session on a new branch',
    details: `
      Creates \`.ruru/sessions/<ID>/\` (the V7 \`session_log.md\` and the artifact folders), creates the branch
      \`session/<ID>\` at HEAD and switches to it, and commits the folder there in one atomic commit. Your staged and
      unstaged changes come along untouched. The ID is printed on stdout.

      With \`--here\` the session is mapped to the branch you are on instead; \`--branch\` names the new branch.
    `,
    examples: [
      ['Start a session on its own branch', '$0 session start "Fix login rate limit"'],
      [
        'Start one on the current branch, tagged',
        '$0 session start --here --tag auth "Fix login rate limit"',
      ],
      [
        'Start one for an agent',
        '$0 session start --coordinator roo-commander --description "From ticket API-12" Refactor the API',
      ],
    ],
  });

  here = Option.Boolean('--here', false, {
    description: 'Map the session to the current branch instead of a new one',
  });
  branch = withPlaceholder(
    'branch',
    Option.String('--branch', {
      description: 'Name of the new branch (default `<branchPrefix><ID>`)',
    }),
  );
  coordinator = withPlaceholder(
    'mode',
    Option.String('--coordinator', {
      description: 'Who runs the session (default from config, `roo-cli`)',
    }),
  );
  tags = withPlaceholder('tag', Option.Array('--tag', [], { description: 'An extra tag (repeatable)' }), {
    repeatable: true,
  });
  description = withPlaceholder(
    'text',
    Option.String('--description', { description: 'More text for the Goal section' }),
  );
  allowSecrets = allowSecretsOption(
    'Start even if the secret scan finds credentials in the goal, the description or the new folder',
  );
  goal = Option.Rest({ name: 'goal', required: 1 });

  async run(): Promise<number> {
    const r = await sessionStart(appContext(this.context), {
      goal: this.goal.join(' '),
      description: this.description,
      tags: this.tags,
      here: this.here,
      branch: this.branch,
      coordinator: this.coordinator,
      allowSecrets: this.allowSecrets,
    });
    this.result('start', r, r.id);
    return 0;
  }
}
