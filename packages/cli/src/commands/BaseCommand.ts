import { ExitCode, RooError } from '@roo-session/core';
import { UsageError as ClipanionUsageError, Command, Option } from 'clipanion';
import type { RooContext } from '../context.js';

/**
 * The base of every roo command. Subclasses implement `run()`; this class turns what it throws into the exit codes
 * of SPEC section 3: a RooError prints its message on stderr and exits with its own code, a clipanion validation
 * error is a usage error (2), anything else is a bug (1, with the stack).
 */
export abstract class BaseCommand extends Command<RooContext> {
  abstract run(): Promise<number | undefined>;

  async execute(): Promise<number> {
    return (await this.run()) ?? ExitCode.ok;
  }

  override async validateAndExecute(): Promise<number> {
    try {
      return await super.validateAndExecute();
    } catch (error) {
      return this.report(error);
    }
  }

  protected report(error: unknown): number {
    const stderr = this.context.stderr;
    if (error instanceof RooError) {
      stderr.write(`roo: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ClipanionUsageError) {
      stderr.write(`roo: ${error.message}\nrun \`roo ${this.path.join(' ')} --help\` for usage\n`);
      return ExitCode.usage;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    stderr.write(
      `roo: internal error, please report it with the output below\n${err.stack ?? err.message}\n`,
    );
    return ExitCode.internal;
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
}

/** `--session <id>`: the session a command acts on instead of the active one (also `ROO_SESSION_ID`). */
export const sessionOption = () =>
  Option.String('--session', {
    description:
      'Act on this session (ID, unique prefix or unique part of ID or title) instead of the active one',
  });

export const jsonOption = () =>
  Option.Boolean('--json', false, { description: 'Print JSON instead of text' });

/** `--allow-secrets`: commit the session folder even when the secret scan finds credentials (this run only). */
export const allowSecretsOption = (description = 'Commit even if the secret scan finds credentials') =>
  Option.Boolean('--allow-secrets', false, { description });
