import { SessionLogParseError } from './errors.js';

/**
 * Makes text safe for one log line: every line break (CR, LF, U+2028/U+2029, NEL) and the whitespace around it
 * becomes one space, other control characters become spaces. A log entry is one line; the exact text, newlines
 * included, stays in the frontmatter (`title`) where TOML escapes it.
 */
export function toSingleLine(text: string): string {
  return (
    text
      .replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029\u0085])[ \t\r\n\u2028\u2029\u0085]*/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would break the line
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ')
  );
}

/**
 * Decodes UTF-8 strictly: a session file with invalid bytes is refused, not silently "repaired" with U+FFFD
 * (a rewrite would then destroy the original bytes).
 *
 * @throws SessionLogParseError naming the line of the first invalid byte.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD; the lines before it locate it.
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, Math.max(bad, 0)).split('\n').length;
    throw new SessionLogParseError(file, line, 'invalid UTF-8: the file must be saved as UTF-8 text');
  }
}
