import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatFileBatch, parseCommit } from './catFileBatch.js';
import { toBranchRef } from './paths.js';
import { parseReflog, type ReflogEntry } from './porcelain.js';
import { runGit, streamGit } from './runGit.js';

/**
 * What the history readers need of a repository: where to run git and with which (cleaned) environment. A
 * `GitRepo` has it, and so has the `RepoPaths` of discovery, which lets `roo session status` read history without
 * loading GitRepo (SPEC 6's start-up budget).
 */
export type HistoryRepo = { readonly topLevel: string; readonly env: Record<string, string> };

/** One commit of a session branch's first-parent history (architecture: `HistoryCommit`). */
export type HistoryCommit = {
  sha: string;
  parents: string[];
  subject: string;
  committedAt: Date;
  /** roo's own commit: subject `session(<anything>): …` and a `Roo-Session` trailer. */
  isRoo: boolean;
  isMerge: boolean;
  /** For merges: how many commits the merge brought in (not counting the merge itself); 0 otherwise. */
  mergedCount: number;
};

/** Result of {@link GitRepo.sessionHistory}. */
export type SessionHistory = {
  /** The session's `session(<ID>): start` commit as it is now on the branch; null when not found. */
  startCommit: string | null;
  /** The start commit's first parent (what `base_commit` should say); null when not found or a root commit. */
  baseCommit: string | null;
  /** First-parent commits after the start commit, oldest first. */
  commits: HistoryCommit[];
};

/** Commit metadata from {@link GitRepo.commitInfo}. */
export type CommitInfo = { subject: string; committedAt: Date; parents: string[] };

const FIELD = '\x1e';
// %(trailers:…) prints the Roo-Session values only, comma-separated; the subject goes last because it is the
// only field that could in theory contain a separator character.
const LOG_FORMAT = `%H${FIELD}%P${FIELD}%ct${FIELD}%(trailers:key=Roo-Session,valueonly,separator=%x2C)${FIELD}%s`;
const ROO_SUBJECT = /^session\([^)]*\): /;

type LogRecord = { sha: string; parents: string[]; committedAt: Date; trailers: string[]; subject: string };

function parseLogRecord(record: string): LogRecord | undefined {
  const fields = record.replace(/^\n/, '').split(FIELD);
  if (fields.length < 5) return undefined;
  const [sha = '', parents = '', unix = '0', trailers = ''] = fields;
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    committedAt: new Date(Number(unix) * 1000),
    trailers: trailers
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== ''),
    subject: fields.slice(4).join(FIELD),
  };
}

/** SPEC 2.4. See {@link GitRepo.sessionHistory}. */
export async function sessionHistory(
  repo: HistoryRepo,
  options: { id: string; branch: string },
): Promise<SessionHistory> {
  const ref = toBranchRef(options.branch);
  const startSubject = `session(${options.id}): start`;
  const newestFirst: LogRecord[] = [];
  let start: LogRecord | undefined;
  const args = [
    'log',
    // Only the commits made on the branch: merges count as one commit, what they brought in is not walked.
    '--first-parent',
    '-z',
    // log.showSignature in the user's config would mix gpg output into stdout.
    '--no-show-signature',
    '--no-color',
    `--format=${LOG_FORMAT}`,
    '--end-of-options',
    ref,
    '--',
  ];
  // Read newest first and stop git as soon as the start commit is seen: cost follows the session's length,
  // not the repository's.
  const where = { cwd: repo.topLevel, env: repo.env };
  const { exitCode } = await streamGit(args, { ...where, allowFail: true, separator: 0 }, (text) => {
    const record = parseLogRecord(text);
    if (record === undefined) return true;
    if (record.subject === startSubject && record.trailers.includes(options.id)) {
      start = record;
      return false;
    }
    newestFirst.push(record);
    return true;
  });
  if (exitCode !== 0 || start === undefined) {
    // A branch that does not exist (deleted, not fetched) is "no history", like a missing start commit.
    if (exitCode !== 0 && (await refExists(where, ref))) {
      await runGit(args, where); // rethrows git's own error
    }
    return { startCommit: null, baseCommit: null, commits: [] };
  }
  const found: LogRecord = start;
  const commits: HistoryCommit[] = newestFirst.reverse().map((record) => ({
    sha: record.sha,
    parents: record.parents,
    subject: record.subject,
    committedAt: record.committedAt,
    isRoo: ROO_SUBJECT.test(record.subject) && record.trailers.length > 0,
    isMerge: record.parents.length > 1,
    mergedCount: 0,
  }));
  const merges = commits.filter((commit) => commit.isMerge);
  // A few git processes at a time: a long-lived branch can have many merges from main.
  const workers = Array.from({ length: Math.min(4, merges.length) }, async () => {
    for (let commit = merges.shift(); commit !== undefined; commit = merges.shift()) {
      // Commits reachable from the merge but not from its first parent, minus the merge itself.
      const counted = await runGit(['rev-list', '--count', commit.sha, `^${commit.parents[0]}`, '--'], where);
      commit.mergedCount = Math.max(0, Number(counted.stdout.trim()) - 1);
    }
  });
  await Promise.all(workers);
  return { startCommit: found.sha, baseCommit: found.parents[0] ?? null, commits };
}

async function refExists(where: { cwd: string; env: Record<string, string> }, ref: string): Promise<boolean> {
  // --end-of-options: a ref that starts with `-` is never taken for an option.
  const args = ['rev-parse', '--verify', '-q', '--end-of-options', ref];
  return (await runGit(args, { ...where, allowFail: true })).exitCode === 0;
}

/** See {@link GitRepo.commitInfo}. */
export async function commitInfo(
  repo: HistoryRepo,
  shas: Iterable<string>,
): Promise<Map<string, CommitInfo>> {
  const result = new Map<string, CommitInfo>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return result;
  const batch = new CatFileBatch(repo.topLevel, repo.env);
  try {
    const objects = await Promise.all(unique.map((sha) => batch.get(sha)));
    objects.forEach((object, i) => {
      const sha = unique[i];
      if (object === null || object.type !== 'commit' || sha === undefined) return;
      const { subject, committedAt, parents } = parseCommit(object.data);
      result.set(sha, { subject, committedAt, parents });
    });
  } finally {
    await batch.close();
  }
  return result;
}

/**
 * The HEAD reflog of the worktree whose git directory is `gitDir`, oldest first, read straight from
 * `<gitDir>/logs/HEAD` (a plain text file git appends to: reading it costs no process). Empty when there is none
 * (reflogs disabled, fresh worktree).
 */
export function readHeadReflog(gitDir: string): ReflogEntry[] {
  let text: string;
  try {
    // Synchronous: node:fs/promises alone costs ~2 ms to load, a tenth of `roo session status`'s budget.
    text = readFileSync(join(gitDir, 'logs', 'HEAD'), 'utf8');
  } catch {
    return [];
  }
  return parseReflog(text);
}
