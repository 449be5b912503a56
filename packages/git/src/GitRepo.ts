import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BranchInOtherWorktreeError, DirtyTreeError, UsageError } from '@roo-session/core';
import type { SimpleGit } from 'simple-git';
import {
  type CommitFolderOptions,
  type CommitFolderResult,
  commitFolder,
  repairInterruptedCommit,
  shellQuote,
} from './atomicCommit.js';
import { discoverRepoPaths, readHeadBranch } from './discover.js';
import { type CommitInfo, commitInfo, type SessionHistory, sessionHistory } from './history.js';
import { detectOperation, type GitOperation } from './operations.js';
import { shortBranchName, toBranchRef } from './paths.js';
import {
  type DirtyPath,
  parseReflog,
  parseStatusZ,
  parseWorktreeListZ,
  type ReflogEntry,
  type WorktreeInfo,
} from './porcelain.js';
import { GitCommandError, type RunResult, runGit } from './runGit.js';
import { readSessionLogsFromRefs, type SessionLogAtRef } from './sessionLogs.js';
import { createSimpleGit, runSimpleGit } from './simpleGit.js';

/** What HEAD points at in a worktree. */
export type HeadInfo = {
  /** The commit checked out; null when the branch has no commits yet. */
  sha: string | null;
  /** Short branch name (`main`, `session/SESSION-…`); null when HEAD is detached. */
  branch: string | null;
};

/** A local or remote-tracking branch from {@link GitRepo.listBranches}. */
export type BranchInfo = {
  /** Full ref name: `refs/heads/session/X`, `refs/remotes/origin/session/X`. */
  ref: string;
  /** Name without `refs/heads/` or `refs/remotes/`: `session/X`, `origin/session/X`. */
  name: string;
  /** For remote-tracking branches, the remote (first path segment); null for local branches. */
  remote: string | null;
  /** The tip commit. */
  sha: string;
  /** The tip's committer date. */
  committedAt: Date;
};

/** Options of {@link GitRepo.run}. */
export type GitRunOptions = {
  /** Written to git's stdin (never through a shell). */
  input?: string | Uint8Array;
  /** Variables added to the repository's cleaned environment for this call only. */
  env?: Record<string, string>;
  /** Return the result of a non-zero exit instead of throwing. */
  allowFail?: boolean;
  /** `latin1`: stdout as one character per byte (binary output). Default UTF-8. */
  stdoutEncoding?: 'utf8' | 'latin1';
};

/**
 * A git checkout seen from one worktree: the only object in roo that runs git. Build it with
 * {@link GitRepo.discover}. Every command runs with `cwd` = the worktree's top folder and an environment without
 * inherited `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE` and the like.
 *
 * Two ways to run git (runGit.ts explains why): {@link run}, the light `node:child_process` wrapper, for
 * discovery, HEAD, the atomic commit, history and everything `roo session current` can reach; and simple-git,
 * loaded on first use by {@link simple}, for the queries and branch changes only heavier commands make.
 */
export class GitRepo {
  /** Where roo keeps state outside the working tree, shared by all worktrees: `<common dir>/roo`. */
  readonly rooDir: string;

  private simpleGit: Promise<SimpleGit> | undefined;

  /** Prefer {@link GitRepo.discover}; this constructor trusts its arguments. */
  constructor(
    /** Absolute path of this worktree's top folder. */
    readonly topLevel: string,
    /** Absolute path of this worktree's git directory (`.git`, or `.git/worktrees/<name>` in a linked one). */
    readonly gitDir: string,
    /** Absolute path of the directory shared by all worktrees (objects, refs, config). */
    readonly commonDir: string,
    /** The environment every git call gets (already cleaned). */
    readonly env: Record<string, string>,
  ) {
    this.rooDir = join(commonDir, 'roo');
  }

