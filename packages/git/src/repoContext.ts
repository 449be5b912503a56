/**
 * One git repository as seen from one worktree: what every function of this package takes as its first argument.
 * Made by discovery (`discoverRepo` in discover.ts); a plain value, so it can be built once and handed to any
 * layer. Functions that need less take a `Pick<RepoContext, …>` of it. Every git process runs with
 * `cwd = topLevel` and exactly `env`.
 */
export type RepoContext = {
  /** Absolute path of this worktree's top folder. */
  readonly topLevel: string;
  /** Absolute path of this worktree's git directory (`.git`, or `.git/worktrees/<name>` in a linked one). */
  readonly gitDir: string;
  /** Absolute path of the directory shared by all worktrees (objects, refs, config, roo's journal). */
  readonly commonDir: string;
  /**
   * The environment every git process gets: the caller's, without the inherited variables that would point git
   * at another repository or index (runGit.ts, `cleanGitEnv`).
   */
  readonly env: Readonly<Record<string, string>>;
};
