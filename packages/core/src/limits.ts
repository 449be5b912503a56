/**
 * The most roo reads of one session file (a log or an artifact), from the working tree or from a git blob: 8 MiB.
 * A V7 log of a long session is a few hundred kB; repository content is hostile data, and anything past this cap
 * is refused by name (exit 3 for a file, an unreadable copy in a listing), never read into memory.
 */
export const MAX_SESSION_FILE_BYTES = 8 * 1024 * 1024;
