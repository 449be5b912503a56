/**
 * Whether a file name is the temp file of an atomic write that never finished (the process was killed between
 * writing and renaming): write-file-atomic names it `<file>.<n>`, `<n>` an unsigned 32-bit number in decimal, so
 * `session_log.md.3021589934` or `NOTE-plan-2611260912.md.17`. Such a file holds a partial copy of a session file:
 * roo never commits it, `roo session check` flags it, `roo doctor --fix` removes it.
 *
 * The part before the number must end in an extension with a letter (`.md`, `.txt`), so names like `v1.2.3` or
 * `notes.2024` are not taken for leftovers.
 */
export function isAtomicWriteLeftover(name: string): boolean {
  const m = /^.+\.[^./]*[A-Za-z][^./]*\.(\d{1,10})$/.exec(name);
  return m !== null && Number(m[1]) <= 0xffffffff;
}
