/**
 * Every failure roo reports on purpose is a RooError (docs/architecture.md, "Errors"): it carries the exit code
 * of its condition (docs/commands.md), a stable `code`, and as fields what is wrong (`what`), what roo saw
 * (`seen`), the one command to run next (`next`) and any free-text remainder (`hint`). `message` is composed
 * from those fields in one place ({@link composeMessage}). Anything else that escapes a command is a bug and
 * exits 1 with its stack.
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

/** What a RooError says, as fields. */
export type RooErrorFields = {
  /** One line: what is wrong (and, where it matters, that nothing was changed). */
  what: string;
  /**
   * What roo saw: a value, a path, git's output (a string, printed after `seen: `), or a listing (an array, one
   * item a line, indented under `what`, which introduces it).
   */
  seen?: string | readonly string[] | undefined;
  /** The one command to run next, without backticks; printed as "run `<next>`". */
  next?: string | undefined;
  /**
   * Free text that follows the command on the last line (`or \`roo session continue <id>\``), or the whole last
   * line when there is no command to name.
   */
  hint?: string | undefined;
  cause?: unknown;
};

/**
 * The text of an error (docs/architecture.md, "Errors"): `what` on the first line; `seen` below it (a value as
 * `seen: <value>`, git's several lines indented under `seen:`, a listing indented by two spaces); last, `run
 * \`<next>\`` followed by `hint`, or `hint` alone.
 */
