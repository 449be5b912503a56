import type { RooContext } from './context.js';
import { reportError } from './reportError.js';

export { VERSION } from './version.js';

/**
 * Runs `roo` with `argv` (without the node and script paths) in `ctx` and resolves to the exit code: the fast
 * paths first (`runFastPath`), then {@link runFull}. The process entry (`bin.ts`) does the same, with the fast
 * paths bundled apart from the rest (see bundle.mjs).
 */
export async function run(argv: string[], ctx: RooContext): Promise<number> {
  const { runFastPath } = await import('./runFastPath.js');
  if (await runFastPath(argv, ctx)) return 0;
  return runFull(argv, ctx);
}

/**
 * Runs `roo` without its fast paths: the full command line, loaded on demand. The bare `roo session current` still
 * skips clipanion (loading and compiling the command grammar costs more than its whole fast path): it is resolved
 * by `printCurrentSession`, with every message and exit code.
 */
export async function runFull(argv: string[], context: RooContext): Promise<number> {
  if (argv.length === 2 && argv[0] === 'session' && argv[1] === 'current') {
    const { terminalSafeContext } = await import('./terminalSafe.js');
    const ctx = terminalSafeContext(context);
    try {
      const { printCurrentSession } = await import('./fast/printCurrentSession.js');
      return await printCurrentSession(ctx, { json: false });
    } catch (error) {
      return reportError(ctx, error, 'session current');
    }
  }
  const { runCli } = await import('./runCli.js');
  return runCli(argv, context);
}
