import { describe, expect, it } from 'vitest';
import type { Finding } from './checkSession.js';
import {
  GITHUB_ANNOTATION_LIMIT,
  planGithubAnnotations,
  rankFindings,
  renderFindingsMarkdown,
} from './githubAnnotations.js';

const finding = (
  severity: Finding['severity'],
  rule: string,
  line: number,
  file = 'a/session_log.md',
): Finding => ({
  severity,
  file,
  line,
  rule,
  message: `${rule} at ${line}`,
});

describe('planGithubAnnotations', () => {
  const many = [
    ...Array.from({ length: 14 }, (_, i) => finding('warning', 'entry-order', i + 1)),
    ...Array.from({ length: 12 }, (_, i) => finding('error', 'artifact-missing', i + 1)),
    finding('error', 'secret', 99),
    finding('warning', 'legacy-status', 50),
  ];

  it('annotates at most 10 errors and 10 warnings, the most important first, and one notice for the rest', () => {
    const plan = planGithubAnnotations(many, true);
    const errors = plan.lines.filter((l) => l.startsWith('::error '));
    const warnings = plan.lines.filter((l) => l.startsWith('::warning '));
    const notices = plan.lines.filter((l) => l.startsWith('::notice '));
    expect(errors).toHaveLength(GITHUB_ANNOTATION_LIMIT);
    expect(warnings).toHaveLength(GITHUB_ANNOTATION_LIMIT);
    expect(notices).toHaveLength(1);
    // A secret outranks a missing artifact, a legacy status an entry out of order.
    expect(errors[0]).toContain('line=99');
    expect(warnings[0]).toContain('legacy-status');
    expect(plan.omitted).toHaveLength(many.length - 20);
    expect(notices[0]).toBe(
      '::notice title=roo session check::8 more findings (3 errors, 5 warnings) not annotated: GitHub shows at most 10 errors and 10 warnings per step; the job summary lists every finding',
    );
    expect(planGithubAnnotations(many, false).lines.at(-1)).toMatch(
      /run `roo session check` to see every finding$/,
    );
  });

  it('adds no notice when everything fits', () => {
    const few = many.slice(0, 3);
    expect(planGithubAnnotations(few, true).lines).toHaveLength(3);
    expect(planGithubAnnotations(few, true).lines.some((l) => l.startsWith('::notice'))).toBe(false);
  });

  it('writes every finding to the job summary table, ranked and escaped', () => {
    const md = renderFindingsMarkdown([...many, finding('warning', 'x', 1, 'p|q/<b>.md')], 2);
    expect(md).toContain('2 sessions checked: 13 errors, 16 warnings.');
    expect(md.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning'))).toHaveLength(
      29,
    );
    expect(md).toContain('| error | a/session_log.md | 99 | secret |');
    expect(md).toContain('p\\|q/&lt;b&gt;.md');
    expect(rankFindings(many)[0]!.rule).toBe('secret');
  });
});
