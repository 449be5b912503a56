import { sessionCurrent } from '@roo-session/app/useCases/read';
import { appContext, type RooContext } from '../context.js';

/**
 * The whole of `roo session current`. `cli.ts` also calls it directly for the bare `roo session current`, the
 * command agents run before every step: skipping clipanion's parser there keeps it within docs/performance.md's start-up budget.
 */
export async function printCurrentSession(
  context: RooContext,
  opts: { session?: string | undefined; json: boolean },
): Promise<number> {
  const r = await sessionCurrent(appContext(context), { session: opts.session });
  context.stdout.write(
    opts.json ? `${JSON.stringify({ schema: 'roo-session/current@1', ...r }, null, 2)}\n` : `${r.id}\n`,
  );
  return 0;
}
