import type { RooContext } from './context.js';
import { reportError } from './reportError.js';
import { printCurrentSessionFast } from './session/currentFast.js';

export const VERSION = '0.1.0';

/**
 * Runs `roo` with `argv` (without the node and script paths) in `ctx` and resolves to the exit code.
 *
 * The bare `roo session current`, which agents run before every step, skips clipanion: loading and compiling the
 * command grammar alone would break SPEC 6's start-up budget (1.5x a bare `node`). Everything else goes through
 * the full command line, loaded on demand. The common case is answered by `printCurrentSessionFast` without
 * loading GitRepo or the session store; anything unusual falls back to `printCurrentSession`.
 */
export async function run(argv: string[], ctx: RooContext): Promise<number> {
  if (argv.length === 2 && argv[0] === 'session' && argv[1] === 'current') {
    try {
      if (await printCurrentSessionFast(ctx)) return 0;
      // Anything unusual: the full resolution, with its messages and exit codes (loaded only then).
      const { printCurrentSession } = await import('./session/printCurrentSession.js');
      return await printCurrentSession(ctx, { json: false });
    } catch (error) {
      return reportError(ctx, error, 'session current');
    }
  }
  const { runCli } = await import('./runCli.js');
  return runCli(argv, ctx);
}
