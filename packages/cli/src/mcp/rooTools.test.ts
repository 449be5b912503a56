import { NoActiveSessionError, UsageError } from '@roo-session/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './rooTools.js';

describe('describeError', () => {
  it("carries a RooError's message, exit code and the command its message says to run next", () => {
    const e = new NoActiveSessionError(
      'no active session on branch `main`\nrun `roo session start <goal>` or `roo session continue <id>`',
    );
    expect(describeError(e)).toEqual({
      code: 'no_active_session',
      message: e.message,
      next: 'roo session start <goal>',
      exitCode: 3,
      known: true,
    });
    expect(describeError(new UsageError('bad thing, seen x')).next).toBeNull();
  });

  it('reports anything else as an internal error', () => {
    expect(describeError(new TypeError('boom'))).toEqual({
      code: 'internal',
      message: 'boom',
      next: null,
      exitCode: 1,
      known: false,
    });
  });
});
