import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import {
  AmbiguousSessionIdError,
  BranchInOtherWorktreeError,
  composeMessage,
  DirtyTreeError,
  ExitCode,
  GitOperationError,
  NoActiveSessionError,
  NoCommitsError,
  OperationInProgressError,
  PreconditionError,
  RooError,
  SessionLogParseError,
  seenOf,
  UnsafeFileError,
  UsageError,
  whatOf,
} from './errors.js';

describe('composeMessage: the one place an error becomes text', () => {
  it('what alone is the whole message', () => {
    expect(composeMessage({ what: 'something is wrong' })).toBe('something is wrong');
  });

  it('next becomes the last line as "run `<next>`", followed by the hint', () => {
    expect(
      composeMessage({
        what: 'no session',
        next: 'roo session start <goal>',
        hint: 'or `roo session continue <id>`',
      }),
    ).toBe('no session\nrun `roo session start <goal>` or `roo session continue <id>`');
    expect(composeMessage({ what: 'w', next: 'git switch <branch>', hint: ', or `roo x`' })).toBe(
      'w\nrun `git switch <branch>`, or `roo x`',
    );
    expect(composeMessage({ what: 'w', next: 'roo doctor' })).toBe('w\nrun `roo doctor`');
  });

  it('a hint without a command is the last line as it is', () => {
    expect(composeMessage({ what: 'w', hint: 'fix the file, then run the command again' })).toBe(
      'w\nfix the file, then run the command again',
    );
  });

  it('a seen value goes on its own line after `seen: `; several lines of it are indented under `seen:`', () => {
    expect(composeMessage({ what: 'w', seen: '42', next: 'roo doctor' })).toBe(
      'w\nseen: 42\nrun `roo doctor`',
    );
    expect(composeMessage({ what: 'w', seen: 'fatal: one\nhint: two\n' })).toBe(
      'w\nseen:\n  fatal: one\n  hint: two',
    );
  });

  it('a listing is indented by two spaces under `what`, one item a line', () => {
    expect(composeMessage({ what: 'these block it:', seen: ['a.txt', 'b/c.txt'], next: 'git status' })).toBe(
      'these block it:\n  a.txt\n  b/c.txt\nrun `git status`',
    );
    expect(composeMessage({ what: 'w', seen: [] })).toBe('w');
  });
});

