import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmbiguousSessionIdError, UnknownSessionIdError } from './errors.js';
import { resolveSessionId, titlesNeededToResolve } from './resolveSessionId.js';

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

describe('titlesNeededToResolve', () => {
  const ids = candidates.map((c) => c.id);
  it('needs no title for an exact ID, a unique prefix or an empty query', () => {
    expect(titlesNeededToResolve('SESSION-Fix_login-2611260905', ids)).toEqual([]);
    expect(titlesNeededToResolve(' SESSION-Add ', ids)).toEqual([]);
    expect(titlesNeededToResolve('  ', ids)).toEqual([]);
  });
  it('needs the titles an ambiguity error lists, at most 20', () => {
    expect(titlesNeededToResolve('SESSION-Fix', ids)).toEqual(ids.slice(0, 2));
    const many = Array.from({ length: 30 }, (_, i) => `SESSION-T${i}`);
    expect(titlesNeededToResolve('SESSION-T', many)).toEqual(many.slice(0, 20));
  });
  it('needs every title when no ID starts with the query', () => {
    expect(titlesNeededToResolve('readme', ids)).toEqual(ids);
  });

  // Short IDs and titles over a small alphabet, so that prefixes, substrings and ambiguity are common.
  const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'B', 'b', '-', ' '), maxLength: max });
  it('gives the same answer and messages as resolving with every title', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: text(4), title: text(6) }), { selector: (c) => c.id, maxLength: 30 }),
        text(3),
        (all, query) => {
          const needed = new Set(
            titlesNeededToResolve(
              query,
              all.map((c) => c.id),
            ),
          );
          const blanked = all.map((c) => ({ id: c.id, title: needed.has(c.id) ? c.title : '' }));
          const outcome = (cs: typeof all) => {
            try {
              return resolveSessionId(query, cs);
            } catch (error) {
              return `${(error as Error).name}: ${(error as Error).message}`;
            }
          };
          expect(outcome(blanked)).toBe(outcome(all));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
