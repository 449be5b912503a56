import { sessionStatusFast } from '@roo-session/app/fast/sessionStatus';
import type { RooContext } from '../context.js';
import { formatSessionStatus } from '../format/formatSessionStatus.js';

/**
 * The bare `roo session status` (and `--json`) at start-up: the facts from `sessionStatusFast`, printed by the same
 * `formatSessionStatus` as the full command, so the two cannot drift apart by a byte. False when the fast path
 * cannot answer: the caller runs the full command.
 */
export async function printSessionStatusFast(
  context: RooContext,
  options: { json: boolean },
): Promise<boolean> {
  const r = await sessionStatusFast(context);
  if (r === undefined) return false;
  context.stdout.write(
    formatSessionStatus(r.session, r.hooks, { now: context.now(), json: options.json, topLevel: r.topLevel }),
  );
  return true;
}
