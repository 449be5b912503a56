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
  /**
   * The file descriptor `stdin` reads, when it is the process's own (0): the agent hook reads its payload from it
   * synchronously, which costs less start-up than a stream. Absent for any other stdin (the hook then reads `stdin`).
   */
  stdinFd?: number;
  /**
   * How to start this roo as a new process (node and the script it runs), for work that outlives the command: the
   * agent hook's detached checkpoint. Absent where roo cannot be started again; that work is then skipped.
   */
  rooCommand?: readonly string[];
};

/** The clock of `env`: fixed at `ROO_NOW` (an ISO 8601 instant) when it is set and valid, the real time otherwise. */
export function clockFromEnv(env: Record<string, string | undefined>): () => Date {
  const fixed = env.ROO_NOW ? new Date(env.ROO_NOW) : undefined;
  return fixed && !Number.isNaN(fixed.getTime()) ? () => new Date(fixed) : () => new Date();
}

/** The context of the running process. */
export function processContext(): RooContext {
  const env = process.env;
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
    now: clockFromEnv(env),
    isTTY,
    stdinFd: 0,
    ...(process.argv[1] === undefined ? {} : { rooCommand: [process.execPath, process.argv[1]] }),
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
