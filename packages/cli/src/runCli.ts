import { InvalidArgumentsError, MissingOptionError } from '@roo-session/core';
import { Builtins, Cli, type CommandClass } from 'clipanion';
import { HelpCommand } from './commands/help.js';
import { commands } from './commands/index.js';
import type { RooContext } from './context.js';
import {
  type CommandSpec,
  describeCommand,
  formatArgument,
  formatOption,
  isListed,
} from './help/commandTree.js';
import { printHelp } from './help/printHelp.js';
import { isGroup, unknownCommandError } from './help/suggestCommands.js';
import { redactingOutput } from './redact.js';
import { reportError, wantsJson } from './reportError.js';
import { VERSION } from './version.js';

/** Builds the `roo` command line with every command registered (or only `only`). */
export function makeCli(
  only: readonly CommandClass<RooContext>[] = commands,
  colored = false,
): Cli<RooContext> {
  // Colours only on a terminal and never with NO_COLOR (docs/architecture.md): the context's colorDepth says which.
  const cli = new Cli<RooContext>({
    binaryLabel: 'roo-session',
    binaryName: 'roo',
    binaryVersion: VERSION,
    enableColors: colored,
  });
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

/** The words before the first option (`session log` of `session log --type x hi`), up to a `--`. */
function leadingWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  return words;
}

/**
 * What help a command line asks for, if any: `roo`, `roo --help`, `roo <command> --help` (`-h` too, anywhere
 * before a `--`), or a bare group (`roo session`, `roo session task`). The words are the command or group.
 */
function helpWords(argv: readonly string[], specs: () => readonly CommandSpec[]): string[] | undefined {
  if (argv.length === 0) return [];
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return leadingWords(argv);
  const words = leadingWords(argv);
  const rest = argv.slice(words.length).filter((a) => a !== '--json');
  // A command's own words are never a group: checked first, so a plain run never describes every command.
  if (rest.length > 0 || (words.length > 0 && commandsFor(words).length > 0)) return undefined;
  return words.length === 0 || isGroup(words, specs()) ? words : undefined;
}

/**
 * Parses and runs. Help (`--help`, groups, `roo help`) is rendered by roo from the command classes
 * (help/commandTree.ts), with real placeholders. Parse errors are usage errors on stderr with exit 2 (or a
 * JSON error on stdout with `--json`): an unknown command names the nearest ones, a missing required option is
 * named, anything else gives clipanion's reason and the usage line.
 *
 * Compiling clipanion's grammar for every command costs ~15 ms a run (docs/architecture.md start-up budget), so a
 * command line that starts with a command's path is parsed by a command line holding just that command.
 */
export async function runCli(argv: string[], ctx: RooContext): Promise<number> {
  const json = wantsJson(argv);
  let specs: CommandSpec[] | undefined;
  const allSpecs = () => {
    specs ??= commands.filter(isListed).map((c) => describeCommand(c));
    return specs;
  };
  const help = helpWords(argv, allSpecs);
  if (help !== undefined) {
    try {
      return await printHelp(ctx, commands, VERSION, { words: help, agent: false, json });
    } catch (error) {
      return reportError(ctx, error, help.join(' '), { json });
    }
  }
  const matching = commandsFor(argv);
  const colored = ctx.colorDepth > 1;
  if (matching.length > 0) {
    const lean = makeCli(matching, colored);
    const target = matching[0]!;
    let command: ReturnType<typeof lean.process>;
    try {
      command = lean.process(argv, ctx);
    } catch (error) {
      const spec = describeCommand(target);
      // The message echoes the command line: a key or token pasted as an argument is masked (redact.ts).
      return reportError(redactingOutput(ctx, argv), parseErrorOf(error, spec, argv), spec.path.join(' '), {
        json,
      });
    }
    if (command instanceof HelpCommand) command.tree = commands;
    return lean.run(command, ctx);
  }
  // No command's path starts the line: `--version`, options before the path, or a typo.
  const cli = makeCli(commands, colored);
  let command: ReturnType<typeof cli.process>;
  try {
    command = cli.process(argv, ctx);
  } catch {
    const words = leadingWords(argv);
    return reportError(redactingOutput(ctx, argv), unknownCommandError(words, allSpecs()), words.join(' '), {
      json,
    });
  }
  if (command instanceof HelpCommand) command.tree = commands;
  return cli.run(command, ctx);
}

/**
 * A parse failure of a known command as a usage error: the required options missing from `argv`, or clipanion's
 * reason (an unknown option, too few or too many arguments, a bad value), with the usage line.
 */
function parseErrorOf(error: unknown, spec: CommandSpec, argv: readonly string[]): Error {
  const name = `roo ${spec.path.join(' ')}`;
  const given = (o: { names: string[] }) =>
    argv.some((a) => o.names.some((n) => a === n || a.startsWith(`${n}=`)));
  const missing = spec.options.filter((o) => o.required && !given(o));
  if (missing.length > 0) {
    const list = missing.map((o) => `\`${formatOption(o)}\``).join(' and ');
    const what = missing.map((o) => o.description.replace(/^./, (c) => c.toLowerCase())).join('; ');
    const rest = argv.slice(spec.path.length).map(shellQuote);
    const next = [name, ...missing.map(formatOption), ...rest].join(' ');
    return new MissingOptionError({ what: `\`${name}\` needs ${list} (${what}), which was not given`, next });
  }
  let reason = clipanionReason(error);
  if (reason.startsWith('Not enough positional arguments')) {
    const needed = spec.arguments.filter((a) => a.required).map((a) => `\`${formatArgument(a)}\``);
    reason = `\`${name}\` needs ${needed.join(' ')} (not enough arguments were given)`;
  }
  const dash =
    /option name/.test(reason) && argv.some((a) => a.startsWith('-') && /\s/.test(a))
      ? `; text that starts with \`-\` is read as an option: put \`--\` before it, e.g. \`${name} -- <text>\``
      : '';
  return new InvalidArgumentsError({
    what: reason,
    next: `${name} --help`,
    hint: `for the usage: ${spec.usage}${dash}`,
  });
}

/** clipanion's one-line reason for a parse failure, without its own usage listing (which prints `#0`). */
function clipanionReason(error: unknown): string {
  const e = error as { candidates?: { reason: string | null }[]; message?: string } | null;
  const reason = e?.candidates?.find((c) => c.reason !== null)?.reason;
  if (reason) return reason;
  if (e?.candidates !== undefined) return 'the arguments do not match the command';
  return (e?.message ?? String(error)).split('\n')[0]!;
}

/** A word as a POSIX shell would need it quoted to pass it back unchanged. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
