import { escapeTerminalLine, escapeTerminalText } from '../text.js';
import type { Finding } from './checkSession.js';

/** The output formats of `roo session check`. */
export type FindingFormat = 'text' | 'github';

/**
 * A finding as one line: `file:line: error rule: message` for people, or a GitHub Actions workflow command
 * (`::error file=…,line=…,title=…::message`) that shows up as an annotation on the PR's changed files.
 */
export function formatFinding(f: Finding, format: FindingFormat): string {
  // File names and messages quote repository content: no value may end the line (and pass for a finding or a
  // workflow command of its own) or reach the terminal or the Actions log as an escape sequence.
  // GitHub's own escaping takes care of line breaks there (%0A: the annotation keeps the real file name).
  if (format === 'github') {
    const file = escapeTerminalText(f.file);
    const message = escapeTerminalText(f.message);
    return `::${f.severity} file=${escapeProperty(file)},line=${f.line},title=${escapeProperty(`roo session check: ${f.rule}`)}::${escapeData(message)}`;
  }
  return `${escapeTerminalLine(f.file)}:${f.line}: ${f.severity} ${f.rule}: ${escapeTerminalLine(f.message)}`;
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
