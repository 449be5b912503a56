import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '@roo-session/core/errors';
import { CatFileBatch, parseCommit } from './catFileBatch.js';
import { NAME_ONLY_DIFF_OPTIONS, SESSIONS_PATH, sessionIdsOfPaths, toBranchRef } from './paths.js';
import { parseReflog, type ReflogEntry } from './porcelain.js';
import { revParse } from './refs.js';
import type { RepoContext } from './repoContext.js';
import { GitCommandError, runGitIn, streamGit } from './runGit.js';

/*
 * History: a session's commits on its branch (followed through rebases and renames), commit metadata, the
 * reflogs, what a reset left behind, and the commits and session folders of a pull request's range. Nothing here
 * loads simple-git or the commit code, so `roo session status` reads history within its start-up budget
 * (docs/performance.md).
 */

/** One commit of a session branch's first-parent history (architecture: `HistoryCommit`). */
export type HistoryCommit = {
  sha: string;
  parents: string[];
  subject: string;
  committedAt: Date;
  /** roo's own commit of this session: subject `session(<ID>): …` and a `Roo-Session: <ID>` trailer. */
  isRoo: boolean;
  /**
   * Who wrote it and when (`<author email> <author unix time>`): amend, rebase and cherry-pick keep it, so it
   * pairs a rewritten commit with its original when no hook saw the rewrite.
   */
  author: string;
  isMerge: boolean;
  /** For merges: how many commits the merge brought in (not counting the merge itself); 0 otherwise. */
  mergedCount: number;
};

/** Result of {@link sessionHistory}. */
export type SessionHistory = {
  /** The session's `session(<ID>): start` commit as it is now on the branch; null when not found. */
  startCommit: string | null;
  /** The start commit's first parent (what `base_commit` should say); null when not found or a root commit. */
  baseCommit: string | null;
  /** First-parent commits after the start commit, oldest first. */
  commits: HistoryCommit[];
};

/** Commit metadata from {@link commitInfo}. */
export type CommitInfo = { subject: string; committedAt: Date; parents: string[]; author: string };

const FIELD = '\x1e';
// %(trailers:…) prints the Roo-Session values only, comma-separated; the subject goes last because it is the
// only field that could in theory contain a separator character.
const LOG_FORMAT = `%H${FIELD}%P${FIELD}%ct${FIELD}%ae %at${FIELD}%(trailers:key=Roo-Session,valueonly,separator=%x2C)${FIELD}%s`;

type LogRecord = {
  sha: string;
  parents: string[];
  committedAt: Date;
  author: string;
  trailers: string[];
  subject: string;
};

function parseLogRecord(record: string): LogRecord | undefined {
  const fields = record.replace(/^\n/, '').split(FIELD);
  if (fields.length < 6) return undefined;
  const [sha = '', parents = '', unix = '0', author = '', trailers = ''] = fields;
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    committedAt: new Date(Number(unix) * 1000),
    author,
    trailers: trailers
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== ''),
    subject: fields.slice(5).join(FIELD),
  };
}

/**
 * roo's own commit of session `id` (docs/journal.md): subject `session(<ID>): <event>` and a `Roo-Session: <ID>`
 * trailer. A user's `session(api): fix` is work, and so is another session's commit.
 */
export function isOwnRooCommit(id: string, subject: string, trailers: readonly string[]): boolean {
  return subject.startsWith(`session(${id}): `) && trailers.includes(id);
}

/**
 * docs/journal.md: the session's start commit on `branch` (short name, or a full ref such as
 * `refs/remotes/origin/session/X`), found by subject `session(<id>): start` and trailer `Roo-Session: <id>` on
 * the first-parent history (so again after a rebase), and the first-parent commits after it, oldest first.
 * Not found (or no such branch): `startCommit` null and no commits.
 */
