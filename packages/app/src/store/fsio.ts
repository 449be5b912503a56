import { accessSync, constants, lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { ReadOnlyError, UsageError } from '@roo-session/core';
import writeFileAtomic from 'write-file-atomic';
import { assertNoLinkBelow, type ReadRegularOptions, readRegularFile, symlinkError } from './safeFiles.js';

// ignoreBOM: keep a UTF-8 BOM in the text (the default strips it, and a rewrite would then drop it from the file).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a text file that must be UTF-8; invalid bytes are bad input (exit 2), never silently replaced. Bounded
 * like every read of repository content (`readRegularFile`: no symlink, no FIFO, at most 8 MiB).
 */
export function readUtf8(file: string, options: ReadRegularOptions = {}): string {
  const bytes = readRegularFile(file, options);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UsageError({
      what: `${file} is not valid UTF-8; roo keeps every byte of a log, so it will not rewrite one it cannot decode`,
      next: 'roo session check',
      hint: 'once the file is saved again as UTF-8',
    });
  }
}

/**
 * Whether roo may write into `dir`. Besides `access(W_OK)`, a folder whose owner-write bit is off counts as
 * read-only even for root: someone made it so on purpose, and roo must not write through that.
 */
export function assertWritable(dir: string): void {
  // A folder of repository content that is a symlink would take the write elsewhere (out of the repository).
  if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) throw symlinkError(dir);
  let readOnly = false;
  try {
    accessSync(dir, constants.W_OK);
    readOnly = (statSync(dir).mode & 0o200) === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    readOnly = true;
  }
  if (readOnly) {
    throw new ReadOnlyError({
      what: `${dir} is read-only, so roo cannot write the session there; nothing was changed`,
      next: `chmod u+w ${dir}`,
      hint: 'if roo should write there, then run the command again',
    });
  }
}

/**
 * Replaces a file atomically (write to a temp file, fsync, rename): a crash leaves the old or the new bytes.
 * `durable: false` skips the fsync, for files that only cost time when lost (caches).
 *
 * Never through a symlink: write-file-atomic would resolve one and replace the file it points to. The file itself
 * must not be a link, and a file inside a repository's `.ruru/` folder (repository content, which a teammate's
 * branch can fill with links) must have no link on its way down from the folder holding `.ruru`: a committed
 * `artifacts -> /home/you` would otherwise take the write out of the repository. Refused before anything is
 * created (exit 3).
 */
export function writeTextAtomic(file: string, text: string, options: { durable?: boolean } = {}): void {
  const at = file.lastIndexOf(`${sep}.ruru${sep}`);
  if (at > 0) {
    const root = file.slice(0, at);
    assertNoLinkBelow(root, file, (abs) => relative(root, abs).split(sep).join('/'));
  } else if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw symlinkError(file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, text, { encoding: 'utf8', fsync: options.durable ?? true });
}