export function composeMessage(fields: RooErrorFields): string {
  const lines = [fields.what];
  const seen = fields.seen;
  if (typeof seen === 'string') {
    lines.push(seen.includes('\n') ? `seen:\n${indent(seen.replace(/\n+$/, ''))}` : `seen: ${seen}`);
  } else if (seen !== undefined && seen.length > 0) {
    lines.push(indent(seen.join('\n')));
  }
  const hint = fields.hint ?? '';
  if (fields.next !== undefined) {
    lines.push(`run \`${fields.next}\`${hint === '' || /^[,;.:)]/.test(hint) ? '' : ' '}${hint}`);
  } else if (hint !== '') {
    lines.push(hint);
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' || line.startsWith('  ') ? line : `  ${line}`))
    .join('\n');
}

export abstract class RooError extends Error {
  abstract readonly exitCode: ExitCode;
  /**
   * A stable name for the condition (`no_active_session`), printed as `error.code` by `--json`
   * (docs/json-schema.md). Subclasses name their own; the three bases give the generic ones.
   */
  abstract readonly code: string;
  /** One line: what is wrong. */
  readonly what: string;
  /** What roo saw (a listing joined by newlines), or null. */
  readonly seen: string | null;
  /** The command to run next (`roo session start <goal>`), or null when there is none to name. */
  readonly next: string | null;
  /** The free-text remainder of the last line, or null. */
  readonly hint: string | null;
  constructor(fields: RooErrorFields) {
    super(composeMessage(fields), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.what = fields.what;
    const seen = fields.seen;
    this.seen =
      seen === undefined || seen.length === 0 ? null : typeof seen === 'string' ? seen : seen.join('\n');
    this.next = fields.next ?? null;
    this.hint = fields.hint ?? null;
  }
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
/** What a user typed matches several sessions; `candidates` are their IDs. */
export class AmbiguousSessionIdError extends UsageError {
  override readonly code: string = 'ambiguous_session_id';
  readonly candidates: readonly string[];
  constructor(input: {
    query: string;
    /** Every matching session, in the order listed; at most `listed` of them are printed. */
    matches: readonly { id: string; title: string }[];
    listed?: number;
  }) {
    const first = input.matches[0]?.id ?? '<ID>';
    super({
      what: `session \`${input.query}\` is ambiguous: ${input.matches.length} sessions match`,
      seen: input.matches.slice(0, input.listed ?? 20).map((c) => `${c.id}  ${oneLine(c.title)}`),
      hint: `run the command again with one of the IDs above in full, e.g. \`--session ${first}\``,
    });
    this.candidates = input.matches.map((c) => c.id);
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

/**
 * A session_log.md (or artifact) whose frontmatter cannot be read, at `file:line`. Exit 2 where it blocks a
 * command. By default the advice is to fix the TOML by hand and run `roo session check`; a site whose problem
 * needs other advice gives its own `next` and `hint`.
 */
export class SessionLogParseError extends UsageError {
  override readonly code: string = 'session_log_parse';
  readonly file: string;
  readonly line: number;
  readonly detail: string;
  constructor(input: {
    file: string;
    line: number;
    detail: string;
    next?: string;
    hint?: string;
    cause?: unknown;
  }) {
    const own = input.next !== undefined || input.hint !== undefined;
    super({
      what: `cannot read ${input.file}:${input.line}: ${input.detail}`,
      next: own ? input.next : 'roo session check',
      hint: own
        ? input.hint
        : 'once the TOML frontmatter is fixed by hand (a valid line looks like `status = "🟢 Active"`)',
      cause: input.cause,
    });
    this.file = input.file;
    this.line = input.line;
    this.detail = input.detail;
  }
}

export class NotARepositoryError extends PreconditionError {
  override readonly code: string = 'not_a_repository';
}
/** The branch has no commits yet (an unborn branch), so there is nothing to map a session to or commit on. */
export class NoCommitsError extends PreconditionError {
  override readonly code: string = 'no_commits';
  constructor(input: { branch: string }) {
    super({
      what:
        `this repository has no commits yet (branch \`${input.branch}\` is unborn): a session is mapped to a ` +
        'branch and committed on it, so it needs a first commit',
      next: 'git commit --allow-empty -m "initial commit"',
      hint: 'and try again',
    });
  }
}
/** No session takes entries on this branch (or HEAD is detached). Worded here, from what roo found. */
export class NoActiveSessionError extends PreconditionError {
  override readonly code: string = 'no_active_session';
  constructor(input: {
    /** The checked-out branch; null when HEAD is detached. */
    branch: string | null;
    /** The branch's last session (paused, ended), named instead of a placeholder. */
    last?: string | undefined;
    /** Session logs of this worktree roo refused to read (a link, a FIFO), each with what it is. */
    unread?: readonly string[] | undefined;
  }) {
    const unread = input.unread ?? [];
    super(
      input.branch === null
        ? {
            what: 'no active session: HEAD is detached, and a session is mapped to a branch',
            next: 'git switch <branch>',
            hint: ', or `roo session continue <id>`',
          }
        : {
            what: `no active session on branch \`${input.branch}\`${input.last ? ` (its last session is ${input.last})` : ''}`,
            seen:
              unread.length === 0
                ? undefined
                : `roo did not read ${unread.slice(0, 3).join(', ')}${unread.length > 3 ? ', …' : ''} (\`roo session check\` says why)`,
            next: 'roo session start <goal>',
            hint: `or \`roo session continue ${input.last ?? '<id>'}\``,
          },
    );
  }
}
export class DetachedHeadError extends PreconditionError {
  override readonly code: string = 'detached_head';
}

/** A multi-step git operation stopped half-way in a worktree (docs/git-design.md). */
export type GitOperationName = 'merge' | 'rebase' | 'am' | 'cherry-pick' | 'revert' | 'bisect';

const OPERATION_LABEL: Readonly<Record<GitOperationName, string>> = {
  merge: 'a merge',
  rebase: 'a rebase',
  am: 'a `git am`',
  'cherry-pick': 'a cherry-pick',
  revert: 'a revert',
  bisect: 'a bisect',
};

/**
 * roo refuses to `action` while git is in the middle of `op` in a worktree: worded here once, for every command
 * and for the atomic commit, from the operation and the action.
 */
export class OperationInProgressError extends PreconditionError {
  override readonly code: string = 'operation_in_progress';
  readonly op: GitOperationName;
  constructor(input: {
    op: GitOperationName;
    /** What roo would not do, as a verb phrase: `start a session`, `commit .ruru/sessions/<ID>`. */
    action: string;
    /** The worktree it is in progress in; "this worktree" when not given. */
    worktree?: string;
  }) {
    const { op } = input;
    super({
      what:
        `${OPERATION_LABEL[op]} is in progress in ${input.worktree ?? 'this worktree'}, ` +
        `so roo will not ${input.action} now; nothing was changed`,
      next: op === 'bisect' ? 'git bisect reset' : `git ${op} --continue`,
      hint:
        op === 'bisect'
          ? 'to end it, then run the command again'
          : `to finish it, or \`git ${op} --abort\` to abandon it; then run the command again`,
    });
    this.op = op;
  }
}
/** Switching to `branch` would overwrite uncommitted changes to `paths`; nothing was changed. */
export class DirtyTreeError extends PreconditionError {
  override readonly code: string = 'dirty_tree';
  constructor(input: {
    branch: string;
    paths: readonly string[];
    /** The session being continued: the next command is its `--autostash` run. */
    session?: string;
  }) {
    super({
      what: `uncommitted changes would be overwritten by switching to \`${input.branch}\` (nothing was changed):`,
      seen: input.paths,
      next:
        input.session === undefined
          ? 'git stash push --include-untracked'
          : `roo session continue ${input.session} --autostash`,
      hint: 'to stash them, or commit them first',
    });
  }
}
/** The branch roo would switch to is checked out in another worktree (git checks a branch out only once). */
export class BranchInOtherWorktreeError extends PreconditionError {
  override readonly code: string = 'branch_in_other_worktree';
  constructor(input: { branch: string; worktree: string; session?: string }) {
    const at = quoteArg(input.worktree);
    super({
      what:
        `branch \`${input.branch}\`${input.session === undefined ? '' : ` of session ${input.session}`} ` +
        `is checked out in another worktree: ${input.worktree}`,
      next: input.session === undefined ? `cd ${at}` : `cd ${at} && roo session continue ${input.session}`,
      hint:
        input.session === undefined
          ? 'to work there, or switch that worktree to another branch first'
          : `, or \`git worktree remove ${at}\` first`,
    });
  }
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
 * was read through it or written. `detail` says what the file is, for a one-line listing: `is a symbolic link
 * (to /etc/passwd)`.
 */
export class UnsafeFileError extends PreconditionError {
  override readonly code: string = 'unsafe_file';
  readonly detail: string;
  constructor(fields: RooErrorFields & { detail: string }) {
    super(fields);
    this.detail = fields.detail;
  }
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

/** One argument quoted for a POSIX shell, for the commands an error names. */
function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/**
 * A failure in one line, for listings and logs: a RooError's `what`; anything else (a Node error, a bug) by its
 * message up to the first line break, the only summary such an error has.
 */
export function whatOf(error: unknown): string {
  if (error instanceof RooError) return error.what;
  const message = error instanceof Error ? error.message : String(error);
  const end = message.indexOf('\n');
  return end < 0 ? message : message.slice(0, end);
}

/**
 * What a failure showed, as the `seen` of an error that wraps it: a RooError's `what` and its own `seen` on the
 * lines after it; anything else's message.
 */
export function seenOf(error: unknown): string {
  if (error instanceof RooError) return error.seen === null ? error.what : `${error.what}\n${error.seen}`;
  return error instanceof Error ? error.message : String(error);
}