  /**
   * Finds the repository containing `cwd` (any subfolder, any linked worktree). Throws NotARepositoryError
   * (exit 3) outside a repository or inside a `.git` folder, BareRepositoryError in a bare repository.
   */
  static async discover(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<GitRepo> {
    const { topLevel, gitDir, commonDir, env: cleanEnv } = await discoverRepoPaths(cwd, env);
    return new GitRepo(topLevel, gitDir, commonDir, cleanEnv);
  }

  /** True in a linked worktree (`git worktree add`), false in the main one. */
  get isLinkedWorktree(): boolean {
    return this.gitDir !== this.commonDir;
  }

  /** `cwd` and `env` for a raw git process in this worktree (for helpers that stream). */
  runOptions(): { cwd: string; env: Record<string, string> } {
    return { cwd: this.topLevel, env: this.env };
  }

  /**
   * Runs `git <args>` in this worktree. Throws GitCommandError (a GitOperationError, exit 4) with the
   * arguments and git's stderr on a non-zero exit unless `allowFail`.
   */
  run(args: readonly string[], options: GitRunOptions = {}): Promise<RunResult> {
    return runGit(args, {
      cwd: this.topLevel,
      env: options.env ? { ...this.env, ...options.env } : this.env,
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(options.allowFail ? { allowFail: true } : {}),
      ...(options.stdoutEncoding === undefined ? {} : { stdoutEncoding: options.stdoutEncoding }),
    });
  }

  /**
   * This worktree's simple-git instance, created (and simple-git imported) on first use: `cwd` = the top folder,
   * the same cleaned environment as {@link run}, no shell.
   */
  private async simple(): Promise<SimpleGit> {
    this.simpleGit ??= createSimpleGit(this.topLevel, this.env);
    return this.simpleGit;
  }

  /**
   * Runs `git <args>` through simple-git. Errors as in {@link run}: GitCommandError with the arguments and git's
   * stderr on a non-zero exit, unless `allowFail`.
   */
  private async query(args: readonly string[], options: { allowFail?: boolean } = {}): Promise<RunResult> {
    return runSimpleGit(this.simple(), args, options);
  }

  /** What HEAD points at: the commit (null before the first commit) and the branch (null when detached). */
  async head(): Promise<HeadInfo> {
    const [symbolic, commit] = await Promise.all([
      // -q: exit 1 silently when HEAD is detached; works before the first commit too.
      this.run(['symbolic-ref', '-q', 'HEAD'], { allowFail: true }),
      this.run(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { allowFail: true }),
    ]);
    const ref = symbolic.exitCode === 0 ? symbolic.stdout.trim() : null;
    return {
      sha: commit.exitCode === 0 ? commit.stdout.trim() : null,
      branch: ref === null ? null : ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref,
    };
  }

  /**
   * The branch checked out in this worktree (null when detached), without starting git: `<gitDir>/HEAD` is a
   * plain file (`ref: refs/heads/<name>`) in the files ref backend. Anything else there (a reftable stub, a
   * detached SHA we double-check) falls back to `git symbolic-ref`. This keeps `roo session current` at one git
   * process in all.
   */
  async currentBranch(): Promise<string | null> {
    return readHeadBranch(this.gitDir) ?? (await this.head()).branch;
  }

  /** The merge, rebase, `am`, cherry-pick, revert or bisect stopped half-way in this worktree, if any. */
  operationInProgress(): GitOperation | null {
    return detectOperation(this.gitDir);
  }

  /**
   * Whether a ref exists. `ref` is a full ref name (`refs/heads/x`, `refs/remotes/origin/x`) or `HEAD`; a short
   * name means the local branch `refs/heads/<ref>`.
   */
  async refExists(ref: string): Promise<boolean> {
    const args =
      ref === 'HEAD'
        ? ['rev-parse', '--verify', '-q', 'HEAD']
        : // --verify: the exact ref, not a pattern or an abbreviation.
          ['show-ref', '--verify', '--quiet', toBranchRef(ref)];
    return (await this.run(args, { allowFail: true })).exitCode === 0;
  }

  /** The object id `rev` names (any revision syntax), or undefined when it names nothing. */
  async revParse(rev: string): Promise<string | undefined> {
    // --end-of-options: a revision that starts with `-` is never taken for an option.
    const result = await this.run(['rev-parse', '--verify', '-q', '--end-of-options', rev], {
      allowFail: true,
    });
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  /** The value of a config key as git resolves it for this worktree; undefined when unset. */
  async configGet(key: string): Promise<string | undefined> {
    const result = await this.run(['config', '--get', key], { allowFail: true });
    if (result.exitCode === 1) return undefined;
    if (result.exitCode !== 0)
      throw new GitCommandError(['config', '--get', key], result.exitCode, result.stderr);
    return result.stdout.replace(/\n$/, '');
  }

  /**
   * A boolean config key read the way git reads it (`yes`, `on`, `1`, a bare key…); undefined when unset.
   * Throws GitCommandError for a value git itself rejects.
   */
  async configGetBool(key: string): Promise<boolean | undefined> {
    const args = ['config', '--type=bool', '--get', key];
    const result = await this.run(args, { allowFail: true });
    if (result.exitCode === 1) return undefined;
    if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
    return result.stdout.trim() === 'true';
  }

  /**
   * Throws UsageError (exit 2) unless git accepts `name` as a new branch name (`git check-ref-format --branch`).
   */
  async assertBranchName(name: string): Promise<void> {
    // `-…` would be read as an option, and `@{-N}` / `-` are expanded by --branch to an existing branch's name.
    // `refs/…` and `heads/…` are accepted by check-ref-format but name a ref, not a branch: `git switch -c
    // refs/heads/x` makes `refs/heads/refs/heads/x`. `HEAD` is not a branch either.
    const isValid =
      name !== '' &&
      !name.startsWith('-') &&
      !name.includes('@{') &&
      !/^(refs|heads|remotes)\//.test(name) &&
      name !== 'HEAD' &&
      (await this.run(['check-ref-format', '--branch', name], { allowFail: true })).stdout.trim() === name;
    if (!isValid) {
      throw new UsageError(
        `invalid branch name ${JSON.stringify(name)}: git does not accept it as a branch name, or it names a ref ` +
          '(`refs/…`) rather than a branch; use letters, digits, `-`, `_`, `/` and `.` (no spaces, `..`, ' +
          '`~^:?*[\\`, or a leading `-`); nothing was changed\n' +
          'run `roo session start --branch <name> <goal>` with a plain branch name such as `feature/login`',
      );
    }
  }

  /**
   * Best-effort undo of {@link createBranchAndSwitch} after a later step failed: switches back to `previous`
   * (a branch name, or a commit for a detached HEAD) if HEAD is still on `branch`, then deletes `branch` with a
   * compare-and-swap, but only while everything on it since `previous` is roo's own commits. Never throws (it
   * runs while another error is being reported): returns undefined when fully undone, otherwise what is left and
   * the command to clean it up.
   */
  async undoBranchCreation(branch: string, previous: string | null): Promise<string | undefined> {
    const branchRef = toBranchRef(branch);
    const cleanup = `run \`git switch ${previous === null ? '-' : shellQuote(previous)} && git branch -D ${shellQuote(branch)}\``;
    try {
      if (previous === null) return `branch \`${branch}\` was left in place; ${cleanup}`;
      const isBranch = !/^[0-9a-f]{40,64}$/.test(previous) && (await this.refExists(previous));
      const base = await this.revParse(`${isBranch ? toBranchRef(previous) : previous}^{commit}`);
      const tip = await this.revParse(branchRef);
      if (tip === undefined) return undefined;
      if (base === undefined) return `branch \`${branch}\` was left in place; ${cleanup}`;
      if (tip !== base) {
        const subjects = await this.run(['log', '--format=%s', `${base}..${tip}`, '--'], { allowFail: true });
        const lines = subjects.stdout.split('\n').filter((line) => line !== '');
        const onlyRoo = subjects.exitCode === 0 && lines.every((line) => /^session\([^)]*\): /.test(line));
        if (!onlyRoo) return `branch \`${branch}\` has commits that are not roo's and was kept; ${cleanup}`;
      }
      if ((await this.head()).branch === shortBranchName(branchRef)) {
        const args = isBranch ? ['switch', '--no-guess', previous] : ['switch', '--detach', previous];
        const switched = await this.run(args, { allowFail: true });
        // A failing post-checkout hook of the repository's own makes git exit non-zero after switching back.
        const now = await this.head();
        const back = isBranch
          ? now.branch === shortBranchName(toBranchRef(previous))
          : now.branch === null && now.sha === base;
        if (switched.exitCode !== 0 && !back)
          return `could not switch back (${switched.stderr.trim()}); ${cleanup}`;
      }
      // Compare-and-swap delete: if anything moved the branch meanwhile, it stays.
      const deleted = await this.run(['update-ref', '-d', branchRef, tip], { allowFail: true });
      return deleted.exitCode === 0 ? undefined : `branch \`${branch}\` could not be deleted; ${cleanup}`;
    } catch (error) {
      return `could not undo the creation of \`${branch}\` (${String(error)}); ${cleanup}`;
    }
  }

  /**
   * Creates branch `name` at HEAD and switches to it (`git switch -c`); the worktree and index are kept. When git
   * switched but the repository's own post-checkout hook failed (git then exits with the hook's code), returns
   * the hook's message: the switch is done. When git did not switch, a branch it may have created anyway is
   * deleted again (compare-and-swap) and GitCommandError (exit 4) is thrown: nothing changed.
   */
  async createBranchAndSwitch(name: string): Promise<SwitchOutcome> {
    rejectOptionLike(name);
    const [before, existed] = await Promise.all([this.head(), this.refExists(toBranchRef(name))]);
    const args = ['switch', '-c', name];
    // run, not simple-git: the exit code must be git's own (the hook's, when the hook failed).
    const result = await this.run(args, { allowFail: true });
    if (result.exitCode === 0) return {};
    if ((await this.head()).branch === name) return { hookFailure: hookFailure(result) };
    const created = await this.revParse(toBranchRef(name));
    if (!existed && created !== undefined && created === before.sha) {
      await this.run(['update-ref', '-d', toBranchRef(name), created], { allowFail: true });
    }
    throw new GitCommandError(args, result.exitCode, result.stderr);
  }

  /**
   * Switches to the existing local branch `name`. Throws BranchInOtherWorktreeError when another worktree has
   * it checked out and a DirtyTreeError ({@link CheckoutBlockedError}) naming the files when uncommitted
   * changes would be overwritten; in both cases nothing changed.
   */
  async switchBranch(name: string): Promise<SwitchOutcome> {
    rejectOptionLike(name);
    // --no-guess: never create a local branch from a same-named remote one behind the caller's back; that is
    // trackRemoteBranch's job.
    return this.switchOrExplain(['switch', '--no-guess', name], name);
  }

  /**
   * Creates local branch `name` from `remoteRef` (`origin/x` or `refs/remotes/origin/x`), set to track it, and
   * switches to it. Errors as in {@link switchBranch}.
   */
  async trackRemoteBranch(name: string, remoteRef: string): Promise<SwitchOutcome> {
    rejectOptionLike(name);
    rejectOptionLike(remoteRef);
    return this.switchOrExplain(['switch', '-c', name, '--track', remoteRef], name);
  }

  private async switchOrExplain(args: string[], name: string): Promise<SwitchOutcome> {
    const result = await this.run(args, { allowFail: true });
    if (result.exitCode === 0) return {};
    // git switched, then the repository's own post-checkout hook failed: the switch stands, say why it failed.
    if ((await this.head()).branch === name) return { hookFailure: hookFailure(result) };
    const elsewhere = await this.worktreeForBranch(name);
    if (elsewhere !== undefined) {
      throw new BranchInOtherWorktreeError(
        `cannot switch to \`${name}\`: it is checked out in the worktree ${elsewhere}; ` +
          `work there (\`cd ${shellQuote(elsewhere)}\`) or switch that worktree to another branch first`,
      );
    }
    // git lists the files that block the checkout one per line, indented with a tab (in every locale).
    const blocking = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('\t'))
      .map((line) => line.slice(1));
    if (blocking.length > 0) throw new CheckoutBlockedError(name, blocking, result.stderr);
    throw new GitCommandError(args, result.exitCode, result.stderr);
  }

