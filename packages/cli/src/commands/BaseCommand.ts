import { ExitCode } from '@roo-session/core';
import { Command, Option } from 'clipanion';
import type { RooContext } from '../context.js';
import { withPlaceholder } from '../help/commandTree.js';
import { reportError } from '../reportError.js';
import { terminalSafeContext } from '../terminalSafe.js';

/**
 * The base of every roo command. Subclasses implement `run()`; this class turns what it throws into the exit codes
 * of docs/architecture.md: a RooError prints its message on stderr and exits with its own code, a clipanion
 * validation error is a usage error (2), anything else is a bug (1, with the stack). With `--json` (every command
 * has it, declared here) the failure is one JSON object on stdout instead (docs/json-schema.md).
 */
export abstract class BaseCommand extends Command<RooContext> {
  /**
   * The exit codes the command can return, listed by its help (`roo help --agent`). Any command that reads the
   * repository can meet a failing git (4); commands that report findings add 5.
   */
  static exitCodes: readonly ExitCode[] = [
    ExitCode.ok,
    ExitCode.internal,
    ExitCode.usage,
    ExitCode.precondition,
    ExitCode.gitFailed,
  ];

  asJson = Option.Boolean('--json', false, {
    description: 'Print one JSON object on stdout, errors included (docs/json-schema.md)',
  });

  abstract run(): Promise<number | undefined>;

  async execute(): Promise<number> {
    return (await this.run()) ?? ExitCode.ok;
  }

  override async validateAndExecute(): Promise<number> {
    // Everything a command prints, errors included, goes through the terminal-safe streams.
    this.context = terminalSafeContext(this.context);
    try {
      return await super.validateAndExecute();
    } catch (error) {
      return this.report(error);
    }
  }

  /** Whether output (and failures) are JSON. */
  protected get isJson(): boolean {
    return this.asJson;
  }

  protected report(error: unknown): number {
    return reportError(this.context, error, this.path.join(' '), { json: this.isJson });
  }

  protected out(text: string): void {
    this.context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  protected warn(text: string): void {
    this.context.stderr.write(`roo: warning: ${text}\n`);
  }

  protected json(value: unknown): void {
    this.context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * Prints a command's result: with `--json` one object tagged `roo-session/<schema>@1` (docs/json-schema.md),
   * else `text` (a line or lines; nothing when empty).
   */
  protected result(schema: string, data: Record<string, unknown>, text: string | (() => string)): void {
    if (this.isJson) this.json({ schema: `roo-session/${schema}@1`, ...data });
    else {
      const t = typeof text === 'function' ? text() : text;
      if (t !== '') this.out(t);
    }
  }
}

/** `--session <id>`: the session a command acts on instead of the active one (also `ROO_SESSION_ID`). */
export const sessionOption = () =>
  withPlaceholder(
    'id',
    Option.String('--session', {
      description:
        'Act on this session (ID, unique prefix or unique part of ID or title) instead of the active one',
    }),
  );

/** `--allow-secrets`: commit the session folder even when the secret scan finds credentials (this run only). */
export const allowSecretsOption = (description = 'Commit even if the secret scan finds credentials') =>
  Option.Boolean('--allow-secrets', false, { description });

export { withPlaceholder } from '../help/commandTree.js';
