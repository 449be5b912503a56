import { describe, expect, it } from 'vitest';
import type { Finding } from './checkSession.js';
import { formatCheckSummary, formatFinding } from './formatFinding.js';

const f: Finding = {
  severity: 'error',
  file: '.ruru/sessions/S,1/session_log.md',
  line: 16,
  rule: 'frontmatter',
  message: 'invalid TOML: 100% wrong\nsecond line',
};

describe('formatFinding', () => {
  it('prints file:line for people', () => {
    expect(formatFinding(f, 'text')).toBe(
      '.ruru/sessions/S,1/session_log.md:16: error frontmatter: invalid TOML: 100% wrong\nsecond line',
    );
  });

  it('prints a GitHub workflow command with escaped properties and data', () => {
    expect(formatFinding(f, 'github')).toBe(
      '::error file=.ruru/sessions/S%2C1/session_log.md,line=16,title=roo session check%3A frontmatter::invalid TOML: 100%25 wrong%0Asecond line',
    );
    expect(formatFinding({ ...f, severity: 'warning' }, 'github').startsWith('::warning file=')).toBe(true);
  });

  it('sums up', () => {
    expect(formatCheckSummary(1, [f, { ...f, severity: 'warning' }, { ...f, severity: 'warning' }])).toBe(
      'checked 1 session: 1 error, 2 warnings',
    );
  });
});