  /** Every worktree of the repository (main first), from `git worktree list --porcelain -z`. */
  async worktrees(): Promise<WorktreeInfo[]> {
    const result = await this.query(['worktree', 'list', '--porcelain', '-z']);
    const list = parseWorktreeListZ(result.stdout);
    for (const worktree of list) {
      const gitDir = worktree.isMain
        ? worktree.isBare
          ? undefined
          : this.commonDir
        : readGitFile(worktree.path);
      if (gitDir !== undefined) worktree.gitDir = gitDir;
    }
    return list;
  }

  /**
   * The path of another worktree that holds branch `name` (checked out, or being rebased or bisected there, which
   * git also counts), or undefined.
   */
  async worktreeForBranch(name: string): Promise<string | undefined> {
    const ref = toBranchRef(name);
    const short = ref.slice('refs/heads/'.length);
    for (const worktree of await this.worktrees()) {
      if (worktree.path === this.topLevel || worktree.isBare) continue;
      if (worktree.branch === short) return worktree.path;
      if (worktree.branch === null && worktree.gitDir !== undefined) {
        const gitDir = worktree.gitDir;
        const busy = ['rebase-merge/head-name', 'rebase-apply/head-name']
          .map((file) => readTrimmed(join(gitDir, file)))
          .concat(readTrimmed(join(gitDir, 'BISECT_START')));
        if (busy.some((value) => value === ref || value === short)) return worktree.path;
      }
    }
    return undefined;
  }

