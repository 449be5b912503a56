import { join } from 'node:path';
// Subpath imports, not the package indexes: the fast paths' bundle (bundle.mjs) must reach only the modules they
// run, and an index reaches every module of its package.
import { parseConfig, renderDefaultConfig } from '@roo-session/core/config';
import { readSessionMeta } from '@roo-session/core/log/parseSessionLog';
import { SessionStatus } from '@roo-session/core/status';
import {
  discoverRepoPaths,
  hasInterruptedCommit,
  type RepoPaths,
  readHeadBranch,
} from '@roo-session/git/discover';
import type { RooContext } from '../context.js';
import { readRegularFile } from '../workspace/safeFiles.js';

// ignoreBOM: keep a UTF-8 BOM in the text (the default strips it, and a rewrite would then drop it from the file).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The common case of the bare `roo session current`, with as little code loaded as possible (docs/performance.md: within 1.5x
 * a bare `node`): one `git rev-parse`, the HEAD file, the branch map entry and the session log's frontmatter.
 * It imports only discovery from @roo-session/git and the config and frontmatter readers from @roo-session/core,
 * never GitRepo, Workspace or SessionStore, so the fast paths' bundle holds none of them.
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
  if (hasInterruptedCommit(repo.gitDir)) return false;
  if (!isConfigQuiet(repo.topLevel)) return false;
  const mapped = readMappedSession(repo);
  if (mapped === undefined) return false;
  const { branch, id } = mapped;
  const logPath = join(repo.topLevel, '.ruru', 'sessions', id, 'session_log.md');
  try {
    const { meta } = readSessionMeta(utf8.decode(readRegularFile(logPath, { root: repo.topLevel })), logPath);
    if (meta.status !== SessionStatus.Active || meta.branch !== branch) return false;
  } catch {
    return false;
  }
  context.stdout.write(`${id}\n`);
  return true;
}

/**
 * Whether `Workspace.open` would load `.ruru/config.toml` silently: absent, or parsed without warnings. When it
 * would print warnings (or throw errors), a fast path leaves the run to it.
 */
export function isConfigQuiet(topLevel: string): boolean {
  const configFile = join(topLevel, '.ruru', 'config.toml');
  let configText: string;
  try {
    configText = readRegularFile(configFile, { root: topLevel }).toString('utf8');
  } catch (error) {
    // Absent: the defaults, silently. A link or a FIFO: the full path refuses it by name.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  // The file `roo init` writes reads without warnings (config.test.ts holds it to that): no TOML parse needed.
  if (configText === renderDefaultConfig()) return true;
  try {
    return parseConfig(configText, configFile).warnings.length === 0;
  } catch {
    return false;
  }
}

/**
 * The branch checked out (read from the HEAD file) and the session the branch map names for it, as
 * `SessionStore.active` finds them first; undefined when HEAD is detached or unreadable, or nothing is mapped.
 */
export function readMappedSession(
  repo: Pick<RepoPaths, 'gitDir' | 'commonDir'>,
): { branch: string; id: string } | undefined {
  const branch = readHeadBranch(repo.gitDir);
  if (branch === undefined) return undefined;
  let id: string;
  try {
    id = readRegularFile(join(repo.commonDir, 'roo', 'branches', branch), { maxBytes: 4096 })
      .toString('utf8')
      .trim();
  } catch {
    return undefined;
  }
  return id === '' ? undefined : { branch, id };
}
