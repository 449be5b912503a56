import { closeSync, openSync, readSync } from 'node:fs';

/** How far back before the cursor {@link journalSightings} looks (about 25,000 hook lines). */
export const SIGHTING_WINDOW = 4 * 1024 * 1024;

/** Up to this many SHAs are looked for one by one; more in one pass over the lines. */
const FEW = 8;

/** The full SHAs of the commit lines (`c:`) and merge lines (`m:`) of a log, in log order. */
export function loggedCommitShas(entries: readonly { key: string | undefined }[]): string[] {
  const shas: string[] = [];
  for (const { key } of entries) {
    if (key !== undefined && (key.startsWith('c:') || key.startsWith('m:'))) shas.push(key.slice(2));
  }
  return shas;
}

/**
 * Which of `wanted` (SHA → is a merge commit) the journal names before byte `before`: a `commit` line or a
 * `rewrite` result for any commit, a `merge` line for a merge commit (after a fast-forward a `merge` line names
 * someone else's tip). The events before the cursor are held by the committed log, but the log in the tree may be
 * an older one (`git reset --hard` past a checkpoint): a commit the hooks saw then is not "from history". Reads
 * at most the last {@link SIGHTING_WINDOW} bytes before `before`, and only when something is wanted; a few SHAs
 * are byte searches (no line parsed but around a hit), more are one pass over the lines. A line cut at the
 * window's start cannot match (its fields are misaligned).
 */
export function journalSightings(
  file: string,
  before: number,
  wanted: ReadonlyMap<string, boolean>,
): Set<string> {
  const seen = new Set<string>();
  if (wanted.size === 0 || before <= 0) return seen;
  const from = Math.max(0, before - SIGHTING_WINDOW);
  const bytes = readBytes(file, from, before);
  if (wanted.size > FEW) {
    // Many (a long history no hook saw): one pass over the lines beats a byte search per SHA.
    for (const line of bytes.toString('utf8').split('\n')) {
      const fields = line.split('\t', 5);
      const sha = fields[4];
      if (fields[0] !== 'roo1' || sha === undefined) continue;
      const isMerge = wanted.get(sha);
      if (isMerge === undefined) continue;
      if (fields[1] === 'commit' || fields[1] === 'rewrite' || (fields[1] === 'merge' && isMerge))
        seen.add(sha);
    }
    return seen;
  }
  for (const [sha, isMerge] of wanted) {
    const needle = Buffer.from(sha, 'latin1');
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) {
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      const newline = bytes.indexOf(0x0a, at);
      if (newline === -1) break;
      // roo1 <TAB> kind <TAB> worktree <TAB> branch <TAB> sha …: the hit must be the line's own sha field.
      const fields = bytes.subarray(start, newline).toString('utf8').split('\t');
      const kind = fields[1];
      if (fields[0] !== 'roo1' || fields[4] !== sha) continue;
      if (kind === 'commit' || kind === 'rewrite' || (kind === 'merge' && isMerge)) {
        seen.add(sha);
        break;
      }
    }
  }
  return seen;
}

function readBytes(file: string, from: number, to: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const buf = Buffer.alloc(to - from);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