  /** Uncommitted changes: staged, unstaged and untracked paths (every untracked file, not folders). */
  async dirtyPaths(): Promise<DirtyPath[]> {
    const result = await this.query([
      // A read must not take index.lock to refresh stat data: it would make a concurrent `git commit` fail.
      '--no-optional-locks',
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
    ]);
    return parseStatusZ(result.stdout);
  }

  /** Paths that differ between two commits; a rename shows as its old and its new path. */
  async pathsChangedBetween(a: string, b: string): Promise<string[]> {
    const result = await this.query([
      'diff',
      '--name-only',
      '-z',
      // Both sides of a rename are changed paths for us.
      '--no-renames',
      // A configured external diff or textconv is irrelevant to names and costs a process per file.
      '--no-ext-diff',
      '--no-textconv',
      '--end-of-options',
      a,
      b,
      '--',
    ]);
    return result.stdout.split('\0').filter((path) => path !== '');
  }

  /**
   * Stashes every uncommitted change, untracked files included, under `message` (what `git stash list` shows).
   * Returns the stash commit's sha (`git stash apply <sha>` brings it back), or undefined when there was nothing
   * to stash.
   */
  async stashPush(message: string): Promise<string | undefined> {
    const before = await this.revParse('refs/stash');
    await this.query(['stash', 'push', '--include-untracked', '-m', message]);
    const after = await this.revParse('refs/stash');
    return after !== undefined && after !== before ? after : undefined;
  }

