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
  it('prints file:line for people, one line per finding whatever the values hold', () => {
    expect(formatFinding(f, 'text')).toBe(
      '.ruru/sessions/S,1/session_log.md:16: error frontmatter: invalid TOML: 100% wrong\\nsecond line',
    );
    const forged = { ...f, file: '.ruru/sessions/X\n.ruru/x:1: error fake: \u001b[2Jgotcha/session_log.md' };
    const line = formatFinding(forged, 'text');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
    expect(line).toContain('X\\n.ruru/x:1: error fake: \\u001b[2Jgotcha');
  });

  it('never lets a value forge a workflow command or an escape sequence in the Actions log', () => {
    const forged = {
      ...f,
      file: '.ruru/sessions/a\n::error file=x,line=1::forged/session_log.md',
      message: 'm %0A \r\n::warning::also forged \u001b]8;;http://x\u0007',
    };
    const out = formatFinding(forged, 'github');
    expect(out.split('\n')).toHaveLength(1);
    expect(out.split('\r')).toHaveLength(1);
    // One command: the properties hold no `:` or `,` (they would end it), the data may (only a line start counts).
    expect(
      out.startsWith(
        '::error file=.ruru/sessions/a%0A%3A%3Aerror file=x%2Cline=1%3A%3Aforged/session_log.md,line=16,',
      ),
    ).toBe(true);
    expect(out).toContain('::m %250A %0D%0A::warning::also forged \\u001b]8;;http://x\\u0007');
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
