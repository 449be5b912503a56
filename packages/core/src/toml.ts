import { parse, stringify, TomlDate, TomlError } from 'smol-toml';

/**
 * The one place core talks to smol-toml. Values leave here as plain data: TOML dates become ISO
 * strings, so nothing past the codec sees a `TomlDate`.
 */

/** A TOML value after {@link normalizeTomlValue}: no dates, no bigints. */
export type TomlPlain = string | number | boolean | TomlPlain[] | { [key: string]: TomlPlain };

/** A failed TOML parse, with the 1-based line and column inside the text given to {@link parseTomlText}. */
export class TomlSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(detail);
    this.name = 'TomlSyntaxError';
  }
}

// A TomlDate prints `.000` milliseconds; V7 timestamps have seconds precision, so drop a zero fraction.
function dateToIso(date: TomlDate): string {
  return date.toISOString().replace(/\.000(?=$|[Z+-])/, '');
}

/** Deep copy of a parsed TOML value with dates turned into ISO strings. */
export function normalizeTomlValue(value: unknown): TomlPlain {
  if (value instanceof TomlDate) return dateToIso(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalizeTomlValue);
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, TomlPlain> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalizeTomlValue(item);
    return out;
  }
  return value as TomlPlain;
}

/**
 * Parses a TOML document into plain data.
 *
 * @throws TomlSyntaxError with the line and column smol-toml reports.
 */
export function parseTomlText(text: string): Record<string, TomlPlain> {
  try {
    // `drop`: a `__proto__` key must not reach object spreads downstream.
    const table = parse(text, { unsafeKeyBehaviour: 'drop' });
    return normalizeTomlValue(table) as Record<string, TomlPlain>;
  } catch (error) {
    if (error instanceof TomlError) {
      const detail = error.message
        .replace(/^Invalid TOML document: /, '')
        .split('\n')[0]!
        .trim();
      throw new TomlSyntaxError(detail, error.line, error.column);
    }
    throw error;
  }
}

// Lone surrogates cannot be written as UTF-8; the file would get U+FFFD anyway, so make that explicit here and
// keep what we write equal to what we read back.
const toWellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** A TOML value literal for a string (basic string, every special character escaped by smol-toml). */
export function tomlString(value: string): string {
  const line = stringify({ v: toWellFormed(value) });
  // stringify gives `v = "…"\n`; the literal is everything after `v = `.
  return line.slice(4).replace(/\r?\n$/, '');
}

/** A single-line TOML array literal of strings: `["a", "b"]`. */
export function tomlStringArray(values: readonly string[]): string {
  return `[${values.map(tomlString).join(', ')}]`;
}

/** A TOML literal for a string, string array or boolean, as templates and inserted keys need. */
export function tomlLiteral(value: string | readonly string[] | boolean): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return tomlString(value);
  return tomlStringArray(value);
}