  /**
   * Local and remote-tracking branches matching `patterns` (for-each-ref patterns: a prefix up to a `/`, or an
   * fnmatch glob; default all of `refs/heads/` and `refs/remotes/`), with tip and committer date. Symbolic refs
   * such as `refs/remotes/origin/HEAD` are left out.
   */
  async listBranches(patterns: readonly string[] = ['refs/heads/', 'refs/remotes/']): Promise<BranchInfo[]> {
    const result = await this.query([
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(committerdate:unix)%00%(symref)',
      '--',
      ...patterns,
    ]);
    const branches: BranchInfo[] = [];
    for (const line of result.stdout.split('\n')) {
      const [ref, sha, unix, symref] = line.split('\0');
      if (!ref || !sha || symref) continue;
      const isLocal = ref.startsWith('refs/heads/');
      const isRemote = ref.startsWith('refs/remotes/');
      if (!isLocal && !isRemote) continue;
      const name = ref.slice(isLocal ? 'refs/heads/'.length : 'refs/remotes/'.length);
      branches.push({
        ref,
        name,
        remote: isRemote ? (name.split('/', 1)[0] ?? null) : null,
        sha,
        committedAt: new Date(Number(unix || 0) * 1000),
      });
    }
    return branches;
  }

  /**
   * docs/git-design.md: commits `folder` alone on `branch` (HEAD must be on it) without touching anything else the user
   * has staged or changed, and without running hooks: the folder's tree from a temporary index holding only the
   * folder (`add -A -f`, `write-tree --prefix`), spliced into the tip's tree by rewriting the trees on its path
   * (the same tree docs/git-design.md's `read-tree` of the tip would give, at a cost that does not grow with the
   * repository: docs/performance.md), `commit-tree` (signed when `commit.gpgSign`), compare-and-swap `update-ref`, then
   * the real index is updated for the folder only (`update-index --index-info`). Returns `changed: false` (no commit) when the folder already
   * matches the tip. Throws OperationInProgressError, DetachedHeadError, NoCommitsError, PreconditionError
   * (HEAD on another branch), UnsafePathError (a folder that is not strictly inside the worktree) and
   * RefMovedError (the branch moved meanwhile: nothing changed).
   */
  commitFolder(options: CommitFolderOptions): Promise<CommitFolderResult> {
    return commitFolder(this, options);
  }

  /** See {@link repairInterruptedCommit}: finishes an atomic commit whose index update never happened. */
  repairInterruptedCommit(): Promise<string | undefined> {
    return repairInterruptedCommit(this);
  }

