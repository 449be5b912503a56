/**
 * Every failure roo reports on purpose is a RooError: it carries the exit code of its condition (docs/commands.md) and a message
 * that says what is wrong, what was seen, and the command to run next. Anything else that escapes a
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

/** What a RooError may carry beyond its message. */
export type RooErrorOptions = {
  cause?: unknown;
  /** The command to run next; by default the first backticked command after "run" in the message. */
  next?: string | null;
};

export abstract class RooError extends Error {
  abstract readonly exitCode: ExitCode;
  /**
   * A stable name for the condition (`no_active_session`), printed as `error.code` by `--json`
   * (docs/json-schema.md). Subclasses name their own; the three bases give the generic ones.
   */
  abstract readonly code: string;
  private readonly explicitNext: string | null | undefined;
  constructor(message: string, options?: RooErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.explicitNext = options?.next;
  }

  /** The command to run next (`roo session start <goal>`), or null when the message names none. */
  get next(): string | null {
    return this.explicitNext !== undefined ? this.explicitNext : nextCommandIn(this.message);
  }
}

/**
 * The command a message tells the user to run next: the first backticked span after the word "run"
 * (messages say "run `roo session check`", docs/architecture.md). Null when there is none.
 */
export function nextCommandIn(message: string): string | null {
  const m = /\brun `([^`\n]+)`/.exec(message);
  return m ? m[1]! : null;
}

/** Exit 2: bad usage or input the user can correct. */
export class UsageError extends RooError {
  readonly exitCode = ExitCode.usage;
  readonly code: string = 'usage';
}
/** Exit 3: the repository is not in a state where the command can run. */
export class PreconditionError extends RooError {
  readonly exitCode = ExitCode.precondition;
  readonly code: string = 'precondition';
}
/** Exit 4: git refused or failed; nothing of the user's was lost and the message prints the recovery. */
export class GitOperationError extends RooError {
  readonly exitCode = ExitCode.gitFailed;
  readonly code: string = 'git_failed';
}

export class UnknownSessionIdError extends UsageError {
  override readonly code: string = 'unknown_session_id';
}
export class AmbiguousSessionIdError extends UsageError {
  override readonly code: string = 'ambiguous_session_id';
  constructor(
    message: string,
    readonly candidates: readonly string[],
  ) {
    super(message);
  }
}
export class InvalidGoalError extends UsageError {
  override readonly code: string = 'invalid_goal';
}
export class UnknownArtifactTypeError extends UsageError {
  override readonly code: string = 'unknown_artifact_type';
}
export class UnsafePathError extends UsageError {
  override readonly code: string = 'unsafe_path';
}
export class InvalidTaskIdError extends UsageError {
  override readonly code: string = 'invalid_task_id';
}
export class InvalidConfigError extends UsageError {
  override readonly code: string = 'invalid_config';
}
export class InvalidStatusTransitionError extends UsageError {
  override readonly code: string = 'invalid_status_transition';
}
/** The words of a command line name no `roo` command (a typo, a missing sub-command). */
export class UnknownCommandError extends UsageError {
  override readonly code: string = 'unknown_command';
}
/** A command was run without an option it requires (`--from <mode>`). */
export class MissingOptionError extends UsageError {
  override readonly code: string = 'missing_option';
}
/** The command is known but its arguments do not parse: an unknown option, a bad value, too few or too many. */
export class InvalidArgumentsError extends UsageError {
  override readonly code: string = 'invalid_arguments';
}

/** A session_log.md (or artifact) whose frontmatter cannot be read. Exit 2 where it blocks a command. */
export class SessionLogParseError extends UsageError {
  override readonly code: string = 'session_log_parse';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
    /** What to do next, when the general advice (fix the TOML by hand) does not fit. */
    next?: string,
  ) {
    super(
      `cannot read ${file}:${line}: ${detail}\n` +
        (next ??
          'fix the TOML frontmatter by hand (a valid line looks like `status = "🟢 Active"`), then run `roo session check`'),
    );
  }
}

export class NotARepositoryError extends PreconditionError {
  override readonly code: string = 'not_a_repository';
}
export class NoCommitsError extends PreconditionError {
  override readonly code: string = 'no_commits';
}
export class NoActiveSessionError extends PreconditionError {
  override readonly code: string = 'no_active_session';
}
export class DetachedHeadError extends PreconditionError {
  override readonly code: string = 'detached_head';
}
export class OperationInProgressError extends PreconditionError {
  override readonly code: string = 'operation_in_progress';
}
export class DirtyTreeError extends PreconditionError {
  override readonly code: string = 'dirty_tree';
}
export class BranchInOtherWorktreeError extends PreconditionError {
  override readonly code: string = 'branch_in_other_worktree';
}
export class BareRepositoryError extends PreconditionError {
  override readonly code: string = 'bare_repository';
}
export class SecretsFoundError extends PreconditionError {
  override readonly code: string = 'secrets_found';
}
export class ReadOnlyError extends PreconditionError {
  override readonly code: string = 'read_only';
}
/**
 * A file roo was about to read or write in repository content is not a plain file it may use: a symbolic link
 * (roo never follows one out of a session folder), a FIFO, a device, a folder, or larger than roo reads. Nothing
 * was read through it or written.
 */
export class UnsafeFileError extends PreconditionError {
  constructor(
    message: string,
    /** What the file is, for a one-line listing: `is a symbolic link (to /etc/passwd)`. */
    readonly detail: string = message.split('\n', 1)[0] ?? message,
  ) {
    super(message);
  }
  override readonly code: string = 'unsafe_file';
}
/**
 * roo's own state under `<git-common-dir>/roo/` (journal, branch map, cursors) is not what roo wrote: a folder or a
 * FIFO where a file belongs. The message names it and `roo doctor --fix`, which moves it aside.
 */
export class DamagedStateError extends PreconditionError {
  override readonly code: string = 'damaged_state';
}
/** HEAD moved between reading and compare-and-swap: nothing was changed. */
export class RefMovedError extends GitOperationError {
  override readonly code: string = 'ref_moved';
}
/** roo's commit landed, but the index could not be updated to match it (the next roo command does it). */
export class IndexNotUpdatedError extends GitOperationError {
  override readonly code: string = 'index_not_updated';
}
/**
 * Exit 1: roo caught its own bug before it could do damage (e.g. an edit that would have changed a log value it
 * does not own). Nothing was written.
 */
export class InternalInvariantError extends RooError {
  readonly exitCode = ExitCode.internal;
  readonly code: string = 'internal_invariant';
}
