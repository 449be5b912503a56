import { Workspace } from '@roo-session/app/store/Workspace';
import { appContext, type RooContext } from '../context.js';
import { sessionPathsIn } from '../format/formatSessionStatus.js';

/**
 * The whole of `roo session current`. `cli.ts` also calls it directly for the bare `roo session current`, the
 * command agents run before every step: skipping clipanion's parser there keeps it within docs/performance.md's start-up budget.
 */
export async function printCurrentSession(
  context: RooContext,
  opts: { session?: string | undefined; json: boolean },
): Promise<number> {
  const ws = await Workspace.open(appContext(context));
  const s = await ws.store.resolve(opts.session);
  const { meta } = s.doc;
  context.stdout.write(
    opts.json
      ? `${JSON.stringify(
          {
            schema: 'roo-session/current@1',
            id: s.id,
            status: meta.status ?? meta.statusRaw,
            branch: meta.branch,
            title: meta.title,
            ...sessionPathsIn(ws.repo.topLevel, s.id, 'worktree'),
          },
          null,
          2,
        )}\n`
      : `${s.id}\n`,
  );
  return 0;
}
