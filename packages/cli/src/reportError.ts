import { ExitCode, RooError } from '@roo-session/core/errors';
import type { RooContext } from './context.js';
import { redactQuoted } from './redact.js';

/** The error object `--json` prints on stdout (schema `roo-session/error@1`, docs/json-schema.md). */
export type JsonError = {
  error: {
    code: string;
    exitCode: number;
    message: string;
    what: string;
    seen: string | null;
    next: string | null;
  };
};

/**
 * `error` as the `--json` failure object: its code and exit code, the message the command prints without
 * `--json`, and the fields it is composed of: what is wrong, what roo saw, the command to run next.
 */
export function jsonErrorOf(error: unknown, commandPath: string): JsonError {
  if (error instanceof RooError) {
    return {
      error: {
        code: error.code,
        exitCode: error.exitCode,
        message: error.message,
        what: error.what,
        seen: error.seen,
        next: error.next,
      },
    };
  }
  if (isClipanionUsage(error)) {
    const message = redactQuoted(error.message);
    return {
      error: {
        code: 'invalid_arguments',
        exitCode: ExitCode.usage,
        message,
        what: `the arguments of \`roo ${commandPath}\` do not parse`,
        seen: message,
        next: `roo ${commandPath} --help`,
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    error: {
      code: 'internal',
      exitCode: ExitCode.internal,
      message,
      what: 'internal error: roo hit a bug, please report it',
      seen: message,
      next: null,
    },
  };
}

/** clipanion marks its own errors with a `clipanion` property ({ type: 'usage' } for bad usage). */
function isClipanionUsage(error: unknown): error is Error {
  return (error as { clipanion?: { type?: string } } | null)?.clipanion?.type === 'usage';
}

/**
 * Prints a failure and returns its exit code: a RooError's own code, 2 for a clipanion usage error, 1 with the
 * stack for anything else (a bug). Text goes to stderr. With `json`, the failure is one JSON object on stdout
 * (docs/json-schema.md) and stderr stays empty, except for a bug's stack. Kept free of clipanion so the fast
 * path need not load it.
 */
export function reportError(
  context: Pick<RooContext, 'stderr' | 'stdout'>,
  error: unknown,
  commandPath: string,
  options: { json?: boolean } = {},
): number {
  const stderr = context.stderr;
  if (options.json) {
    const body = jsonErrorOf(error, commandPath);
    context.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    if (body.error.exitCode === ExitCode.internal && !(error instanceof RooError)) {
      const err = error instanceof Error ? error : new Error(String(error));
      stderr.write(
        `roo: internal error, please report it with the output below\n${err.stack ?? err.message}\n`,
      );
    }
    return body.error.exitCode;
  }
  if (error instanceof RooError) {
    stderr.write(`roo: ${error.message}\n`);
    return error.exitCode;
  }
  if (isClipanionUsage(error)) {
    stderr.write(`roo: ${redactQuoted(error.message)}\nrun \`roo ${commandPath} --help\` for usage\n`);
    return ExitCode.usage;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  stderr.write(`roo: internal error, please report it with the output below\n${err.stack ?? err.message}\n`);
  return ExitCode.internal;
}

/** Whether a command line asks for JSON: `--json` among its options (before a `--`). */
export function wantsJson(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--json') return true;
  }
  return false;
}
