import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UnsafePathError } from '@roo-session/core/errors';

/**
 * Turns `folder` (absolute, or relative to `topLevel`) into the `/`-separated path git stores, relative to the
 * top of the worktree. Refuses anything that is the whole worktree, leaves it, or enters `.git`: committing
 * "the session folder" must never be able to mean more than one folder.
 */
export function toRepoPath(topLevel: string, folder: string): string {
  let rel = isAbsolute(folder) ? relative(topLevel, folder) : folder;
  if (isAbsolute(folder) && (rel.startsWith('..') || isAbsolute(rel))) {
    // git reports the real path of the worktree; the caller may have come through a symlink (macOS /tmp).
    rel = relative(topLevel, realpathOfNearest(folder));
  }
  const parts = rel.split(sep === '\\' ? /[\\/]/ : '/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.some((part) => part === '..' || part.toLowerCase() === '.git')) {
    throw new UnsafePathError({
      what: `refusing to commit ${JSON.stringify(folder)}: it is not a folder inside the worktree ${topLevel}`,
      hint: 'pass a session folder such as `.ruru/sessions/<ID>`',
    });
  }
  return parts.join('/');
}

/** Where session folders live in a tree and in a worktree (docs/formats.md). */
export const SESSIONS_PATH = '.ruru/sessions';

/** The session folder name of a repository path under `.ruru/sessions/`, or undefined. */
export function sessionIdOfPath(path: string): string | undefined {
  const prefix = `${SESSIONS_PATH}/`;
  if (!path.startsWith(prefix)) return undefined;
  const id = path.slice(prefix.length).split('/', 1)[0];
  // A file directly in .ruru/sessions (a README) is not a session folder.
  return id && path.length > prefix.length + id.length ? id : undefined;
}

/** The distinct session folders of `paths` (repository paths), in first-seen order. */
export function sessionIdsOfPaths(paths: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const path of paths) {
    const id = sessionIdOfPath(path);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

/** `refs/heads/<name>` for a short branch name; full ref names (`refs/…`) are returned as they are. */
export function toBranchRef(branch: string): string {
  return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}

/** The short name of a `refs/heads/` ref; other refs unchanged. */
export function shortBranchName(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}

/** The real path of `path`, resolving symlinks in the part of it that exists. */
function realpathOfNearest(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realpathOfNearest(parent), basename(path));
  }
}

/**
 * `git diff` options that list changed paths only, NUL-separated: both sides of a rename count as changed, and a
 * configured external diff or textconv (irrelevant to names, a process per file) is never run. End with
 * `--end-of-options`, so the revisions after them are never read as options.
 */
export const NAME_ONLY_DIFF_OPTIONS = [
  '--name-only',
  '-z',
  '--no-renames',
  '--no-ext-diff',
  '--no-textconv',
  '--end-of-options',
] as const;
