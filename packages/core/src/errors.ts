/**
 * Every failure roo reports on purpose is a RooError: it carries the exit code of SPEC section 3 and a message
 * that says what is wrong, what was seen, and the command to run next (STYLE S3.2). Anything else that escapes a
 * command is a bug and exits 1 with its stack.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  precondition: 3,
  gitFailed: 4,
  findings: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class RooError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Exit 2: bad usage or input the user can correct. */
export class UsageError extends RooError {
  readonly exitCode = ExitCode.usage;
}
/** Exit 3: the repository is not in a state where the command can run. */
export class PreconditionError extends RooError {
  readonly exitCode = ExitCode.precondition;
}
/** Exit 4: git refused or failed; nothing of the user's was lost and the message prints the recovery. */
export class GitOperationError extends RooError {
  readonly exitCode = ExitCode.gitFailed;
}

export class UnknownSessionIdError extends UsageError {}
export class AmbiguousSessionIdError extends UsageError {
  constructor(
    message: string,
    readonly candidates: readonly string[],
  ) {
    super(message);
  }
}
export class InvalidGoalError extends UsageError {}
export class UnknownArtifactTypeError extends UsageError {}
export class UnsafePathError extends UsageError {}
export class InvalidTaskIdError extends UsageError {}
export class InvalidConfigError extends UsageError {}
export class InvalidStatusTransitionError extends UsageError {}

/** A session_log.md (or artifact) whose frontmatter cannot be read. Exit 2 where it blocks a command. */
export class SessionLogParseError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(
      `cannot read ${file}:${line}: ${detail}\n` +
        'fix the TOML frontmatter by hand (a valid line looks like `status = "🟢 Active"`), then run `roo session check`',
    );
  }
}

export class NotARepositoryError extends PreconditionError {}
export class NoCommitsError extends PreconditionError {}
export class NoActiveSessionError extends PreconditionError {}
export class DetachedHeadError extends PreconditionError {}
export class OperationInProgressError extends PreconditionError {}
export class DirtyTreeError extends PreconditionError {}
export class BranchInOtherWorktreeError extends PreconditionError {}
export class BareRepositoryError extends PreconditionError {}
export class SecretsFoundError extends PreconditionError {}
export class ReadOnlyError extends PreconditionError {}
/** HEAD moved between reading and compare-and-swap: nothing was changed. */
export class RefMovedError extends GitOperationError {}
/** roo's commit landed, but the index could not be updated to match it (the next roo command does it). */
export class IndexNotUpdatedError extends GitOperationError {}
/**
 * Exit 1: roo caught its own bug before it could do damage (e.g. an edit that would have changed a log value it
 * does not own). Nothing was written.
 */
export class InternalInvariantError extends RooError {
  readonly exitCode = ExitCode.internal;
}
