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
    throw new UnsafePathError(
      `refusing to commit ${JSON.stringify(folder)}: it is not a folder inside the worktree ${topLevel}; ` +
        'pass a session folder such as `.ruru/sessions/<ID>`',
    );
  }
  return parts.join('/');
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