export async function sessionHistory(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
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
    if (exitCode !== 0 && (await revParse(repo, ref)) !== undefined) {
      await runGitIn(repo, args); // rethrows git's own error
    }
    return { startCommit: null, baseCommit: null, commits: [] };
  }
  const found: LogRecord = start;
  const commits: HistoryCommit[] = newestFirst.reverse().map((record) => ({
    sha: record.sha,
    parents: record.parents,
    subject: record.subject,
    committedAt: record.committedAt,
    isRoo: isOwnRooCommit(options.id, record.subject, record.trailers),
    author: record.author,
    isMerge: record.parents.length > 1,
    mergedCount: 0,
  }));
  const merges = commits.filter((commit) => commit.isMerge);
  // A few git processes at a time: a long-lived branch can have many merges from main.
  const workers = Array.from({ length: Math.min(4, merges.length) }, async () => {
    for (let commit = merges.shift(); commit !== undefined; commit = merges.shift()) {
      // Commits reachable from the merge but not from its first parent, minus the merge itself.
      const counted = await runGitIn(repo, [
        'rev-list',
        '--count',
        commit.sha,
        `^${commit.parents[0]}`,
        '--',
      ]);
      commit.mergedCount = Math.max(0, Number(counted.stdout.trim()) - 1);
    }
  });
  await Promise.all(workers);
  return { startCommit: found.sha, baseCommit: found.parents[0] ?? null, commits };
}

/** Subject, committer date, parents and author of each commit in one `cat-file --batch`; unknown ids are left out. */
export async function commitInfo(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  shas: Iterable<string>,
): Promise<Map<string, CommitInfo>> {
  const result = new Map<string, CommitInfo>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return result;
  const batch = new CatFileBatch(repo);
  try {
    const objects = await Promise.all(unique.map((sha) => batch.get(sha)));
    objects.forEach((object, i) => {
      const sha = unique[i];
      if (object === null || object.type !== 'commit' || sha === undefined) return;
      const { subject, committedAt, parents } = parseCommit(object.data);
      result.set(sha, { subject, committedAt, parents, author: authorOf(object.data) });
    });
  } finally {
    await batch.close();
  }
  return result;
}

/** `<author email> <author unix time>` of a raw commit object, as `%ae %at` prints it ('' when unreadable). */
function authorOf(data: Buffer): string {
  const end = data.indexOf('\n\n');
  const header = data.subarray(0, end === -1 ? data.length : end).toString('utf8');
  const match = /^author [^\n]*<([^>\n]*)> (\d+) [+-]\d{4}$/m.exec(header);
  return match ? `${match[1]} ${match[2]}` : '';
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

/**
 * The reflog of branch `branch` (`<common>/logs/refs/heads/<branch>`), oldest first; empty when there is none.
 * It says how the branch moved: `reset: moving to …`, `rebase (finish): …`, `merge x: Fast-forward`,
 * `Branch: renamed refs/heads/a to refs/heads/b` (the reflog moves with a renamed branch).
 */
export function readBranchReflog(commonDir: string, branch: string): ReflogEntry[] {
  let text: string;
  try {
    text = readFileSync(join(commonDir, 'logs', toBranchRef(branch)), 'utf8');
  } catch {
    return [];
  }
  return parseReflog(text);
}

const RENAMED = /^Branch: renamed refs\/heads\/(.+) to refs\/heads\/(.+)$/;

/** The names a branch had before `git branch -m` gave it its current one, from its reflog (newest first). */
export function formerBranchNames(reflog: readonly ReflogEntry[], branch: string): string[] {
  const names: string[] = [];
  let current = branch;
  for (let i = reflog.length - 1; i >= 0; i--) {
    const match = RENAMED.exec(reflog[i]!.message);
    if (
      match?.[2] === current &&
      match[1] !== undefined &&
      !names.includes(match[1]) &&
      match[1] !== branch
    ) {
      names.push(match[1]);
      current = match[1];
    }
  }
  return names;
}

/**
 * The branch `old` was renamed to (`git branch -m`), found in the reflogs of the local branches (the renamed
 * branch's reflog holds `Branch: renamed refs/heads/<old> to refs/heads/<new>`); undefined when none holds it
 * (reflogs off, or the branch was deleted). Reads one small file per local branch, no git process.
 */
export function findRenamedBranch(commonDir: string, old: string): string | undefined {
  const root = join(commonDir, 'logs', 'refs', 'heads');
  const needle = `\tBranch: renamed refs/heads/${old} to refs/heads/`;
  let best: { name: string; at: number } | undefined;
  const walk = (dir: string, prefix: string): void => {
    let names: Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        walk(join(dir, entry.name), `${name}/`);
        continue;
      }
      if (name === old) continue;
      let text: string;
      try {
        text = readFileSync(join(dir, entry.name), 'utf8');
      } catch {
        continue;
      }
      const at = text.lastIndexOf(needle);
      if (at === -1) continue;
      // Several branches once named `old` (renamed away, recreated, renamed again): the latest rename wins.
      const line = text.slice(text.lastIndexOf('\n', at) + 1, at);
      const when = Number(/ (\d+) [+-]\d{4}$/.exec(line)?.[1] ?? 0);
      if (best === undefined || when >= best.at) best = { name, at: when };
    }
  };
  walk(root, '');
  return best?.name;
}

