import { Command, type CommandClass } from 'clipanion';
import type { RooContext } from '../context.js';

/** An option of a command as its class declares it (clipanion's own definition, plus roo's placeholder). */
export type OptionSpec = {
  /** Every spelling, longest last as clipanion lists them (`--session`). */
  names: string[];
  /** The value's placeholder without brackets (`type`, `id`, `mode`); null for a flag that takes no value. */
  placeholder: string | null;
  description: string;
  required: boolean;
  /** Whether it may be given more than once (`--tag a --tag b`). */
  repeatable: boolean;
};

/** A positional argument: `<id>`, `[id]`, `<message>...`. */
export type ArgumentSpec = { name: string; required: boolean; variadic: boolean };

export type ExitCodeSpec = { code: number; meaning: string };

/** Everything help and `roo help --agent` print about one command, read from its class. */
export type CommandSpec = {
  /** The words that select it (`['session', 'log']`). */
  path: string[];
  /** Other paths to the same command (`session resume` for `session continue`). */
  aliases: string[][];
  category: string;
  /** One line, lowercase imperative. */
  description: string;
  /** Markdown, dedented. */
  details: string;
  examples: { label: string; command: string }[];
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  exitCodes: ExitCodeSpec[];
  /** The usage line: `roo session log [--type <type>] [--session <id>] <message>...`. */
  usage: string;
};

/** What every exit code means (docs/architecture.md). */
export const EXIT_CODE_MEANINGS: Readonly<Record<number, string>> = {
  0: 'success',
  1: 'internal error (a bug; the stack is printed)',
  2: 'bad usage or input (unknown command or option, missing argument, unknown or ambiguous ID)',
  3: 'precondition not met (not a repository, no commits, no active session, dirty tree, …)',
  4: 'git failed; nothing was lost and the recovery commands are printed',
  5: 'a check found problems',
};

const PLACEHOLDER = Symbol('roo/placeholder');
const REPEATABLE = Symbol('roo/repeatable');

/**
 * Names the value of an option in help and usage (`--type <type>`), where clipanion alone prints `--type #0`.
 * Returns the option unchanged for clipanion; `repeatable` marks an `Option.Array`.
 */
export function withPlaceholder<T>(placeholder: string, option: T, opts: { repeatable?: boolean } = {}): T {
  const o = option as unknown as Record<symbol, unknown>;
  o[PLACEHOLDER] = placeholder;
  if (opts.repeatable) o[REPEATABLE] = true;
  return option;
}

type Recorded = { options: OptionSpec[]; arguments: ArgumentSpec[] };

/**
 * A stand-in for clipanion's command builder: each option object's own `definition` is run against it, so the
 * arguments and options listed are exactly the ones clipanion parses.
 */
function recorder(into: Recorded, meta: { placeholder?: string; repeatable: boolean }) {
  return {
    addOption(o: {
      names: string[];
      description?: string;
      arity?: number;
      hidden?: boolean;
      required?: boolean;
    }) {
      if (o.hidden) return;
      const arity = o.arity ?? 0;
      const fallback = (o.names.at(-1) ?? '').replace(/^-+/, '');
      into.options.push({
        names: o.names,
        placeholder: arity === 0 ? null : (meta.placeholder ?? fallback),
        description: o.description ?? '',
        required: o.required ?? false,
        repeatable: meta.repeatable,
      });
    },
    addPositional(o: { name?: string; required?: boolean }) {
      into.arguments.push({ name: o.name ?? 'arg', required: o.required ?? true, variadic: false });
    },
    addRest(o: { name?: string; required?: number }) {
      into.arguments.push({ name: o.name ?? 'arg', required: (o.required ?? 0) > 0, variadic: true });
    },
    addProxy(o: { name?: string; required?: number }) {
      into.arguments.push({ name: o.name ?? 'arg', required: (o.required ?? 0) > 0, variadic: true });
    },
  };
}

/** Removes the common indentation of a template-literal block and its surrounding blank lines. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const indents = lines.filter((l) => /\S/.test(l)).map((l) => l.length - l.trimStart().length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(indent).trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** `--type <type>`, `--json`, `--tag <tag>...`. */
export function formatOption(o: OptionSpec): string {
  const name = o.names.join(',');
  return o.placeholder === null ? name : `${name} <${o.placeholder}>${o.repeatable ? '...' : ''}`;
}

/** `<id>`, `[id]`, `<message>...`, `[paths]...`. */
export function formatArgument(a: ArgumentSpec): string {
  const inner = a.required ? `<${a.name}>` : `[${a.name}]`;
  return a.variadic ? `${inner}...` : inner;
}

/** The spec of one command class, from its static `paths`, `usage`, `exitCodes` and its option objects. */
export function describeCommand(cls: CommandClass<RooContext>, binaryName = 'roo'): CommandSpec {
  const instance = new cls() as unknown as Record<string, unknown>;
  const recorded: Recorded = { options: [], arguments: [] };
  for (const key of Object.keys(instance)) {
    const value = instance[key] as Record<PropertyKey, unknown> | null;
    if (typeof value !== 'object' || value === null || !value[Command.isOption]) continue;
    const definition = value.definition as (builder: unknown, key: string) => void;
    const meta = {
      repeatable: value[REPEATABLE] === true,
      ...(typeof value[PLACEHOLDER] === 'string' ? { placeholder: value[PLACEHOLDER] as string } : {}),
    };
    definition(recorder(recorded, meta), key);
  }
  // `--json` is every command's (declared on BaseCommand, so recorded first): listed last, after the command's own.
  recorded.options.sort((a, b) => Number(a.names.includes('--json')) - Number(b.names.includes('--json')));
  const [path = [], ...aliases] = (cls.paths ?? []).map((p) => [...p]);
  const usage = cls.usage ?? {};
  const codes = (cls as { exitCodes?: readonly number[] }).exitCodes ?? [0, 1, 2, 3, 4];
  const words = [
    binaryName,
    ...path,
    ...recorded.options.map((o) => (o.required ? formatOption(o) : `[${formatOption(o)}]`)),
    ...recorded.arguments.map(formatArgument),
  ];
  return {
    path,
    aliases,
    category: usage.category ?? 'General',
    description: usage.description ?? '',
    details: dedent(usage.details ?? ''),
    examples: (usage.examples ?? []).map(([label, command]) => ({
      label,
      command: command.replace(/\$0/g, binaryName),
    })),
    options: recorded.options,
    arguments: recorded.arguments,
    exitCodes: codes.map((code) => ({ code, meaning: EXIT_CODE_MEANINGS[code] ?? '' })),
    usage: words.join(' '),
  };
}

/** Whether help and the command tree list a command: not the ones only agents' hooks run (`static internal`). */
export function isListed(command: CommandClass<RooContext>): boolean {
  return !(command as { internal?: boolean }).internal;
}
