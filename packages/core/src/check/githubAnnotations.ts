import { tableCell } from '../summary/markdown.js';
import type { Finding } from './checkSession.js';
import { formatFinding } from './formatFinding.js';

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the rest without a word
 * (docs/architecture.md, "CI check"). `roo session check --format github` ranks the findings, annotates the most
 * important ones within those limits, says in one notice how many more there are, and writes the full list to the
 * job summary (`$GITHUB_STEP_SUMMARY`) when the runner gives one.
 */

/** Annotations GitHub keeps per step, for each of error, warning and notice. */
export const GITHUB_ANNOTATION_LIMIT = 10;

// Lower is more important. A rule not listed ranks after the listed ones of its severity.
const RULE_RANK: Readonly<Record<string, number>> = {
  secret: 0,
  symlink: 1,
  unreadable: 1,
  frontmatter: 1,
  'required-key': 2,
  status: 2,
  'id-mismatch': 2,
  'artifact-path': 3,
  time: 3,
  'artifact-missing': 4,
  'artifact-frontmatter': 4,
  'key-type': 5,
  'legacy-key': 7,
  'legacy-status': 7,
  'entry-timestamp': 8,
  'entry-order': 8,
  'artifact-name': 9,
  placeholder: 9,
};

/** Findings most important first: severity, then the rule's rank, then file and line. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => RULE_RANK[f.rule] ?? 6;
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      rank(a) - rank(b) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line,
  );
}

/** What `check --format github` prints, and the findings left without an annotation. */
export type GithubAnnotationPlan = { lines: string[]; annotated: Finding[]; omitted: Finding[] };

/**
 * The workflow-command lines for `findings`: the first {@link GITHUB_ANNOTATION_LIMIT} errors and warnings by
 * rank, then, when some are left over, one `::notice` saying how many and where the full list is.
 *
 * @param hasStepSummary whether the full list goes to `$GITHUB_STEP_SUMMARY` (the notice says where to look).
 */
export function planGithubAnnotations(
  findings: readonly Finding[],
  hasStepSummary: boolean,
): GithubAnnotationPlan {
  const ranked = rankFindings(findings);
  const errors = ranked.filter((f) => f.severity === 'error');
  const warnings = ranked.filter((f) => f.severity !== 'error');
  const annotated = [
    ...errors.slice(0, GITHUB_ANNOTATION_LIMIT),
    ...warnings.slice(0, GITHUB_ANNOTATION_LIMIT),
  ];
  const omitted = [...errors.slice(GITHUB_ANNOTATION_LIMIT), ...warnings.slice(GITHUB_ANNOTATION_LIMIT)];
  const lines = annotated.map((f) => formatFinding(f, 'github'));
  if (omitted.length > 0) {
    const e = omitted.filter((f) => f.severity === 'error').length;
    const w = omitted.length - e;
    const parts = [e > 0 ? plural(e, 'error') : '', w > 0 ? plural(w, 'warning') : ''].filter(
      (p) => p !== '',
    );
    const where = hasStepSummary
      ? 'the job summary lists every finding'
      : 'run `roo session check` to see every finding';
    lines.push(
      `::notice title=roo session check::${omitted.length} more finding${omitted.length === 1 ? '' : 's'} (${parts.join(', ')}) ` +
        `not annotated: GitHub shows at most ${GITHUB_ANNOTATION_LIMIT} errors and ${GITHUB_ANNOTATION_LIMIT} warnings per step; ${where}`,
    );
  }
  return { lines, annotated, omitted };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every finding as a Markdown table for the job summary, most important first, escaped for GitHub. */
export function renderFindingsMarkdown(findings: readonly Finding[], checked: number): string {
  const ranked = rankFindings(findings);
  const errors = ranked.filter((f) => f.severity === 'error').length;
  const out = [
    '### roo session check',
    '',
    `${plural(checked, 'session')} checked: ${plural(errors, 'error')}, ${plural(ranked.length - errors, 'warning')}.`,
    '',
  ];
  if (ranked.length > 0) {
    out.push('| severity | file | line | rule | message |', '|---|---|---|---|---|');
    for (const f of ranked) {
      out.push(
        `| ${f.severity} | ${tableCell(f.file)} | ${f.line} | ${tableCell(f.rule)} | ${tableCell(f.message)} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