/**
 * The local branches holding session `id`'s start commit (`session(<ID>): start` with a `Roo-Session: <ID>`
 * trailer), for a session branch renamed with reflogs off. One `rev-list` over the local branches and one
 * `for-each-ref --contains`: run only when the recorded branch is gone.
 */
export async function branchesWithSessionStart(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  id: string,
): Promise<string[]> {
  const found = await runGitIn(
    repo,
    [
      'log',
      '--branches',
      '--no-show-signature',
      '--fixed-strings',
      `--grep=session(${id}): start`,
      `--format=%H${FIELD}%(trailers:key=Roo-Session,valueonly,separator=%x2C)${FIELD}%s`,
      '--',
    ],
    { allowFail: true },
  );
  if (found.exitCode !== 0) return [];
  const start = found.stdout
    .split('\n')
    .map((line) => line.split(FIELD))
    .find(
      ([, trailers = '', subject = '']) =>
        subject === `session(${id}): start` &&
        trailers
          .split(',')
          .map((v) => v.trim())
          .includes(id),
    )?.[0];
  if (start === undefined) return [];
  const refs = await runGitIn(
    repo,
    ['for-each-ref', '--format=%(refname:short)', `--contains=${start}`, 'refs/heads/'],
    { allowFail: true },
  );
  return refs.exitCode === 0 ? refs.stdout.split('\n').filter((name) => name !== '') : [];
}

/** {@link sessionHistory} of the branch the session is on now, with what the fold reads of that branch. */
export type ResolvedSessionHistory = SessionHistory & {
  /** The branch read: the recorded one, or the name it was renamed to. */
  branch: string;
  /** Names the branch had before (`git branch -m`), newest first: journal events may carry them. */
  formerBranches: string[];
  /** The branch's reflog, oldest first. */
  branchReflog: ReflogEntry[];
};

/**
 * The history of session `id` on `branch`, following a rename (`git branch -m`) when the branch has no start
 * commit: to the branch whose reflog records the rename, else (`searchStart`: a session still Active, whose
 * branch a fast-forward could not have taken over) a local branch holding the session's start commit. `started`
 * is the history of `branch` when the caller already started reading it.
 */
export async function resolveSessionHistory(
  repo: Pick<RepoContext, 'topLevel' | 'env' | 'commonDir'>,
  options: { id: string; branch: string; searchStart?: boolean },
  started?: Promise<SessionHistory>,
): Promise<ResolvedSessionHistory> {
  let branch = options.branch;
  let history = await (started ?? sessionHistory(repo, options));
  if (history.startCommit === null) {
    const renamed = findRenamedBranch(repo.commonDir, branch);
    const candidates =
      renamed !== undefined
        ? [renamed]
        : options.searchStart && (await revParse(repo, toBranchRef(branch))) === undefined
          ? await branchesWithSessionStart(repo, options.id)
          : [];
    for (const candidate of candidates) {
      if (candidate === branch) continue;
      const found = await sessionHistory(repo, { id: options.id, branch: candidate });
      if (found.startCommit !== null) {
        branch = candidate;
        history = found;
        break;
      }
    }
  }
  const branchReflog = readBranchReflog(repo.commonDir, branch);
  return { ...history, branch, formerBranches: formerBranchNames(branchReflog, branch), branchReflog };
}

/** At most this many commits are read behind the resets of one fold (a reset to unrelated history, say). */
const LEFT_BEHIND_LIMIT = 2000;

/**
 * For each commit of `olds` (where resets moved the branch away from): the commits of its first-parent chain
 * that `tip` does not reach, oldest first, as {@link HistoryCommit}s (`isRoo` for session `id`). One `git log`
 * for all of them; the chains are walked in memory.
 */
