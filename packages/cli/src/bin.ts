import { run } from './cli.js';
import { processContext } from './context.js';

/** The process entry point: the real argv, streams, cwd and env; the exit code goes to `process.exitCode`. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), processContext());
}
