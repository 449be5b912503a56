import { NoActiveSessionError, UsageError } from '@roo-session/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './rooTools.js';

describe('describeError', () => {
  it("carries a RooError's message, exit code and its fields: what, seen and the command to run next", () => {
    const e = new NoActiveSessionError({ branch: 'main' });
    expect(describeError(e)).toEqual({
      code: 'no_active_session',
      message:
        'no active session on branch `main`\nrun `roo session start <goal>` or `roo session continue <id>`',
      what: 'no active session on branch `main`',
      seen: null,
      next: 'roo session start <goal>',
      exitCode: 3,
      known: true,
    });
    const bad = describeError(new UsageError({ what: 'bad thing', seen: 'x' }));
    expect(bad).toMatchObject({ what: 'bad thing', seen: 'x', next: null, message: 'bad thing\nseen: x' });
  });

  it('reports anything else as an internal error', () => {
    expect(describeError(new TypeError('boom'))).toEqual({
      code: 'internal',
      message: 'boom',
      what: 'internal error: roo hit a bug, please report it',
      seen: 'boom',
      next: null,
      exitCode: 1,
      known: false,
    });
  });
});
