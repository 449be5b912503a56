import { join } from 'node:path';
// Subpath imports, not the package indexes: the fast path's bundle holds only what these modules reach.
import { parseSessionLog } from '@roo-session/core/log/parseSessionLog';
import { isMappedSessionCurrent } from '@roo-session/core/whichSession';
import type { RepoContext } from '@roo-session/git';
import {
  discoverRepoAndGitPaths,
  guessRepo,
  hasInterruptedCommit,
  isSameRepo,
} from '@roo-session/git/discover';
import { type SessionHistory, sessionHistory } from '@roo-session/git/history';
import { type HookScripts, loadHookScripts } from '@roo-session/git/hooks/hookScripts';
import {
  type HooksPathSetting,
  isForeignScope,
  layoutFromHooksPath,
  readHooksPathSettingIn,
} from '@roo-session/git/hooks/hooksPath';
import { inspectHooks } from '@roo-session/git/hooks/inspectHooks';
import type { AppContext } from '../context.js';
import { type ReadSession, withPending } from '../ops/foldJournal.js';
import { type HookHealth, summarizeHooks } from '../ops/summarizeHooks.js';
import { hooksDir as hookSourcesDir } from '../store/assets.js';
import type { LoadedSession } from '../store/SessionStore.js';
import { readRegularFile } from '../store/safeFiles.js';
import { isConfigQuiet, readMappedSession } from './activeSession.js';

// ignoreBOM: keep a UTF-8 BOM in the text (the default strips it, and a rewrite would then drop it from the file).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The common case of the bare `roo session status` (and `--json`), which agents run often, within
 * docs/performance.md's start-up budget (1.5x a bare `node`): the facts the `status` use case gives — the session
 * with pending entries folded in (`withPending`) and the hook checks — without clipanion, the commit code, Workspace or the
 * session store, and with three git processes instead of four: discovery (which also resolves `--git-path hooks`)
 * and `git config core.hooksPath` at once, then the session branch's `git log`. When the folder run in is the top
 * of a main worktree, the branch map and the log are read, and `git log` started, while discovery still runs; that
 * work is used only once discovery has confirmed the same paths.
 *
 * Answers only when every fact is certain to be what the full command would see: the branch map names a session of
 * this worktree whose log reads cleanly, is Active and is on the branch checked out, and the hooks setting is the
 * repository's own. Anything else (ROO_SESSION_ID set, not a repository, detached or unreadable HEAD, no map
 * entry, a stale or unreadable log, a config with warnings or errors, a global core.hooksPath, any error at all)
 * gives undefined, and the caller runs the full command, which gives every message and exit code. It never writes
 * a file, so giving up half-way changes nothing.
 */
export async function sessionStatusFast(
  context: Pick<AppContext, 'cwd' | 'env' | 'now'>,
): Promise<{ session: ReadSession; hooks: HookHealth; topLevel: string } | undefined> {
  const q = context.env.ROO_SESSION_ID;
  if (q !== undefined && q !== '') return undefined;
  const env = context.env as NodeJS.ProcessEnv;
  try {
    // Every git process starts before any parsing: forking costs more the more memory this process holds.
    const discovery = discoverRepoAndGitPaths(context.cwd, ['hooks'], env);
    // Every promise started here is handled at once and awaited later: giving up early leaves no rejection loose.
    discovery.catch(() => {});
    // Any folder of the worktree reads the same config: asked without waiting for discovery.
    const setting = readHooksPathSettingIn(context.cwd, env);
    setting.catch(() => {});
    const guess = guessRepo(context.cwd, env);
    const early = guess === undefined ? undefined : readActiveSession(guess);
    const scripts = loadHookScripts(hookSourcesDir);
    const { repo, gitPaths } = await discovery;
    if (hasInterruptedCommit(repo.gitDir)) return undefined;
    const active = guess !== undefined && isSameRepo(guess, repo) ? early : readActiveSession(repo);
    if (active === undefined) return undefined;
    const folding = withPending({ repo, ctx: context }, active.session, active.history);
    folding.catch(() => {});
    const hooks = checkHooks(repo, gitPaths.hooks, await setting, scripts);
    if (hooks === undefined) return undefined;
    return { session: await folding, hooks, topLevel: repo.topLevel };
  } catch {
    return undefined;
  }
}

/**
 * The Active session of the branch checked out, as `SessionStore.active` finds it first (through the branch map),
 * and its branch history, being read. Undefined when unsure.
 */
function readActiveSession(
  paths: RepoContext,
): { session: LoadedSession; history: Promise<SessionHistory> } | undefined {
  const mapped = readMappedSession(paths);
  if (mapped === undefined) return undefined;
  // The slowest fact, so asked first: git walks the history while the config and the log are parsed.
  const history = sessionHistory(paths, { id: mapped.id, branch: mapped.branch });
  history.catch(() => {});
  // Workspace.open would print the config's warnings (or throw its errors): leave those to it.
  if (!isConfigQuiet(paths.topLevel)) return undefined;
  const logPath = join(paths.topLevel, '.ruru', 'sessions', mapped.id, 'session_log.md');
  let doc: LoadedSession['doc'];
  try {
    doc = parseSessionLog(utf8.decode(readRegularFile(logPath, { root: paths.topLevel })), logPath);
  } catch {
    return undefined;
  }
  if (!isMappedSessionCurrent(doc.meta.status, doc.meta.branch, mapped.branch)) return undefined;
  return { session: { id: mapped.id, logPath, doc }, history };
}

/**
 * `hookHealth`, from the facts gathered alongside discovery. Undefined when `core.hooksPath` comes from outside
 * the repository (the full command reports that problem).
 */
function checkHooks(
  repo: RepoContext,
  gitPathHooks: string | undefined,
  setting: HooksPathSetting | null,
  scripts: HookScripts,
): HookHealth | undefined {
  if (isForeignScope(setting)) return undefined;
  // `resolveHooksLayout` trims git's answer the same way.
  const hooksPath = gitPathHooks?.trim();
  if (!hooksPath) return undefined;
  return summarizeHooks(inspectHooks(repo, layoutFromHooksPath(setting, hooksPath, repo.topLevel), scripts));
}
