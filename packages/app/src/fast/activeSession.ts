import { closeSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Subpath imports, not the package indexes: the fast paths' bundle (packages/cli/bundle.mjs) must reach only the
// modules they run, and an index reaches every module of its package.
import { parseConfig, renderDefaultConfig } from '@roo-session/core/config';
import type { RecordPayload } from '@roo-session/core/journal';
import { readSessionMeta } from '@roo-session/core/log/parseSessionLog';
import { isMappedSessionCurrent } from '@roo-session/core/whichSession';
import type { RepoContext } from '@roo-session/git';
import { hasInterruptedCommit, readHeadBranch } from '@roo-session/git/discover';
import { appendJournalRecord } from '../store/journalRecords.js';
import { assertNoLinkBelow, openRegularFile, readRegularFile } from '../store/safeFiles.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The frontmatter must end within this many bytes of the log's start, or the full path answers. */
const HEAD_BYTES = 64 * 1024;

/**
 * The start-up fast paths' view of "which session" (docs/git-design.md, "Which session"): the session the branch
 * map names for the branch checked out, when its log says it is Active on that branch — the first answer of the
 * full rule (`pickBranchSession`), found with a few file reads and no git process. Undefined whenever the full
 * path might answer differently or say something: an interrupted commit waiting for repair, a config with warnings,
 * no map entry, a detached or unreadable HEAD, a log that is unreadable, a link, or not Active on this branch.
 */
export function readActiveSessionFast(
  repo: Pick<RepoContext, 'topLevel' | 'gitDir' | 'commonDir'>,
): { branch: string; id: string; logPath: string } | undefined {
  if (hasInterruptedCommit(repo.gitDir)) return undefined;
  if (!isConfigQuiet(repo.topLevel)) return undefined;
  return readMappedActiveSession(repo);
}

/**
 * The session the branch map names for the branch checked out, when the first bytes of its log (the frontmatter)
 * say it is Active on that branch; undefined otherwise. What the agent hooks record to, whatever the config says.
 */
export function readMappedActiveSession(
  repo: Pick<RepoContext, 'topLevel' | 'gitDir' | 'commonDir'>,
): { branch: string; id: string; logPath: string } | undefined {
  const mapped = readMappedSession(repo);
  if (mapped === undefined) return undefined;
  const logPath = join(repo.topLevel, '.ruru', 'sessions', mapped.id, 'session_log.md');
  const head = readFrontmatterBytes(repo.topLevel, logPath);
  if (head === undefined) return undefined;
  try {
    const { meta } = readSessionMeta(utf8.decode(head), logPath);
    if (!isMappedSessionCurrent(meta.status, meta.branch, mapped.branch)) return undefined;
  } catch {
    return undefined;
  }
  return { ...mapped, logPath };
}

/**
 * Records an entry for the active session of a worktree whose paths are already known, without starting git: the
 * session as {@link readActiveSessionFast} finds it, then one atomic append to the journal. Shared by
 * `roo session log`'s fast path, the MCP server's `log` tool and the agent prompt hook. Returns the session ID, or
 * undefined without writing: the caller then takes the full path, which gives every message.
 */
export function recordEntryFast(
  repo: Pick<RepoContext, 'topLevel' | 'gitDir' | 'commonDir'>,
  record: { at: Date; payload: RecordPayload },
): string | undefined {
  const active = readActiveSessionFast(repo);
  if (active === undefined) return undefined;
  appendJournalRecord(
    { commonDir: repo.commonDir, gitDir: repo.gitDir },
    { branch: active.branch, session: active.id, at: record.at, payload: record.payload },
  );
  return active.id;
}

/**
 * Whether `Workspace.open` would load `.ruru/config.toml` silently: absent, or parsed without warnings. When it
 * would note warnings (or throw errors), a fast path leaves the run to it.
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
  repo: Pick<RepoContext, 'gitDir' | 'commonDir'>,
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

/**
 * The log's bytes up to the end of its `+++` frontmatter, reading at most HEAD_BYTES; undefined if not there, or
 * if the log is a link, a FIFO or anything but a regular file (safeFiles.ts: the full command then refuses it).
 */
export function readFrontmatterBytes(topLevel: string, file: string): Buffer | undefined {
  let fd: number;
  try {
    assertNoLinkBelow(topLevel, dirname(file));
    fd = openRegularFile(file).fd;
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    const text = buf.subarray(0, n);
    const open = text.indexOf('+++');
    if (open < 0) return undefined;
    const close = text.indexOf('\n+++', open + 3);
    if (close < 0) return undefined;
    const eol = text.indexOf('\n', close + 4);
    return eol < 0 ? undefined : text.subarray(0, eol + 1);
  } finally {
    closeSync(fd);
  }
}
