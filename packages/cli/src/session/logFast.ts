import { closeSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecordPayload } from '@roo-session/core/journal';
// Subpath imports, not the package indexes: the fast paths' bundle (bundle.mjs) must reach only what they run.
import { freeEntry, LOG_ENTRY_TYPES, type LogEntryType } from '@roo-session/core/log/entries';
import { readSessionMeta } from '@roo-session/core/log/parseSessionLog';
import { SessionStatus } from '@roo-session/core/status';
import { discoverRepoPaths, hasInterruptedCommit, type RepoPaths } from '@roo-session/git/discover';
import type { RooContext } from '../context.js';
import { assertNoLinkBelow, openRegularFile } from '../workspace/safeFiles.js';
import { isConfigQuiet, readMappedSession } from './currentFast.js';
import { appendJournalRecord } from './journalRecords.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The frontmatter must end within this many bytes of the log's start, or the full path answers. */
const HEAD_BYTES = 64 * 1024;

/**
 * The common case of `roo session log [--type <type>] [--] <message…>`, which agents run at every step: one
 * `git rev-parse`, then {@link recordEntryFast}. Its cost does not depend on the log's size (docs/performance.md).
 * Anything unusual returns false without writing, and the full command runs.
 */
export async function logEntryFast(argv: readonly string[], context: RooContext): Promise<boolean> {
  const parsed = parseLogArgs(argv);
  if (parsed === undefined) return false;
  const q = context.env.ROO_SESSION_ID;
  if (q !== undefined && q !== '') return false;
  const repo = await discoverRepoPaths(context.cwd, context.env as NodeJS.ProcessEnv);
  const id = recordEntryFast(repo, {
    at: context.now(),
    payload: { entry: freeEntry(parsed.type, parsed.message), type: parsed.type },
  });
  if (id === undefined) return false;
  context.stdout.write(`logged to ${id}\n`);
  return true;
}

/**
 * Records an entry for the active session of a worktree whose paths are already known, without starting git: the
 * HEAD file, the branch map entry, the first bytes of the log (its frontmatter) and one atomic append to the
 * journal. Shared by `roo session log`'s fast path and the MCP server's `log` tool (which discovers the paths
 * once for its lifetime). Returns the session ID.
 *
 * Answers only when the full path would do exactly the same: the branch map names a session of this worktree
 * whose frontmatter reads cleanly, is Active and is on the branch checked out, the config loads silently, and no
 * interrupted commit waits for repair. Anything else returns undefined without writing: the caller then takes the
 * full path (Workspace, SessionStore.resolve, recordEntry), which gives every message.
 */
export function recordEntryFast(
  repo: Pick<RepoPaths, 'topLevel' | 'gitDir' | 'commonDir'>,
  record: { at: Date; payload: RecordPayload },
): string | undefined {
  if (hasInterruptedCommit(repo.gitDir)) return undefined;
  if (!isConfigQuiet(repo.topLevel)) return undefined;
  const mapped = readMappedSession(repo);
  if (mapped === undefined) return undefined;
  const { branch, id } = mapped;
  const logPath = join(repo.topLevel, '.ruru', 'sessions', id, 'session_log.md');
  const head = readFrontmatterBytes(repo.topLevel, logPath);
  if (head === undefined) return undefined;
  try {
    const { meta } = readSessionMeta(utf8.decode(head), logPath);
    if (meta.status !== SessionStatus.Active || meta.branch !== branch) return undefined;
  } catch {
    return undefined;
  }
  appendJournalRecord(
    { commonDir: repo.commonDir, gitDir: repo.gitDir },
    { branch, session: id, at: record.at, payload: record.payload },
  );
  return id;
}

/** `[--type <t> | --type=<t>] [--] words…` (what the full command accepts in its plainest form), else undefined. */
function parseLogArgs(argv: readonly string[]): { type: LogEntryType; message: string } | undefined {
  let type: string = 'note';
  const words: string[] = [];
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (rest || !arg.startsWith('-') || arg === '-') {
      if (arg === '-') return undefined;
      words.push(arg);
      continue;
    }
    if (arg === '--') rest = true;
    else if (arg === '--type' && i + 1 < argv.length) type = argv[++i]!;
    else if (arg.startsWith('--type=')) type = arg.slice('--type='.length);
    else return undefined;
  }
  if (words.length === 0 || !(LOG_ENTRY_TYPES as readonly string[]).includes(type)) return undefined;
  return { type: type as LogEntryType, message: words.join(' ') };
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
