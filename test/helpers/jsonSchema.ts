import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './tempRepo.js';

/**
 * A small JSON Schema checker for the subset docs/schemas/*.schema.json use: `type` (one or a list), `const`,
 * `enum`, `pattern`, `properties`, `required`, `items`, `anyOf`. It returns every violation with its JSON path, so
 * a test failure says which field broke the documented contract.
 */
export type Schema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function validate(value: unknown, schema: Schema, path = '$'): string[] {
  const errors: string[] = [];
  if (schema.anyOf && !schema.anyOf.some((s) => validate(value, s, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [...errors, `${path}: expected ${types.join(' or ')}, got ${actual}`];
    }
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.pattern !== undefined && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match /${schema.pattern}/`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) errors.push(`${path}: missing required ${key}`);
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) errors.push(...validate(obj[key], sub, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      errors.push(...validate(item, schema.items!, `${path}[${i}]`));
    });
  }
  return errors;
}

/** The schema `docs/schemas/<name>.schema.json` (`roo-session/<name>@1`). */
export function loadSchema(name: string): Schema & { $id: string } {
  return JSON.parse(readFileSync(join(projectRoot, 'docs', 'schemas', `${name}.schema.json`), 'utf8'));
}

/** Every schema name documented under docs/schemas/. */
export const schemaDir = join(projectRoot, 'docs', 'schemas');
