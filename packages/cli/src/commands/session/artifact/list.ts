import { sessionArtifactList } from '@roo-session/app/useCases/index';
import { Command } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionOption } from '../../BaseCommand.js';

export class SessionArtifactListCommand extends BaseCommand {
  static override paths = [['session', 'artifact', 'list']];

  static override usage = Command.Usage({
    category: 'Artifacts',
    description: 'list the artifacts of a session',
    details: `
      Lists every file under the session's \`artifacts/\` folders (the folder READMEs aside), with its type and
      whether \`related_artifacts\` names it. Paths listed in \`related_artifacts\` that do not exist are shown too.
    `,
    examples: [
      ["List the active session's artifacts", '$0 session artifact list'],
      ['As JSON', '$0 session artifact list --json'],
    ],
  });

  session = sessionOption();

  async run(): Promise<number> {
    const r = await sessionArtifactList(appContext(this.context), { session: this.session });
    if (this.asJson) {
      this.result('artifact-list', r, '');
      return 0;
    }
    if (r.artifacts.length === 0)
      this.out(`${r.id}: no artifacts yet; run \`roo session artifact new note <description>\``);
    for (const a of r.artifacts) {
      const flags = [a.exists ? '' : 'missing', a.related ? '' : 'not in related_artifacts'].filter(Boolean);
      this.out(`${a.path}  (${a.type})${flags.length ? `  [${flags.join(', ')}]` : ''}`);
    }
    return 0;
  }
}
