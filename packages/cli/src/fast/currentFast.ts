import { join } from 'node:path';
// Subpath imports, not the package indexes: the fast paths' bundle (bundle.mjs) must reach only the modules they
// run, and an index reaches every module of its package.
import { isConfigQuiet, readMappedSession } from '@roo-session/app/fast/activeSession';
import { readRegularFile } from '@roo-session/app/store/safeFiles';
import { readSessionMeta } from '@roo-session/core/log/parseSessionLog';
import { isMappedSessionCurrent } from '@roo-session/core/whichSession';
import { discoverRepo, hasInterruptedCommit } from '@roo-session/git/discover';
import type { RooContext } from '../context.js';

// ignoreBOM: keep a UTF-8 BOM in the text (the default strips it, and a rewrite would then drop it from the file).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The common case of the bare `roo session current`, with as little code loaded as possible (docs/performance.md: within 1.5x
 * a bare `node`): one `git rev-parse`, the HEAD file, the branch map entry and the session log's frontmatter.
 * It imports only discovery from @roo-session/git and the config and frontmatter readers from @roo-session/core,
 * never the commit code, simple-git, Workspace or SessionStore, so the fast paths' bundle holds none of them.
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
  const repo = await discoverRepo(context.cwd, context.env as NodeJS.ProcessEnv);
  if (hasInterruptedCommit(repo.gitDir)) return false;
  if (!isConfigQuiet(repo.topLevel)) return false;
  const mapped = readMappedSession(repo);
  if (mapped === undefined) return false;
  const { branch, id } = mapped;
  const logPath = join(repo.topLevel, '.ruru', 'sessions', id, 'session_log.md');
  try {
    const { meta } = readSessionMeta(utf8.decode(readRegularFile(logPath, { root: repo.topLevel })), logPath);
    if (!isMappedSessionCurrent(meta.status, meta.branch, branch)) return false;
  } catch {
    return false;
  }
  context.stdout.write(`${id}\n`);
  return true;
}
