import { Builtins, Cli, type CommandClass } from 'clipanion';
import { VERSION } from './cli.js';
import { commands } from './commands/index.js';
import type { RooContext } from './context.js';

/** Builds the `roo` command line with every command registered (or only `only`). */
export function makeCli(
  only: readonly CommandClass<RooContext>[] = commands,
  colored = false,
): Cli<RooContext> {
  // Colours only on a terminal and never with NO_COLOR (SPEC 3): the context's colorDepth says which.
  const cli = new Cli<RooContext>({
    binaryLabel: 'roo-session',
    binaryName: 'roo',
    binaryVersion: VERSION,
    enableColors: colored,
  });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of only) cli.register(command);
  return cli;
}

/** The commands whose whole path begins `argv`: the only ones clipanion could select for it. */
function commandsFor(argv: readonly string[]): CommandClass<RooContext>[] {
  return commands.filter((command) =>
    (command.paths ?? []).some((path) => path.length > 0 && path.every((part, i) => argv[i] === part)),
  );
}

/**
 * Parses and runs. Parse errors (unknown command or flag, missing argument) are usage errors: stderr and exit 2,
 * where clipanion alone would print them to stdout with exit 1.
 *
 * Compiling clipanion's grammar for every command costs ~15 ms a run (SPEC 6 start-up budget), so a command line
 * that starts with a command's path is first parsed by a command line holding just the commands of that path.
 * Anything it cannot parse (a bad flag, `--help` lists, unknown words) goes through the full command line, so
 * errors and help read exactly as before.
 */
export async function runCli(argv: string[], ctx: RooContext): Promise<number> {
  const matching = commandsFor(argv);
  if (matching.length > 0) {
    const lean = makeCli(matching, ctx.colorDepth > 1);
    let command: ReturnType<typeof lean.process> | undefined;
    try {
      command = lean.process(argv, ctx);
    } catch {
      command = undefined;
    }
    if (command !== undefined) return lean.run(command, ctx);
  }
  const cli = makeCli(commands, ctx.colorDepth > 1);
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
