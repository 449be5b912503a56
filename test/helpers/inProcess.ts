import { Readable, Writable } from 'node:stream';
import { run } from '../../packages/cli/src/cli.js';
import { clockFromEnv, type RooContext } from '../../packages/cli/src/context.js';

/** What one `roo` run printed and how it exited (the same shape for a run in process and a spawned one). */
export type RunResult = { exitCode: number; stdout: string; stderr: string };

/** A stream that keeps every byte written to it, synchronously (nothing is left in a buffer when a run ends). */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs `roo <args>` in this process through the entry the binary uses (`run` in packages/cli/src/cli.ts: the fast
 * paths, then the full command line), in a context made as `processContext()` makes the binary's, from `cwd` and
 * `env` instead of the process's: stdout and stderr captured, stdin `input` (empty otherwise, as the spawned
 * binary's /dev/null), the clock at `ROO_NOW`, no terminal. An exception roo lets escape is a bug: as the binary
 * would, it becomes exit code 1 with the stack on stderr.
 *
 * What a run in process cannot share with the spawned binary is refused rather than silently different:
 * `ROO_TEST_CRASH` kills the process it runs in (run those with the real binary, `TempRepo.rooProcess`), and local
 * time is the process's (`TZ`, set for the test worker in test/setup/isolateProcess.ts).
 */
export async function runInProcess(
  args: readonly string[],
  opts: { cwd: string; env: Record<string, string>; input?: string; rooBin: string },
): Promise<RunResult> {
  const { env } = opts;
  if (env.ROO_TEST_CRASH !== undefined) {
    throw new Error('ROO_TEST_CRASH kills the process roo runs in: use TempRepo.rooProcess for crash points');
  }
  if ((env.TZ ?? '') !== (process.env.TZ ?? '')) {
    throw new Error(`roo in process reads local time in the worker's TZ (${process.env.TZ}), not ${env.TZ}`);
  }
  const out = collector();
  const err = collector();
  const ctx: RooContext = {
    stdin: Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)], { objectMode: false }),
    stdout: out.stream,
    stderr: err.stream,
    env: { ...env },
    colorDepth: 1,
    cwd: opts.cwd,
    now: clockFromEnv(env),
    isTTY: false,
    // Work that must outlive the command (the agent hook's detached checkpoint) starts the built binary.
    rooCommand: [process.execPath, opts.rooBin],
  };
  let exitCode: number;
  try {
    exitCode = await run([...args], ctx);
  } catch (error) {
    err.stream.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitCode = 1;
  }
  return { exitCode, stdout: out.text(), stderr: err.text() };
}
