import { Builtins, Cli } from 'clipanion';
import { VERSION } from './cli.js';
import { commands } from './commands/index.js';
import type { RooContext } from './context.js';

/** Builds the `roo` command line with every command registered. */
export function makeCli(): Cli<RooContext> {
  const cli = new Cli<RooContext>({ binaryLabel: 'roo-session', binaryName: 'roo', binaryVersion: VERSION });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of commands) cli.register(command);
  return cli;
}

/**
 * Parses and runs. Parse errors (unknown command or flag, missing argument) are usage errors: stderr and exit 2,
 * where clipanion alone would print them to stdout with exit 1.
 */
export async function runCli(argv: string[], ctx: RooContext): Promise<number> {
  const cli = makeCli();
  let command: ReturnType<typeof cli.process>;
  try {
    command = cli.process(argv, ctx);
  } catch (error) {
    ctx.stderr.write(cli.error(error, { colored: ctx.colorDepth > 1 }));
    ctx.stderr.write('run `roo --help` for the list of commands, or `roo <command> --help` for one\n');
    return 2;
  }
  return cli.run(command, ctx);
}
