import { ExitCode, RooError } from '@roo-session/core/errors';
import type { RooContext } from './context.js';

/**
 * Prints a failure on stderr and returns its exit code: a RooError's own code, 2 for a clipanion usage error,
 * 1 with the stack for anything else (a bug). Kept free of clipanion so the fast path need not load it.
 */
export function reportError(
  context: Pick<RooContext, 'stderr'>,
  error: unknown,
  commandPath: string,
): number {
  const stderr = context.stderr;
  if (error instanceof RooError) {
    stderr.write(`roo: ${error.message}\n`);
    return error.exitCode;
  }
  // clipanion marks its own errors with a `clipanion` property ({ type: 'usage' } for bad usage).
  if ((error as { clipanion?: { type?: string } } | null)?.clipanion?.type === 'usage') {
    stderr.write(`roo: ${(error as Error).message}\nrun \`roo ${commandPath} --help\` for usage\n`);
    return ExitCode.usage;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  stderr.write(`roo: internal error, please report it with the output below\n${err.stack ?? err.message}\n`);
  return ExitCode.internal;
}