  /**
   * Finishes an interrupted atomic commit of `folder`: when the folder's tracked files in the working tree equal
   * HEAD's but the index does not (the commit moved the branch, the index update never happened), the index is
   * set to HEAD's for that folder only. `clean` when there was nothing to do, `locked` when another git holds
   * the index.
   */
  async resetIndexFolderIfStale(folder: string): Promise<'reset' | 'clean' | 'locked'> {
    const env = { GIT_LITERAL_PATHSPECS: '1' };
    const [worktree, staged] = await Promise.all([
      // --quiet: exit 1 when they differ. The working tree against HEAD, then the index against HEAD.
      this.run(['diff', '--quiet', 'HEAD', '--', folder], { env, allowFail: true }),
      this.run(['diff', '--cached', '--quiet', '--', folder], { env, allowFail: true }),
    ]);
    if (worktree.exitCode !== 0 || staged.exitCode !== 1) return 'clean';
    const reset = await this.run(['reset', '-q', '--', folder], { env, allowFail: true });
    if (reset.exitCode === 0) return 'reset';
    return reset.stderr.includes('index.lock') ? 'locked' : 'clean';
  }

  /**
   * docs/journal.md: the session's start commit on `branch` (short name, or a full ref such as
   * `refs/remotes/origin/session/X`), found by subject `session(<id>): start` and trailer `Roo-Session: <id>` on
   * the first-parent history (so again after a rebase), and the first-parent commits after it, oldest first.
   * Not found (or no such branch): `startCommit` null and no commits.
   */
  sessionHistory(options: { id: string; branch: string }): Promise<SessionHistory> {
    return sessionHistory(this, options);
  }

  /** Subject, committer date and parents of each commit in one `cat-file --batch`; unknown ids are left out. */
  commitInfo(shas: Iterable<string>): Promise<Map<string, CommitInfo>> {
    return commitInfo(this, shas);
  }

  /**
   * The HEAD reflog of a worktree (default this one), oldest first, read straight from `<gitDir>/logs/HEAD`.
   * Empty when there is none (reflogs disabled, fresh worktree).
   */
  async reflog(gitDir: string = this.gitDir): Promise<ReflogEntry[]> {
    let text: string;
    try {
      // The file is plain text git appends to; reading it costs no process.
      text = await readFile(join(gitDir, 'logs', 'HEAD'), 'utf8');
    } catch {
      return [];
    }
    return parseReflog(text);
  }

  /**
   * Every `.ruru/sessions/<ID>/session_log.md` at the tip of each ref (`refs/heads/x`, `origin/x`, a sha…), read
   * without checkout through one `git cat-file --batch` process. Refs without a sessions folder are skipped; a
   * log present with the same content on several refs is returned once, with all of them in `refs`.
   */
  readSessionLogsFromRefs(refs: readonly string[]): Promise<SessionLogAtRef[]> {
    return readSessionLogsFromRefs(this, refs);
  }
}

/**
 * A checkout refused because uncommitted changes would be overwritten (exit 3). `paths` are the files git
 * named; nothing was changed.
 */
export class CheckoutBlockedError extends DirtyTreeError {
  override readonly code: string = 'checkout_blocked';
  constructor(
    readonly branch: string,
    readonly paths: readonly string[],
    readonly stderr: string,
  ) {
    super(
      `cannot switch to \`${branch}\`: uncommitted changes would be overwritten: ${paths.join(', ')}; ` +
        'commit or stash them (`git stash push --include-untracked`), or run again with `--autostash`',
    );
  }
}

/**
 * What a switch that went through reports: `hookFailure` when git switched but the repository's own
 * post-checkout hook exited non-zero (git then exits with the hook's code): its exit code and message.
 */
export type SwitchOutcome = { hookFailure?: { exitCode: number; message: string } };

function hookFailure(result: { exitCode: number; stderr: string }): { exitCode: number; message: string } {
  // git's own "Switched to a new branch" line is not the hook's.
  const message = result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^Switched to (a new )?branch /.test(line))
    .join('\n')
    .trim();
  return { exitCode: result.exitCode, message };
}

function rejectOptionLike(name: string): void {
  // git rejects such names anyway, but as arguments they would be read as options first.
  if (name === '' || name.startsWith('-')) {
    throw new UsageError(
      `invalid branch name ${JSON.stringify(name)}; a branch name cannot start with \`-\``,
    );
  }
}

/** The git directory a linked worktree's `.git` file points to (`gitdir: <path>`), if readable. */
function readGitFile(worktreePath: string): string | undefined {
  const text = readTrimmed(join(worktreePath, '.git'));
  if (text === undefined || !text.startsWith('gitdir: ')) return undefined;
  return resolve(worktreePath, text.slice('gitdir: '.length));
}

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
