import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { normalizeTomlValue, parseTomlText, TomlSyntaxError, tomlLiteral, tomlString } from './toml.js';

describe('toml codec', () => {
  it('turns TOML dates into ISO strings', () => {
    const data = parseTomlText(
      'a = 2025-05-05T23:17:00+10:00\nb = 2025-05-05 23:17:00\nc = 2025-05-05\nd = 23:17:00\ne = 1979-05-27T07:32:00.5Z',
    );
    expect(data).toEqual({
      a: '2025-05-05T23:17:00+10:00',
      b: '2025-05-05T23:17:00',
      c: '2025-05-05',
      d: '23:17:00',
      e: '1979-05-27T07:32:00.500Z',
    });
  });

  it('normalises nested values and bigints', () => {
    expect(normalizeTomlValue({ a: [1n, { b: parse('x = 2025-01-01').x }] })).toEqual({
      a: [1, { b: '2025-01-01' }],
    });
  });

  it('reports syntax errors with line and column', () => {
    try {
      parseTomlText('a = 1\nb = [\n "x"\n "y"\n]\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TomlSyntaxError);
      expect((error as TomlSyntaxError).line).toBe(4);
      expect((error as TomlSyntaxError).detail).toMatch(/comma/);
    }
  });

  it('escapes any string into a literal that reads back exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const literal = tomlString(value);
        expect(literal).not.toMatch(/[\r\n]/);
        expect(parseTomlText(`v = ${literal}`).v).toBe(value);
      }),
    );
  });

  it('replaces lone surrogates, which UTF-8 cannot carry', () => {
    expect(parseTomlText(`v = ${tomlString('a\uD800b')}`).v).toBe('a\uFFFDb');
  });

  it('writes arrays and booleans', () => {
    expect(tomlLiteral(['a', 'b"c'])).toBe('["a", "b\\"c"]');
    expect(tomlLiteral([])).toBe('[]');
    expect(tomlLiteral(false)).toBe('false');
  });
});
