import { UsageError } from '@roo-session/core';
import type { GitRepo } from './GitRepo.js';
import { GitCommandError } from './runGit.js';
import { SESSIONS_PATH } from './sessionLogs.js';

/**
 * The git questions a reviewer or CI asks about a pull request: which base to compare with, which
 * session folders a range touched, which sessions its commits name in `Roo-Session:` trailers.
 */

/** The base a PR is compared with, and how it was chosen (for messages). */
export type BaseRef = { ref: string; source: 'origin/HEAD' | 'main' };

/**
 * The remote default branch (`refs/remotes/origin/HEAD` → its target, e.g. `origin/main`), else `main`.
 * Never fails: whether the answer exists is checked where it is used ({@link resolveCommitish}).
 */
export async function defaultBaseRef(repo: GitRepo): Promise<BaseRef> {
  // -q: exit 1 silently when origin/HEAD is not set (a clone made by an old git, or no remote at all).
  const r = await repo.run(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], { allowFail: true });
  const target = r.stdout.trim();
  if (r.exitCode === 0 && target.startsWith('refs/remotes/')) {
    return { ref: target.slice('refs/remotes/'.length), source: 'origin/HEAD' };
  }
  return { ref: 'main', source: 'main' };
}

/**
 * The commit `rev` names, or a UsageError (exit 2) that says what was given and what to run. `what` names the
 * option in the message (`--base`, `--changed-since`).
 */
export async function resolveCommitish(repo: GitRepo, rev: string, what: string): Promise<string> {
  if (rev === '' || rev.startsWith('-')) {
    throw new UsageError(
      `${what} ${JSON.stringify(rev)} is not a git revision\nrun with a branch name, e.g. ${what} origin/main`,
    );
  }
  // --verify: exactly one object or fail; ^{commit}: a tag or a tree-ish is not a base; --end-of-options: `rev`
  // is never read as an option.
  const r = await repo.run(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`], {
    allowFail: true,
  });
  if (r.exitCode !== 0) {
    throw new UsageError(
      `${what} ${rev}: no such commit in this repository\n` +
        `fetch it first (\`git fetch origin\`), or name an existing branch: \`git branch -a\` lists them`,
    );
  }
  return r.stdout.trim();
}

/** The session folder name of a path under `.ruru/sessions/`, or undefined. */
export function sessionIdOfPath(path: string): string | undefined {
  const prefix = `${SESSIONS_PATH}/`;
  if (!path.startsWith(prefix)) return undefined;
  const id = path.slice(prefix.length).split('/', 1)[0];
  // A file directly in .ruru/sessions (a README) is not a session folder.
  return id && path.length > prefix.length + id.length ? id : undefined;
}

/**
 * Session folders whose files differ between the merge base of `base` and `head` and `head`
 * (`git diff --name-only base...head -- .ruru/sessions`): what the range changed, not what `base` moved on to
 * meanwhile. Deleted folders are included (a caller that needs the files checks they exist).
 */
export async function sessionFoldersChangedSince(
  repo: GitRepo,
  base: string,
  head = 'HEAD',
): Promise<string[]> {
  let r: Awaited<ReturnType<GitRepo['run']>>;
  try {
    r = await repo.run([
      'diff',
      '--name-only',
      '-z',
      // Both sides of a rename are changed session folders.
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--end-of-options',
      `${base}...${head}`,
      '--',
      SESSIONS_PATH,
    ]);
  } catch (error) {
    if (error instanceof GitCommandError && /no merge base/i.test(error.stderr)) {
      throw new UsageError(
        `${base} and ${head} have no common history, so there is no range to look at\n` +
          'run again with a `--base` (or `--changed-since`) branch this one was made from',
        { cause: error },
      );
    }
    throw error;
  }
  return idsOf(r.stdout.split('\0'));
}

/** Session folders with uncommitted changes in this worktree (staged, unstaged or untracked files). */
export async function sessionFoldersChangedInWorktree(repo: GitRepo): Promise<string[]> {
  const r = await repo.run([
    // --no-optional-locks: a read must not take index.lock (a concurrent git command would fail on it).
    '--no-optional-locks',
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    // --no-renames: a rename shows both paths as separate entries, so both folders count.
    '--no-renames',
    '--',
    SESSIONS_PATH,
  ]);
  // Records: `XY <path>`; the path starts at offset 3.
  return idsOf(
    r.stdout
      .split('\0')
      .filter((record) => record.length > 3)
      .map((record) => record.slice(3)),
  );
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
export async function commitsInRange(repo: GitRepo, base: string, head = 'HEAD'): Promise<RangeCommit[]> {
  const r = await repo.run([
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

function idsOf(paths: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const path of paths) {
    const id = sessionIdOfPath(path);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}
