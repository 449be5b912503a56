import type { Writable } from 'node:stream';
// Subpath import: the fast paths wrap their streams too, and their bundle must stay small.
import { escapeTerminalText } from '@roo-session/core/text';

/**
 * A stream that writes through `stream`, with every character a terminal would act on escaped
 * (`escapeTerminalText`): what roo prints quotes repository content (titles, IDs, branch names, log text, file
 * names), which must never move the cursor, retitle the window, write the clipboard (OSC 52) or reorder text.
 * JSON passes unchanged in meaning: the escapes are JSON's own `\uXXXX`.
 */
export function terminalSafeStream(stream: Writable): Writable {
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (stream.write as (...args: unknown[]) => boolean)(
      typeof chunk === 'string' ? escapeTerminalText(chunk) : chunk,
      ...rest,
    );
  return Object.create(stream, { write: { value: write } }) as Writable;
}

/**
 * `ctx` with stdout and stderr made terminal-safe (every other property read through, getters included). Used
 * around roo's own commands; clipanion's help, which colours itself on a terminal, is printed outside it.
 */
export function terminalSafeContext<T extends { stdout: Writable; stderr: Writable }>(ctx: T): T {
  return Object.create(ctx, {
    stdout: { value: terminalSafeStream(ctx.stdout), enumerable: true },
    stderr: { value: terminalSafeStream(ctx.stderr), enumerable: true },
  }) as T;
}
