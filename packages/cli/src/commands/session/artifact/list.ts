import { join } from 'node:path';
import { listArtifacts } from '@roo-session/app/ops/artifacts';
import { withPending } from '@roo-session/app/ops/syncSession';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionFiles, sessionOption } from '../../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.session, { anyStatus: true });
    // Registrations still in the journal count: `related_artifacts` as the next commit point will write it.
    const { doc } = await withPending(ws, s);
    const items = listArtifacts(ws, { ...s, doc });
    if (this.asJson) {
      const files = sessionFiles(ws, s.id);
      this.json({
        schema: 'roo-session/artifact-list@1',
        id: s.id,
        session: s.id,
        ...files,
        artifacts: items.map((a) => ({ ...a, absolutePath: join(files.folder, a.path) })),
      });
      return 0;
    }
    if (items.length === 0)
      this.out(`${s.id}: no artifacts yet; run \`roo session artifact new note <description>\``);
    for (const a of items) {
      const flags = [a.exists ? '' : 'missing', a.related ? '' : 'not in related_artifacts'].filter(Boolean);
      this.out(`${a.path}  (${a.type})${flags.length ? `  [${flags.join(', ')}]` : ''}`);
    }
    return 0;
  }
}
