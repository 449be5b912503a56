import { processContext } from './context.js';
import { runFastPath } from './runFastPath.js';

/**
 * The process entry point: the real argv, streams, cwd and env; the exit code goes to `process.exitCode`. Bundled
 * on its own as CommonJS with the fast paths only (bundle.mjs): the full command line (`cli.ts`, ESM) is imported
 * only when they do not answer, so `roo session current` / `status` never load it (docs/performance.md's start-up budget).
 */
export async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const ctx = processContext();
  if (await runFastPath(argv, ctx)) return;
  const { runFull } = await import('./cli.js');
  process.exitCode = await runFull(argv, ctx);
}
