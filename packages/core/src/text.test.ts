import { describe, expect, it } from 'vitest';
import { SessionLogParseError } from './errors.js';
import { decodeUtf8, escapeTerminalLine, escapeTerminalText, toSingleLine } from './text.js';

describe('decodeUtf8', () => {
  it('decodes UTF-8 and keeps a BOM', () => {
    expect(decodeUtf8(new TextEncoder().encode('\uFEFFé🟢\n'), 'f')).toBe('\uFEFFé🟢\n');
  });

  it('refuses invalid bytes, naming the line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('+++\na = 1\n'), 0xff, 0x0a]);
    try {
      decodeUtf8(bytes, 'x/session_log.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SessionLogParseError);
      expect((error as SessionLogParseError).line).toBe(3);
      expect((error as SessionLogParseError).message).toMatch(/x\/session_log\.md:3: invalid UTF-8/);
    }
  });
});

describe('toSingleLine', () => {
  it('turns every line break into one space and control characters into spaces', () => {
    expect(toSingleLine('a\r\nb\rc\nd\u2028e\u2029f\u0085g')).toBe('a b c d e f g');
    expect(toSingleLine('a \n\n  b')).toBe('a b');
    expect(toSingleLine('a\u0000b\u001bc\td')).toBe('a b c\td');
  });
});

describe('escapeTerminalText', () => {
  it('escapes escape sequences, C0/C1 controls, a lone CR and bidi overrides, visibly', () => {
    expect(escapeTerminalText('a\u001b[31mred\u001b[0m')).toBe('a\\u001b[31mred\\u001b[0m');
    // OSC 52 (write the clipboard) and OSC 8 (hyperlink), BEL- and ST-terminated.
    expect(escapeTerminalText('\u001b]52;c;ZXZpbA==\u0007')).toBe('\\u001b]52;c;ZXZpbA==\\u0007');
    expect(escapeTerminalText('\u001b]8;;http://x\u001b\\')).toBe('\\u001b]8;;http://x\\u001b\\');
    // C1: CSI as one code point, NEL; DEL; backspace; a CR that would overwrite the line.
    expect(escapeTerminalText('\u009b2J\u0085\u007f\b')).toBe('\\u009b2J\\u0085\\u007f\\u0008');
    expect(escapeTerminalText('ok\rFAKE')).toBe('ok\\rFAKE');
    // Trojan-source bidi controls.
    expect(escapeTerminalText('a\u202Eb\u2066c\u2069\u200F')).toBe('a\\u202eb\\u2066c\\u2069\\u200f');
  });

  it('keeps text, tabs, LF and CRLF as they are', () => {
    const text = 'Überprüfe — 🟢 Active\n\tindented\r\nwindows line\n';
    expect(escapeTerminalText(text)).toBe(text);
  });

  it('keeps JSON meaning: the escapes are JSON escapes', () => {
    const value = { title: 'x\u001b[2J\u009b\u202e\u007fy', list: ['\u0085'] };
    const json = JSON.stringify(value, null, 2);
    const safe = escapeTerminalText(json);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('escapeTerminalLine', () => {
  it('also escapes line breaks and tabs, so a value stays on its line', () => {
    expect(escapeTerminalLine('SESSION-x\n::error file=a::forged')).toBe(
      'SESSION-x\\n::error file=a::forged',
    );
    expect(escapeTerminalLine('a\r\nb\tc\u2028d')).toBe('a\\r\\nb\\tc\\u2028d');
    expect(escapeTerminalLine('plain Überprüfe 🟢')).toBe('plain Überprüfe 🟢');
  });
});
