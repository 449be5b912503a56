import { join } from 'node:path';
import {
  DEFAULT_CONFIG,
  NoCommitsError,
  parseConfig,
  type RooConfig,
  UnsafeFileError,
} from '@roo-session/core';
import { discoverRepo, type RepoContext, readHead, repairInterruptedCommit } from '@roo-session/git';
import type { AppContext } from '../context.js';
import { SessionStore } from './SessionStore.js';
import { readRegularFile } from './safeFiles.js';

/**
 * One repository as a command sees it: the git repo (worktree-aware), its `.ruru/config.toml`, and the session
 * folders in this worktree. Built once per command.
 */
export class Workspace {
  readonly store: SessionStore;

  private constructor(
    readonly ctx: AppContext,
    readonly repo: RepoContext,
    readonly config: RooConfig,
    readonly configWarnings: readonly string[],
  ) {
    this.store = new SessionStore(repo, { trailer: config.trailer, env: ctx.env });
  }

  /** Discovers the repository from `ctx.cwd` and loads its config; unknown config keys are noted as warnings. */
  static async open(ctx: AppContext): Promise<Workspace> {
    const repo = await discoverRepo(ctx.cwd, ctx.env as NodeJS.ProcessEnv);
    const file = join(repo.topLevel, '.ruru', 'config.toml');
    let text: string | undefined;
    try {
      // Repository content: bounded, no symlink, no FIFO (safeFiles.ts). Absent is the defaults; a link or a
      // FIFO is refused by name (exit 3) rather than read.
      text = readRegularFile(file, { root: repo.topLevel, display: '.ruru/config.toml' }).toString('utf8');
    } catch (error) {
      if (error instanceof UnsafeFileError) throw error;
      text = undefined;
    }
    const { config, warnings } =
      text === undefined ? { config: DEFAULT_CONFIG, warnings: [] } : parseConfig(text, file);
    for (const w of warnings) ctx.note(`warning: ${w}`);
    const repaired = await repairInterruptedCommit(repo);
    if (repaired !== undefined) {
      ctx.note(`updated the index for ${repaired} to match roo's last commit (it had been interrupted)`);
    }
    return new Workspace(ctx, repo, config, warnings);
  }

  get ruruDir(): string {
    return join(this.repo.topLevel, '.ruru');
  }

  get sessionsDir(): string {
    return this.store.sessionsDir;
  }

  /** The session folder relative to the worktree top, with `/` separators (what git pathspecs take). */
  sessionFolderRel(id: string): string {
    return `.ruru/sessions/${id}`;
  }

  sessionDir(id: string): string {
    return this.store.sessionDir(id);
  }

  /** A session's absolute folder and log path: every use case's result carries them (docs/json-schema.md). */
  files(id: string): { folder: string; logPath: string } {
    return { folder: this.sessionDir(id), logPath: this.store.logPath(id) };
  }

  /** HEAD of this worktree, refusing a repository without commits (docs/commands.md). */
  async requireCommits(): Promise<{ sha: string; branch: string | null }> {
    const head = await readHead(this.repo);
    if (head.sha === null) {
      throw new NoCommitsError({ branch: head.branch ?? 'main' });
    }
    return { sha: head.sha, branch: head.branch };
  }
}
