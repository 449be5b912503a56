import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ReadOnlyError, UsageError } from '@roo-session/core';
import writeFileAtomic from 'write-file-atomic';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a text file that must be UTF-8; invalid bytes are bad input (exit 2), never silently replaced. */
export function readUtf8(file: string): string {
  const bytes = readFileSync(file);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UsageError(
      `${file} is not valid UTF-8\nroo keeps every byte of a log, so it will not rewrite one it cannot decode; ` +
        're-save the file as UTF-8, then run `roo session check`',
    );
  }
}

/**
 * Whether roo may write into `dir`. Besides `access(W_OK)`, a folder whose owner-write bit is off counts as
 * read-only even for root: someone made it so on purpose, and roo must not write through that.
 */
export function assertWritable(dir: string): void {
  let readOnly = false;
  try {
    accessSync(dir, constants.W_OK);
    readOnly = (statSync(dir).mode & 0o200) === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    readOnly = true;
  }
  if (readOnly) {
    throw new ReadOnlyError(
      `${dir} is read-only, so roo cannot write the session there; nothing was changed\n` +
        `run \`chmod u+w ${dir}\` if roo should write there, then run the command again`,
    );
  }
}

/**
 * Replaces a file atomically (write to a temp file, fsync, rename): a crash leaves the old or the new bytes.
 * `durable: false` skips the fsync, for files that only cost time when lost (caches).
 */
export function writeTextAtomic(file: string, text: string, options: { durable?: boolean } = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, text, { encoding: 'utf8', fsync: options.durable ?? true });
}
