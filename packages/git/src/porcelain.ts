/**
 * One path `git status` reports. `index` and `worktree` are the two status letters (`X`, `Y`) of porcelain v1:
 * `M`odified, `A`dded, `D`eleted, `R`enamed, `C`opied, `U`nmerged, `?` untracked, ` ` unchanged.
 */
export type DirtyPath = {
  /** Path relative to the top of the worktree, `/`-separated, exactly as stored (no quoting). */
  path: string;
  /** For renames and copies: the path it came from. */
  origPath?: string;
  index: string;
  worktree: string;
  isUntracked: boolean;
};

/** Parses `git status --porcelain=v1 -z`: `XY <path>\0`, and for renames/copies `XY <to>\0<from>\0`. */
export function parseStatusZ(output: string): DirtyPath[] {
  const fields = output.split('\0');
  const result: DirtyPath[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === undefined || field.length < 4) continue;
    const index = field.charAt(0);
    const worktree = field.charAt(1);
    const path = field.slice(3);
    const entry: DirtyPath = { path, index, worktree, isUntracked: index === '?' };
    // With -z the source of a rename/copy is the next NUL field (not " -> " as in the human format).
    if (index === 'R' || index === 'C' || worktree === 'R' || worktree === 'C') {
      const from = fields[++i];
      if (from !== undefined) entry.origPath = from;
    }
    result.push(entry);
  }
  return result;
}

/** One worktree of the repository, from `git worktree list --porcelain -z`. */
export type WorktreeInfo = {
  /** Absolute path of the worktree's top folder. */
  path: string;
  /** Its own git directory, when it could be found (the main worktree's is the common dir). */
  gitDir?: string;
  /** Short branch name checked out there; null when detached (or bare). */
  branch: string | null;
  /** Commit checked out; null on an unborn branch. */
  head: string | null;
  isMain: boolean;
  isBare: boolean;
  isLocked: boolean;
  isPrunable: boolean;
};

const ZERO_SHA = /^0+$/;

/**
 * Parses `git worktree list --porcelain -z`: attribute lines (`worktree <path>`, `HEAD <sha>`,
 * `branch <ref>`, `detached`, `bare`, `locked [reason]`, `prunable [reason]`) each ended by NUL, records
 * separated by an empty field. The first record is the main worktree.
 */
export function parseWorktreeListZ(output: string): WorktreeInfo[] {
  const result: WorktreeInfo[] = [];
  let current: WorktreeInfo | undefined;
  for (const field of output.split('\0')) {
    if (field === '') {
      current = undefined;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      current = {
        path: value,
        branch: null,
        head: null,
        isMain: result.length === 0,
        isBare: false,
        isLocked: false,
        isPrunable: false,
      };
      result.push(current);
      continue;
    }
    if (current === undefined) continue;
    if (key === 'HEAD') current.head = ZERO_SHA.test(value) ? null : value;
    else if (key === 'branch') current.branch = value.startsWith('refs/heads/') ? value.slice(11) : value;
    else if (key === 'bare') current.isBare = true;
    else if (key === 'locked') current.isLocked = true;
    else if (key === 'prunable') current.isPrunable = true;
  }
  return result;
}

/** One line of a reflog: HEAD went from `old` to `new` at `date` because of `message`. */
export type ReflogEntry = { old: string; new: string; date: Date; message: string };

const REFLOG_LINE = /^([0-9a-f]+) ([0-9a-f]+) .*> (\d+) [+-]\d{4}$/;

/**
 * Parses a reflog file (`<gitDir>/logs/HEAD`): `<old> <new> <name> <<email>> <unix> <tz>\t<message>` per line,
 * oldest first. Malformed lines are skipped.
 */
export function parseReflog(text: string): ReflogEntry[] {
  const result: ReflogEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const head = tab === -1 ? line : line.slice(0, tab);
    const match = REFLOG_LINE.exec(head);
    if (!match) continue;
    const [, oldSha, newSha, unix] = match;
    if (oldSha === undefined || newSha === undefined || unix === undefined) continue;
    result.push({
      old: oldSha,
      new: newSha,
      date: new Date(Number(unix) * 1000),
      message: tab === -1 ? '' : line.slice(tab + 1),
    });
  }
  return result;
}