describe('RooError fields', () => {
  it('carries what, seen, next and hint as given, and the message composed of them', () => {
    const cause = new Error('low level');
    const e = new PreconditionError({
      what: 'cannot read the journal',
      seen: 'not a regular file',
      next: 'roo doctor --fix',
      hint: 'to set it aside',
      cause,
    });
    expect(e.what).toBe('cannot read the journal');
    expect(e.seen).toBe('not a regular file');
    expect(e.next).toBe('roo doctor --fix');
    expect(e.hint).toBe('to set it aside');
    expect(e.cause).toBe(cause);
    expect(e.message).toBe(
      'cannot read the journal\nseen: not a regular file\nrun `roo doctor --fix` to set it aside',
    );
    expect(e.name).toBe('PreconditionError');
  });

  it('absent fields are null; a listing is joined by newlines', () => {
    const e = new UsageError({ what: 'bad' });
    expect([e.seen, e.next, e.hint]).toEqual([null, null, null]);
    expect(new UsageError({ what: 'w', seen: ['a', 'b'] }).seen).toBe('a\nb');
  });

  it('exit code and code come from the class', () => {
    expect(new UsageError({ what: 'x' })).toMatchObject({ exitCode: ExitCode.usage, code: 'usage' });
    expect(new PreconditionError({ what: 'x' })).toMatchObject({ exitCode: 3, code: 'precondition' });
    expect(new GitOperationError({ what: 'x' })).toMatchObject({ exitCode: 4, code: 'git_failed' });
    expect(new errors.NotARepositoryError({ what: 'x' })).toMatchObject({
      exitCode: 3,
      code: 'not_a_repository',
    });
    expect(new errors.RefMovedError({ what: 'x' })).toMatchObject({ exitCode: 4, code: 'ref_moved' });
    expect(new errors.InternalInvariantError({ what: 'x' })).toMatchObject({ exitCode: 1 });
  });

  it('every error class names its own stable code; the bases give the generic ones', () => {
    const codes = new Map<string, string>();
    const typed: Record<string, unknown[]> = {
      SessionLogParseError: [{ file: 'f', line: 1, detail: 'd' }],
      AmbiguousSessionIdError: [{ query: 'q', matches: [] }],
      NoActiveSessionError: [{ branch: 'main' }],
      OperationInProgressError: [{ op: 'merge', action: 'x' }],
      UnsafeFileError: [{ what: 'm', detail: 'd' }],
      NoCommitsError: [{ branch: 'main' }],
      DirtyTreeError: [{ branch: 'b', paths: ['a'] }],
      BranchInOtherWorktreeError: [{ branch: 'b', worktree: '/w' }],
    };
    for (const [name, value] of Object.entries(errors)) {
      if (typeof value !== 'function' || !(value.prototype instanceof RooError)) continue;
      const Ctor = value as unknown as new (...args: unknown[]) => RooError;
      const e = new Ctor(...(typed[name] ?? [{ what: 'm' }]));
      expect(e.code, name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(codes.has(e.code), `${name} repeats ${codes.get(e.code)}'s code ${e.code}`).toBe(false);
      codes.set(e.code, name);
    }
    expect(codes.size).toBeGreaterThan(20);
  });

  it('seenOf: what a wrapped failure showed, its own what and seen', () => {
    const git = new GitOperationError({ what: '`git switch x` failed', seen: 'fatal: one\nhint: two' });
    expect(seenOf(git)).toBe('`git switch x` failed\nfatal: one\nhint: two');
    expect(seenOf(new UsageError({ what: 'w' }))).toBe('w');
    expect(seenOf(new TypeError('boom'))).toBe('boom');
    const wrapped = new GitOperationError({ what: 'git could not check out `x`', seen: seenOf(git) });
    expect(wrapped.message).toBe(
      'git could not check out `x`\nseen:\n  `git switch x` failed\n  fatal: one\n  hint: two',
    );
  });

  it('whatOf: a RooError by its what, anything else by its first line', () => {
    expect(whatOf(new UsageError({ what: 'w', seen: 's', next: 'roo x' }))).toBe('w');
    expect(whatOf(new TypeError('boom\n  at frame'))).toBe('boom');
    expect(whatOf('plain')).toBe('plain');
  });
});

describe('conditions worded once, from typed inputs', () => {
  it('an operation in progress: one wording for every command and the atomic commit', () => {
    const merge = new OperationInProgressError({ op: 'merge', action: 'start a session' });
    expect(merge.message).toBe(
      'a merge is in progress in this worktree, so roo will not start a session now; nothing was changed\n' +
        'run `git merge --continue` to finish it, or `git merge --abort` to abandon it; then run the command again',
    );
    expect(merge).toMatchObject({ code: 'operation_in_progress', exitCode: 3, next: 'git merge --continue' });
    const am = new OperationInProgressError({ op: 'am', action: 'commit x', worktree: '/w' });
    expect(am.what).toBe(
      'a `git am` is in progress in /w, so roo will not commit x now; nothing was changed',
    );
    expect(am.next).toBe('git am --continue');
    const bisect = new OperationInProgressError({ op: 'bisect', action: 'end the session' });
    expect(bisect.next).toBe('git bisect reset');
    expect(bisect.message).not.toContain('--abort');
  });

  it('no active session: on a branch, with its last session, with logs roo refused to read, detached', () => {
    expect(new NoActiveSessionError({ branch: 'main' }).message).toBe(
      'no active session on branch `main`\nrun `roo session start <goal>` or `roo session continue <id>`',
    );
    const last = new NoActiveSessionError({ branch: 'b', last: 'SESSION-X-2611260905' });
    expect(last.what).toBe('no active session on branch `b` (its last session is SESSION-X-2611260905)');
    expect(last.hint).toBe('or `roo session continue SESSION-X-2611260905`');
    const unread = new NoActiveSessionError({ branch: 'b', unread: ['a is a FIFO', 'b', 'c', 'd'] });
    expect(unread.seen).toBe('roo did not read a is a FIFO, b, c, … (`roo session check` says why)');
    expect(new NoActiveSessionError({ branch: null }).message).toBe(
      'no active session: HEAD is detached, and a session is mapped to a branch\n' +
        'run `git switch <branch>`, or `roo session continue <id>`',
    );
  });

  it('a log that cannot be read: file:line and detail, the default advice or the given one', () => {
    const e = new SessionLogParseError({ file: 'a.md', line: 3, detail: 'invalid TOML' });
    expect(e).toMatchObject({ file: 'a.md', line: 3, detail: 'invalid TOML', next: 'roo session check' });
    expect(e.what).toBe('cannot read a.md:3: invalid TOML');
    const own = new SessionLogParseError({
      file: 'a.md',
      line: 1,
      detail: 'empty',
      next: 'git log',
      hint: 'h',
    });
    expect(own.message).toBe('cannot read a.md:1: empty\nrun `git log` h');
  });

  it('an ambiguous session: the matches listed (at most `listed`), the IDs as candidates', () => {
    const matches = ['A', 'B', 'C'].map((id) => ({ id: `SESSION-${id}`, title: `title ${id}\nmore` }));
    const e = new AmbiguousSessionIdError({ query: 'SES', matches, listed: 2 });
    expect(e.candidates).toEqual(['SESSION-A', 'SESSION-B', 'SESSION-C']);
    expect(e.message).toBe(
      'session `SES` is ambiguous: 3 sessions match\n' +
        '  SESSION-A  title A more\n  SESSION-B  title B more\n' +
        'run the command again with one of the IDs above in full, e.g. `--session SESSION-A`',
    );
    expect(e.next).toBeNull();
  });

  it('a branch checked out in another worktree: the same words from continue and from a plain switch', () => {
    const plain = new BranchInOtherWorktreeError({ branch: 'topic', worktree: '/work/other tree' });
    expect(plain.message).toBe(
      'branch `topic` is checked out in another worktree: /work/other tree\n' +
        "run `cd '/work/other tree'` to work there, or switch that worktree to another branch first",
    );
    const resumed = new BranchInOtherWorktreeError({ branch: 'topic', worktree: '/w', session: 'SESSION-A' });
    expect(resumed.what).toBe('branch `topic` of session SESSION-A is checked out in another worktree: /w');
    expect(resumed.next).toBe('cd /w && roo session continue SESSION-A');
    expect(resumed.message).toContain('or `git worktree remove /w` first');
    expect(resumed).toMatchObject({ code: 'branch_in_other_worktree', exitCode: 3 });
  });

  it('uncommitted changes in the way of a switch: the files listed, the stash command next', () => {
    const e = new DirtyTreeError({
      branch: 'topic',
      paths: ['README.md', 'new file.txt'],
      session: 'SESSION-A',
    });
    expect(e.message).toBe(
      'uncommitted changes would be overwritten by switching to `topic` (nothing was changed):\n' +
        '  README.md\n  new file.txt\n' +
        'run `roo session continue SESSION-A --autostash` to stash them, or commit them first',
    );
    expect(e.seen).toBe('README.md\nnew file.txt');
    expect(new DirtyTreeError({ branch: 'topic', paths: ['a'] }).next).toBe(
      'git stash push --include-untracked',
    );
  });

  it('no commits yet: one wording for start and for the atomic commit', () => {
    const e = new NoCommitsError({ branch: 'main' });
    expect(e.what).toMatch(/^this repository has no commits yet \(branch `main` is unborn\)/);
    expect(e.next).toBe('git commit --allow-empty -m "initial commit"');
    expect(e).toMatchObject({ code: 'no_commits', exitCode: 3 });
  });

  it('an unsafe file keeps its one-line detail for listings', () => {
    const e = new UnsafeFileError({ what: 'x is a FIFO', detail: 'is a FIFO', next: 'roo session check' });
    expect(e.detail).toBe('is a FIFO');
    expect(e.code).toBe('unsafe_file');
  });
});
