import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtUnderscore, isSessionIdLike, makeSessionId, parseSessionId, sanitizeGoal } from './ids.js';
import { isPortableFileName, isValidRefComponent } from './refs.js';

describe('sanitizeGoal', () => {
  it.each([
    ['Fix login rate-limit!', 'Fix_login_rate-limit'],
    ['Analyze vertex-ai-mcp-server with Repomix', 'Analyze_vertex-ai-mcp-server_with_Repomix'],
    ['Café déjà vu', 'Cafe_deja_vu'],
    ['Ｆｕｌｌｗｉｄｔｈ　ｇｏａｌ', 'Fullwidth_goal'],
    ['rm -rf / && echo "$(whoami)" `id`', 'rm_-rf_echo_whoami_id'],
    ['../../etc/passwd', 'etc_passwd'],
    ['--leading and trailing--', 'leading_and_trailing'],
    ['___', 'Untitled'],
    ['', 'Untitled'],
    ['日本語のゴール', 'Untitled'],
    ['multi\nline\tgoal', 'multi_line_goal'],
    ['a..b', 'a_b'],
    ['CON', 'CON'],
  ])('%j → %j', (goal, expected) => {
    expect(sanitizeGoal(goal)).toBe(expected);
  });

  it('cuts long goals at a word boundary, at most 48 characters', () => {
    const goal = 'Refactor the authentication middleware so that sessions expire correctly';
    const id = sanitizeGoal(goal);
    expect(id).toBe('Refactor_the_authentication_middleware_so_that');
    expect(id.length).toBeLessThanOrEqual(48);
  });

  it('hard-cuts one very long word', () => {
    expect(sanitizeGoal('x'.repeat(100))).toBe('x'.repeat(48));
    expect(sanitizeGoal(`ab ${'y'.repeat(100)}`)).toBe(`ab_${'y'.repeat(45)}`);
  });

  it('never ends with _ or - after a cut', () => {
    expect(sanitizeGoal(`${'a'.repeat(47)}-b`)).toBe('a'.repeat(47));
    expect(cutAtUnderscore('abc_def', 5)).toBe('abc');
  });

  it('always yields a safe, bounded goal part (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (goal) => {
        const out = sanitizeGoal(goal);
        expect(out).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/);
        expect(out.length).toBeLessThanOrEqual(48);
        expect(out).not.toMatch(/__/);
      }),
    );
  });
});

describe('makeSessionId', () => {
  const date = new Date(2026, 10, 26, 9, 5, 12);

  it('builds SESSION-<Goal>-<YYMMDDHHMM>', () => {
    expect(makeSessionId('Fix login rate-limit!', date, () => false)).toBe(
      'SESSION-Fix_login_rate-limit-2611260905',
    );
  });

  it('appends _2, _3 … to the goal part when taken', () => {
    const taken = new Set(['SESSION-Fix-2611260905', 'SESSION-Fix_2-2611260905']);
    expect(makeSessionId('Fix', date, (id) => taken.has(id))).toBe('SESSION-Fix_3-2611260905');
    expect(makeSessionId('Fix', date, (id) => id === 'SESSION-Fix-2611260905')).toBe(
      'SESSION-Fix_2-2611260905',
    );
  });

  it('gives up with an error when everything is taken', () => {
    expect(() => makeSessionId('Fix', date, () => true)).toThrow(/no free session ID/);
  });

  it('is always a valid ref component and portable file name (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.integer({ min: 1, max: 5 }),
        (goal, n) => {
          let calls = 0;
          const id = makeSessionId(goal, date, () => ++calls < n);
          expect(isValidRefComponent(id)).toBe(true);
          expect(isPortableFileName(id)).toBe(true);
          expect(isSessionIdLike(id)).toBe(true);
          expect(parseSessionId(id)?.kind).toBe('v7');
        },
      ),
    );
  });

  it('is safe for Windows reserved names, which only matter as whole names', () => {
    for (const goal of ['CON', 'NUL', 'com1', 'LPT9', 'aux']) {
      const id = makeSessionId(goal, date, () => false);
      expect(isPortableFileName(id)).toBe(true);
    }
  });
});

describe('parseSessionId', () => {
  it('reads V7 IDs, goals with hyphens included', () => {
    const parsed = parseSessionId('SESSION-Analyze_vertex-ai-mcp-server_with_Repomix-2506051002');
    expect(parsed).toMatchObject({
      kind: 'v7',
      goal: 'Analyze_vertex-ai-mcp-server_with_Repomix',
      stamp: '2506051002',
    });
    expect(parsed?.date?.getTime()).toBe(new Date(2025, 5, 5, 10, 2).getTime());
  });

  it('reads a suffixed V7 ID', () => {
    expect(parseSessionId('SESSION-Fix_2-2611260905')).toMatchObject({ kind: 'v7', goal: 'Fix_2' });
  });

  it('reads legacy 12-digit stamps', () => {
    expect(parseSessionId('SESSION-Goal-202506051002')).toMatchObject({
      kind: 'legacy-stamp12',
      goal: 'Goal',
      stamp: '202506051002',
    });
    expect(parseSessionId('SESSION-202506051002')).toMatchObject({
      kind: 'legacy-stamp12',
      stamp: '202506051002',
    });
  });

  it('reads YYYYMMDD-HHMMSS and SESSION-PRIME-…', () => {
    const prime = parseSessionId('SESSION-PRIME-20250505-231645');
    expect(prime).toMatchObject({ kind: 'legacy-prime', goal: 'PRIME', stamp: '20250505-231645' });
    expect(prime?.date?.getTime()).toBe(new Date(2025, 4, 5, 23, 16, 45).getTime());
    expect(parseSessionId('SESSION-Goal-20250505-231645')).toMatchObject({
      kind: 'legacy-datetime',
      goal: 'Goal',
    });
    expect(parseSessionId('SESSION-PRIME-whatever')).toMatchObject({
      kind: 'legacy-prime',
      stamp: 'whatever',
    });
  });

  it('reads SESS-…', () => {
    expect(parseSessionId('SESS-build-2506051002')).toMatchObject({
      kind: 'legacy-sess',
      goal: 'build',
      stamp: '2506051002',
    });
    expect(parseSessionId('SESS-something')).toMatchObject({
      kind: 'legacy-sess',
      goal: 'something',
      stamp: '',
    });
  });

  it.each([
    '',
    'TASK-1',
    'SESSION-',
    'SESSION-x',
    'SESSION-../x-2611260905',
    'SESSION-a b-2611260905',
    'session-x-2611260905',
  ])('refuses %j', (id) => {
    expect(parseSessionId(id)).toBeUndefined();
  });

  it('has no date for an impossible stamp', () => {
    expect(parseSessionId('SESSION-X-2613990000')?.date).toBeUndefined();
  });

  it('isSessionIdLike refuses names unusable as folders or refs', () => {
    expect(isSessionIdLike('SESSION-x.lock-2611260905')).toBe(true);
    expect(isSessionIdLike('SESSION-a..b-2611260905')).toBe(false);
    expect(isSessionIdLike('SESSION-a:b-2611260905')).toBe(false);
  });
});
