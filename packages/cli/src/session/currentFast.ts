import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// Subpath imports, not the package indexes: esbuild splits chunks by which files an entry point can reach through
// its imports, before tree-shaking, so importing an index would put the whole package in the start-up chunk.
import { parseConfig } from '@roo-session/core/config';
import { readSessionMeta } from '@roo-session/core/log/parseSessionLog';
import { SessionStatus } from '@roo-session/core/status';
import { discoverRepoPaths, readHeadBranch } from '@roo-session/git/discover';
import type { RooContext } from '../context.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The common case of the bare `roo session current`, with as little code loaded as possible (SPEC 6: within 1.5x
 * a bare `node`): one `git rev-parse`, the HEAD file, the branch map entry and the session log's frontmatter.
 * It imports only discovery from @roo-session/git and the config and frontmatter readers from @roo-session/core,
 * never GitRepo, Workspace or SessionStore, so the bundle's start-up chunk holds none of them.
 *
 * Writes the ID and returns true only when the answer is certain to be what `SessionStore.resolve` gives: the
 * branch map names a session of this worktree whose log reads cleanly, is Active and is on the branch checked out.
 * Anything else (ROO_SESSION_ID set, detached or unreadable HEAD, no map entry, a stale or unreadable log, a
 * config with warnings or errors) returns false without writing, and the caller runs the full path, which gives
 * every message and exit code. Discovery errors are thrown as they are: the full path would throw the same first.
 */
export async function printCurrentSessionFast(context: RooContext): Promise<boolean> {
  const q = context.env.ROO_SESSION_ID;
  if (q !== undefined && q !== '') return false;
  const repo = await discoverRepoPaths(context.cwd, context.env as NodeJS.ProcessEnv);
  // Workspace.open would print the config's warnings (or throw its errors): leave those to it.
  const configFile = join(repo.topLevel, '.ruru', 'config.toml');
  let configText: string | undefined;
  try {
    configText = readFileSync(configFile, 'utf8');
  } catch {
    configText = undefined;
  }
  if (configText !== undefined) {
    try {
      if (parseConfig(configText, configFile).warnings.length > 0) return false;
    } catch {
      return false;
    }
  }
  const branch = readHeadBranch(repo.gitDir);
  if (branch === undefined) return false;
  let id: string;
  try {
    id = readFileSync(join(repo.commonDir, 'roo', 'branches', branch), 'utf8').trim();
  } catch {
    return false;
  }
  if (id === '') return false;
  const logPath = join(repo.topLevel, '.ruru', 'sessions', id, 'session_log.md');
  try {
    const { meta } = readSessionMeta(utf8.decode(readFileSync(logPath)), logPath);
    if (meta.status !== SessionStatus.Active || meta.branch !== branch) return false;
  } catch {
    return false;
  }
  context.stdout.write(`${id}\n`);
  return true;
}
