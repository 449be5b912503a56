import { describe, expect, it } from 'vitest';
import { AmbiguousSessionIdError, UnknownSessionIdError } from './errors.js';
import { resolveSessionId } from './resolveSessionId.js';

const candidates = [
  { id: 'SESSION-Fix_login-2611260905', title: 'Fix login' },
  { id: 'SESSION-Fix_logout-2611261000', title: 'Fix logout' },
  { id: 'SESSION-Add_docs-2611261100', title: 'Write the README' },
];

describe('resolveSessionId', () => {
  it('takes an exact ID even when it is also a prefix of another', () => {
    const c = [...candidates, { id: 'SESSION-Fix_login-2611260905_2', title: 'x' }];
    expect(resolveSessionId('SESSION-Fix_login-2611260905', c)).toBe('SESSION-Fix_login-2611260905');
  });
  it('takes a unique prefix', () => {
    expect(resolveSessionId('SESSION-Add', candidates)).toBe('SESSION-Add_docs-2611261100');
  });
  it('takes a unique case-insensitive substring of the title', () => {
    expect(resolveSessionId('readme', candidates)).toBe('SESSION-Add_docs-2611261100');
  });
  it('lists candidates when ambiguous', () => {
    expect(() => resolveSessionId('fix_log', candidates)).toThrow(AmbiguousSessionIdError);
    try {
      resolveSessionId('fix', candidates);
    } catch (e) {
      expect((e as AmbiguousSessionIdError).candidates).toEqual([
        'SESSION-Fix_login-2611260905',
        'SESSION-Fix_logout-2611261000',
      ]);
      expect((e as Error).message).toContain('SESSION-Fix_logout-2611261000');
    }
  });
  it('counts copies of one ID once', () => {
    expect(resolveSessionId('docs', [...candidates, candidates[2]!])).toBe('SESSION-Add_docs-2611261100');
  });
  it('refuses unknown and empty queries', () => {
    expect(() => resolveSessionId('nothing', candidates)).toThrow(UnknownSessionIdError);
    expect(() => resolveSessionId('', candidates)).toThrow(UnknownSessionIdError);
  });
});
