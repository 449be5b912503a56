import { runAgentHookFast } from '@roo-session/app/agents/hook';
import type { RooContext } from './context.js';
import { printCurrentSessionFast } from './fast/currentFast.js';
import { logEntryFast } from './fast/logFast.js';
import { printSessionStatusFast } from './fast/statusFast.js';
import { terminalSafeContext } from './terminalSafe.js';

/**
 * The start-up fast paths (docs/performance.md: within 1.5x the start-up of a bare `node`): the bare
 * `roo session current`, `roo session status [--json]` and the plain `roo session log <message…>`, which agents
 * run at every step, answered without clipanion, the commit code or the session store. Resolves to true when the command was answered (exit 0). False for every other command line
 * and for anything unusual: the caller then runs the full command line, which gives every message and exit code.
 * `ROO_FAST_PATH=0` turns the fast paths off (the tests compare both ways).
 */
export async function runFastPath(argv: readonly string[], context: RooContext): Promise<boolean> {
  if (context.env.ROO_FAST_PATH === '0') return false;
  // An agent's prompt and turn-end hooks (docs/agents.md): answered here, always, silently; session start reads
  // the whole log and is left to the full command line.
  if (argv[0] === 'agents' && argv[1] === 'hook' && argv[3] !== 'start' && argv.length === 4) {
    try {
      await runAgentHookFast(argv.slice(2), context);
    } catch {
      // Fail open: exit 0, nothing printed.
    }
    return true;
  }
  if (argv[0] !== 'session') return false;
  const ctx = terminalSafeContext(context);
  try {
    if (argv.length === 2 && argv[1] === 'current') return await printCurrentSessionFast(ctx);
    if (argv[1] === 'log') return await logEntryFast(argv.slice(2), ctx);
    if (argv[1] === 'status' && (argv.length === 2 || (argv.length === 3 && argv[2] === '--json'))) {
      return await printSessionStatusFast(ctx, { json: argv.length === 3 });
    }
  } catch {
    // Discovery failed (not a repository, no git): the full command line reports it as it should.
  }
  return false;
}
