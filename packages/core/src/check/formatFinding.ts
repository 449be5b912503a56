import type { Finding } from './checkSession.js';

/** The output formats of `roo session check`. */
export type FindingFormat = 'text' | 'github';

/**
 * A finding as one line: `file:line: error rule: message` for people, or a GitHub Actions workflow command
 * (`::error file=…,line=…,title=…::message`) that shows up as an annotation on the PR's changed files.
 */
export function formatFinding(f: Finding, format: FindingFormat): string {
  if (format === 'github') {
    return `::${f.severity} file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(`roo session check: ${f.rule}`)}::${escapeData(f.message)}`;
  }
  return `${f.file}:${f.line}: ${f.severity} ${f.rule}: ${f.message}`;
}

/** The summary line: `checked 3 sessions: 1 error, 2 warnings`. */
export function formatCheckSummary(checked: number, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `checked ${plural(checked, 'session')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

// GitHub's workflow-command escaping (actions/toolkit `command.ts`): data escapes %, CR, LF; property values
// also `:` and `,`, which would otherwise end the value.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
