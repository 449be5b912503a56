import { Command, Option } from 'clipanion';
import { createArtifact } from '../../../session/artifacts.js';
import { Workspace } from '../../../workspace/Workspace.js';
import { BaseCommand, sessionOption } from '../../BaseCommand.js';

export class SessionArtifactNewCommand extends BaseCommand {
  static override paths = [['session', 'artifact', 'new']];

  static override usage = Command.Usage({
    category: 'Artifacts',
    description: 'create an artifact in the session folder',
    details: `
      Creates \`artifacts/<folder>/<PREFIX>-<description>-<YYMMDDHHMM>.<ext>\` in the session folder, from the
      type's template (or from \`--from-file\`), adds it to \`related_artifacts\`, logs \`Created artifact: …\`, and
      prints its path. Types: note, learning, environment, doc, research, blocker, question, snippet, feedback,
      feature, context, deferred (folder names, prefixes and V7 type words work too).
    `,
    examples: [
      ['Write down the plan', '$0 session artifact new note initial plan'],
      ['Keep a snippet as TypeScript', '$0 session artifact new snippet --ext ts token bucket'],
      [
        'Attach an existing file',
        '$0 session artifact new research --from-file ./bench.txt rate limit numbers',
      ],
    ],
  });

  ext = Option.String('--ext', { description: 'File extension (default md)' });
  fromFile = Option.String('--from-file', {
    description: 'Copy the content of this file instead of the template',
  });
  session = sessionOption();
  type = Option.String({ name: 'type' });
  description = Option.Rest({ required: 1 });

  async run(): Promise<number> {
    const ws = await Workspace.open(this.context);
    const s = await ws.store.resolve(this.session);
    const path = await createArtifact(ws, s, {
      type: this.type,
      description: this.description.join(' '),
      ...(this.ext !== undefined ? { ext: this.ext } : {}),
      ...(this.fromFile !== undefined ? { fromFile: this.fromFile } : {}),
    });
    this.out(path);
    return 0;
  }
}