export async function commitsLeftBehind(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  id: string,
  olds: readonly string[],
  tip: string,
): Promise<Map<string, HistoryCommit[]>> {
  const result = new Map<string, HistoryCommit[]>();
  if (olds.length === 0) return result;
  const r = await runGitIn(
    repo,
    [
      'log',
      '-z',
      '--no-show-signature',
      '--no-color',
      `--max-count=${LEFT_BEHIND_LIMIT}`,
      `--format=${LOG_FORMAT}`,
      '--end-of-options',
      ...olds,
      `^${tip}`,
      '--',
    ],
    { allowFail: true },
  );
  // An old commit git no longer has (gc'd) leaves nothing to say about it.
  if (r.exitCode !== 0) return result;
  const bySha = new Map<string, HistoryCommit>();
  for (const text of r.stdout.split('\0')) {
    const record = parseLogRecord(text);
    if (record === undefined) continue;
    bySha.set(record.sha, {
      sha: record.sha,
      parents: record.parents,
      subject: record.subject,
      committedAt: record.committedAt,
      isRoo: isOwnRooCommit(id, record.subject, record.trailers),
      author: record.author,
      isMerge: record.parents.length > 1,
      mergedCount: 0,
    });
  }
  for (const old of olds) {
    const chain: HistoryCommit[] = [];
    for (let commit = bySha.get(old); commit !== undefined; commit = bySha.get(commit.parents[0] ?? '')) {
      if (chain.includes(commit)) break;
      chain.push(commit);
    }
    result.set(old, chain.reverse());
  }
  return result;
}

/**
 * Session folders whose files differ between the merge base of `base` and `head` and `head`
 * (`git diff --name-only base...head -- .ruru/sessions`): what the range changed, not what `base` moved on to
 * meanwhile. Deleted folders are included (a caller that needs the files checks they exist).
 */
export async function sessionFoldersChangedSince(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  base: string,
  head = 'HEAD',
): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await runGitIn(repo, [
      'diff',
      ...NAME_ONLY_DIFF_OPTIONS,
      `${base}...${head}`,
      '--',
      SESSIONS_PATH,
    ]));
  } catch (error) {
    if (error instanceof GitCommandError && /no merge base/i.test(error.stderr)) {
      throw new UsageError({
        what: `${base} and ${head} have no common history, so there is no range to look at`,
        hint: 'run the command again with a `--base` (or `--changed-since`) branch this one was made from',
        cause: error,
      });
    }
    throw error;
  }
  return sessionIdsOfPaths(stdout.split('\0'));
}

/** A commit of a range with the sessions its `Roo-Session:` trailers name. */
export type RangeCommit = {
  sha: string;
  subject: string;
  committedAt: Date;
  sessionIds: string[];
  /** A merge commit (two or more parents): what it brought is not work of the branch's session. */
  merge: boolean;
};

/**
 * The commits of `base..head`, oldest first, each with the session IDs its `Roo-Session:` trailers name (what a
 * squash-merged or rebased PR still carries). Values that are not a single token are ignored.
 */
export async function commitsInRange(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  base: string,
  head = 'HEAD',
): Promise<RangeCommit[]> {
  const r = await runGitIn(repo, [
    'log',
    '--reverse',
    // One record per commit (RS), fields split by NUL; trailer values one per line, folded lines unfolded.
    '--format=%x1e%H%x00%P%x00%ct%x00%s%x00%(trailers:key=Roo-Session,valueonly,unfold)',
    '--end-of-options',
    `${base}..${head}`,
    '--',
  ]);
  const commits: RangeCommit[] = [];
  for (const record of r.stdout.split('\x1e')) {
    const [sha, parents, unix, subject, trailers] = record.split('\0');
    if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) continue;
    const ids = new Set<string>();
    for (const value of (trailers ?? '').split('\n')) {
      const id = value.trim();
      if (/^[^\s/\\]+$/.test(id)) ids.add(id);
    }
    commits.push({
      sha,
      subject: subject ?? '',
      committedAt: new Date(Number(unix || 0) * 1000),
      sessionIds: [...ids],
      merge: (parents ?? '').trim().split(' ').length > 1,
    });
  }
  return commits;
}
