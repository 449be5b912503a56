import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import {
  NoActiveSessionError,
  nextCommandIn,
  PreconditionError,
  RooError,
  SessionLogParseError,
  UsageError,
} from './errors.js';

describe('RooError code and next', () => {
  it('next is the first backticked command after "run", or null', () => {
    expect(
      nextCommandIn(
        'no active session on branch `main`; run `roo session start <goal>` or `roo session continue <id>`',
      ),
    ).toBe('roo session start <goal>');
    expect(nextCommandIn('`x` is wrong\nrun `git init` or cd into a repository')).toBe('git init');
    expect(nextCommandIn('something broke: `git status` said so')).toBeNull();
    expect(new SessionLogParseError('a.md', 3, 'invalid TOML').next).toBe('roo session check');
  });

  it('an explicit next wins over the message, null included', () => {
    expect(new UsageError('run `roo a`', { next: 'roo b' }).next).toBe('roo b');
    expect(new UsageError('run `roo a`', { next: null }).next).toBeNull();
  });

  it('every error class names its own stable code; the bases give the generic ones', () => {
    expect(new UsageError('x').code).toBe('usage');
    expect(new PreconditionError('x').code).toBe('precondition');
    expect(new NoActiveSessionError('x').code).toBe('no_active_session');
    const codes = new Map<string, string>();
    for (const [name, value] of Object.entries(errors)) {
      if (typeof value !== 'function' || !(value.prototype instanceof RooError)) continue;
      const Ctor = value as unknown as new (...args: unknown[]) => RooError;
      const e = name === 'SessionLogParseError' ? new Ctor('f', 1, 'd') : new Ctor('m', []);
      expect(e.code, name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(codes.has(e.code), `${name} repeats ${codes.get(e.code)}'s code ${e.code}`).toBe(false);
      codes.set(e.code, name);
    }
    expect(codes.size).toBeGreaterThan(20);
  });
});
