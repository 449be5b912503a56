import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { sessionArtifactNew } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionOption, withPlaceholder } from '../../BaseCommand.js';

export class SessionArtifactNewCommand extends BaseCommand {
  static override paths = [['session', 'artifact', 'new']];

  static override usage = Command.Usage({
    category: 'Artifacts',
    description: 'create an artifact in the session folder',
    details: `
      Creates \`artifacts/<folder>/<PREFIX>-<description>-<YYMMDDHHMM>.<ext>\` in the session folder, from the
      type's template (or from \`--from-file\`), adds it to \`related_artifacts\`, logs \`Created artifact: …\`, and
      prints its path, relative to the folder you are in (\`--json\`: the absolute path). Types: note, learning, environment, doc, research, blocker, question, snippet, feedback,
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

  ext = withPlaceholder('ext', Option.String('--ext', { description: 'File extension (default md)' }));
  fromFile = withPlaceholder(
    'path',
    Option.String('--from-file', {
      description: 'Copy the content of this file instead of the template',
    }),
  );
  session = sessionOption();
  type = Option.String({ name: 'type' });
  description = Option.Rest({ name: 'description', required: 1 });

  async run(): Promise<number> {
    const r = await sessionArtifactNew(appContext(this.context), {
      type: this.type,
      description: this.description.join(' '),
      ext: this.ext,
      fromFile: this.fromFile,
      session: this.session,
    });
    // From the folder the command runs in (git gives the top level with symlinks resolved; so must the cwd).
    this.result('artifact-new', r, relative(realCwd(this.context.cwd), r.path));
    return 0;
  }
}

function realCwd(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return cwd;
  }
}
