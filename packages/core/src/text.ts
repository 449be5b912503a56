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
    throw new SessionLogParseError({
      file,
      line,
      detail: 'invalid UTF-8: the file must be saved as UTF-8 text',
    });
  }
}

// What a terminal may act on instead of printing: C0 controls (ESC starts CSI/OSC sequences, BEL, BS, a lone CR
// that returns to the start of the line), DEL, C1 controls (U+0080–U+009F: CSI is also U+009B), and the
// bidirectional overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069, and the marks
// U+200E, U+200F, U+061C). Tab and newline are kept by escapeTerminalText; CR only as part of CRLF.
const TERMINAL_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped here
  /\r(?!\n)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, plus every line break and tab
const LINE_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/**
 * Makes text from repository content (a log, a title, a file name) safe to print on a terminal: every character a
 * terminal would act on rather than show (escape sequences, C0/C1 controls, a lone CR, bidi overrides) becomes a
 * visible `\uXXXX` escape; tab, LF and CRLF stay. The escapes are JSON's own, so a JSON document passed through
 * this still parses to the same values (JSON.stringify has already escaped C0 characters inside strings).
 */
export function escapeTerminalText(text: string): string {
  TERMINAL_UNSAFE.lastIndex = 0;
  return TERMINAL_UNSAFE.test(text) ? text.replace(TERMINAL_UNSAFE, escapeChar) : text;
}

/**
 * {@link escapeTerminalText} for a value printed inside one line (an ID, a branch, a file name in a list row or a
 * finding): line breaks and tabs are escaped too (`\n`, `\r`, `\t`), so a value can never start a line of its own
 * and pass for roo's output (a forged finding, a forged row).
 */
export function escapeTerminalLine(text: string): string {
  LINE_UNSAFE.lastIndex = 0;
  return LINE_UNSAFE.test(text) ? text.replace(LINE_UNSAFE, escapeChar) : text;
}
