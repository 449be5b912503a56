import type { AppContext } from '@roo-session/app/context';
import type { BaseContext } from 'clipanion';

/**
 * Everything a command may touch of the outside world. Commands never read `process.*` directly, so
 * tests and other hosts can run `run(argv, ctx)` with their own streams, folder, environment and clock.
 */
export type RooContext = BaseContext & {
  cwd: string;
  /** The clock. The built binary honours `ROO_NOW` (an ISO 8601 instant) so end-to-end tests can fix time. */
  now: () => Date;
  /** Whether stdout is an interactive terminal (colours only then, and never with NO_COLOR). */
  isTTY: boolean;
};

/** The context of the running process. */
export function processContext(): RooContext {
  const env = process.env;
  const fixed = env.ROO_NOW ? new Date(env.ROO_NOW) : undefined;
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    // A getter: making process.stdin costs ~2 ms (docs/performance.md's start-up budget), and few commands read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    colorDepth: isTTY && !env.NO_COLOR ? (process.stdout.getColorDepth?.() ?? 1) : 1,
    cwd: process.cwd(),
    now: fixed && !Number.isNaN(fixed.getTime()) ? () => new Date(fixed) : () => new Date(),
    isTTY,
  };
}

/** The use cases' view of a command's context (`@roo-session/app`): notes go to stderr as `roo: <note>`. */
export function appContext(ctx: RooContext): AppContext {
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    now: ctx.now,
    note: (line) => {
      ctx.stderr.write(`roo: ${line}\n`);
    },
  };
}
