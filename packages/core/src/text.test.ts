import { describe, expect, it } from 'vitest';
import { SessionLogParseError } from './errors.js';
import { decodeUtf8, toSingleLine } from './text.js';

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
