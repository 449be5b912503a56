import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, relative, sep } from 'node:path';
// Subpath imports: the fast paths (currentFast, statusFast) read logs through this module, and their bundle must
// reach only what they run.
import { DamagedStateError, UnsafeFileError } from '@roo-session/core/errors';
import { MAX_SESSION_FILE_BYTES } from '@roo-session/core/limits';
import { escapeTerminalLine } from '@roo-session/core/text';

// Repository content is hostile data (docs/architecture.md, "Reading repository content"): a teammate's branch can
// commit a symlink where a log belongs (to a file outside the repository, to /dev/zero), and a checkout can leave a
// FIFO or a folder there. Every read of a session file goes through here: no symlink is followed, only regular
// files are read, a FIFO or device is refused without blocking, and no read is larger than a fixed cap.

export { MAX_SESSION_FILE_BYTES };

// O_NOFOLLOW: a symlink as the last component fails with ELOOP instead of being followed. O_NONBLOCK: opening a
// FIFO for reading returns at once instead of waiting for a writer (it is then refused by its fstat); on a
// regular file it changes nothing.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** What a non-regular file is, in words: `a symbolic link`, `a folder`, `a FIFO`, `a device`, `a socket`. */
export function describeFileKind(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function linkTarget(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return '?';
  }
}

/** The error for a symbolic link met where roo reads or writes repository content. */
export function symlinkError(file: string, display = file): UnsafeFileError {
  const detail = `is a symbolic link (to ${escapeTerminalLine(linkTarget(file))})`;
  return new UnsafeFileError({
    what:
      `${escapeTerminalLine(display)} ${detail}; roo never reads or writes through a link in a session folder, ` +
      'so nothing was read or written there',
    next: 'roo session check',
    hint: 'to list such links, then replace each with a regular file (or `git rm` it)',
    detail,
  });
}

/** The error for a folder, FIFO, device or socket where roo expects a regular file. */
export function notRegularError(st: Stats, display: string): UnsafeFileError {
  const detail = `is ${describeFileKind(st)}, not a regular file`;
  return new UnsafeFileError({
    what: `${escapeTerminalLine(display)} ${detail}; roo reads only regular files there, so it was not read`,
    next: 'roo session check',
    hint: `to list such files, then move it aside (\`mv ${shellWord(display)} ${shellWord(`${display}.bak`)}\`)`,
    detail,
  });
}

export function tooLargeError(size: number | string, max: number, display: string): UnsafeFileError {
  const detail = `is ${size} bytes, more than the ${formatBytes(max)} roo reads of one session file`;
  return new UnsafeFileError({
    what: `${escapeTerminalLine(display)} ${detail}, so it was not read`,
    next: 'roo session check',
    hint: 'to list such files, then split or shorten it',
    detail,
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function shellWord(text: string): string {
  const line = escapeTerminalLine(text);
  return /^[\w@%+=:,./-]+$/.test(line) ? line : `'${line.replaceAll("'", "'\\''")}'`;
}

/**
 * Throws {@link UnsafeFileError} when any existing component of `path` strictly below `root` (the path itself
 * included) is a symbolic link. `root` is trusted (the repository's top level, which git reports as a real path);
 * everything under it is repository content. Components that do not exist end the walk: nothing below them can be
 * a link.
 */
export function assertNoLinkBelow(root: string, path: string, display?: (abs: string) => string): void {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..')) return;
  let current = root;
  for (const part of rel.split(sep)) {
    current = `${current}${sep}${part}`;
    const st = lstatSync(current, { throwIfNoEntry: false });
    if (st === undefined) return;
    if (st.isSymbolicLink()) throw symlinkError(current, display?.(current) ?? current);
  }
}

/**
 * Opens a regular file for reading without following a final symlink and without blocking on a FIFO. Missing
 * files throw the usual ENOENT error (callers decide what absent means); anything else that is not a regular file
 * throws {@link UnsafeFileError}. The caller closes the descriptor.
 */
export function openRegularFile(file: string, display = file): { fd: number; st: Stats } {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    // ELOOP: the last component is a symlink (O_NOFOLLOW); Linux says ELOOP, the BSDs EMLINK or EFTYPE.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK' || code === 'EFTYPE') throw symlinkError(file, display);
    throw error;
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw notRegularError(st, display);
  }
  return { fd, st };
}

/** Options of {@link readRegularFile}. */
export type ReadRegularOptions = {
  /** Refuse files larger than this (default {@link MAX_SESSION_FILE_BYTES}). */
  maxBytes?: number;
  /** How the file is named in an error (default its path). */
  display?: string;
  /** When given, no component between this folder and the file may be a symlink either. */
  root?: string;
};

/**
 * Reads a whole regular file of repository content, bounded: no symlink followed (with `root`, none on the way
 * there either), no FIFO or device read (refused without blocking), at most `maxBytes` (a file that grows past it
 * while being read is refused too). Missing files throw ENOENT; everything else refused is an
 * {@link UnsafeFileError} (exit 3) whose message names the file and what to run.
 */
export function readRegularFile(file: string, options: ReadRegularOptions = {}): Buffer {
  const max = options.maxBytes ?? MAX_SESSION_FILE_BYTES;
  const display = options.display ?? file;
  if (options.root !== undefined) {
    assertNoLinkBelow(options.root, dirname(file), (abs) =>
      options.display === undefined ? abs : relative(options.root!, abs).split(sep).join('/'),
    );
  }
  const { fd, st } = openRegularFile(file, display);
  try {
    if (st.size > max) throw tooLargeError(st.size, max, display);
    // One byte more than allowed: reading it proves the file grew past the cap while being read.
    let buffer = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.subarray(0, length);
      length += n;
      if (length > max) throw tooLargeError(`more than ${max}`, max, display);
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * roo's own state files under `<git-common-dir>/roo/` (the journal, a branch-map entry, a cursor) must be regular
 * files or absent: a folder there (left by a branch that shared a name prefix, or by hand) makes every write fail
 * and a FIFO makes it block. Throws {@link DamagedStateError} naming the file and `roo doctor --fix`, which moves
 * it aside; stat, not lstat: a link to a regular file is a setup someone chose.
 */
export function assertStateFile(file: string, what: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(file, { throwIfNoEntry: false });
  } catch {
    st = undefined;
  }
  if (st === undefined || st.isFile()) return;
  throw damagedStateError(file, what, st);
}

/** The error for roo's own state file replaced by a folder, FIFO or device. */
export function damagedStateError(file: string, what: string, st?: Stats): DamagedStateError {
  return new DamagedStateError({
    what:
      `${escapeTerminalLine(file)} is ${st === undefined ? 'not a regular file' : describeFileKind(st)}, ` +
      `where roo keeps ${what}; roo will not read or write it`,
    next: 'roo doctor --fix',
    hint: 'to move it aside, then run the command again',
  });
}
