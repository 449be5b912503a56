import type { SessionLogDoc } from '../log/types.js';
import { formatDuration, type SessionSummary } from './summarizeSession.js';

/**
 * The reviewer summary for a pull request body or comment (`roo session show --format markdown`): a header table,
 * commits, artifacts as links relative to the repository root, tasks, decisions and errors, and the whole log
 * folded in a `<details>` block. Everything taken from the log is escaped so it cannot break the table or the
 * surrounding Markdown.
 */
export function renderSummaryMarkdown(s: SessionSummary, doc: Pick<SessionLogDoc, 'text'>): string {
  const folder = `.ruru/sessions/${s.id}`;
  const out: string[] = [];
  out.push(`### Session \`${s.id}\``, '');
  out.push('| | |', '|---|---|');
  const row = (k: string, v: string) => out.push(`| ${k} | ${cell(v)} |`);
  row('Goal', s.title);
  row('Status', s.status);
  row('Branch', s.branch ? `\`${s.branch}\`` : '-');
  row('Started', s.startTime || '-');
  row('Ended', s.endTime || '-');
  row('Duration', formatDuration(s.durationSeconds) + (s.endTime === '' ? ' (running)' : ''));
  row('Coordinator', s.coordinator ? `\`${s.coordinator}\`` : '-');
  row('Commits / artifacts / tasks', `${s.commits.length} / ${s.artifacts.length} / ${s.tasks.length}`);
  out.push('');
  if (s.goal && s.goal !== s.title) out.push('#### Goal', '', quote(s.goal), '');
  if (s.commits.length > 0) {
    out.push('#### Commits', '');
    for (const c of s.commits)
      out.push(`- \`${c.shortSha}\` ${inline(c.subject)}${c.fromHistory ? ' _(from history)_' : ''}`);
    out.push('');
  }
  if (s.merges.length > 0) {
    out.push('#### Merges', '');
    for (const m of s.merges) out.push(`- ${inline(m.text)}`);
    out.push('');
  }
  if (s.artifacts.length > 0) {
    out.push('#### Artifacts', '');
    for (const a of s.artifacts) out.push(`- [${inline(a.path)}](${encodeURI(`${folder}/${a.path}`)})`);
    out.push('');
  }
  if (s.tasks.length > 0) {
    out.push('#### Tasks', '');
    for (const t of s.tasks) out.push(`- \`${t}\``);
    out.push('');
  }
  if (s.decisions.length > 0) {
    out.push('#### Decisions', '');
    for (const d of s.decisions)
      out.push(`- ${inline(d.text)}${d.date ? ` _(${d.date.replace('T', ' ')})_` : ''}`);
    out.push('');
  }
  if (s.errors.length > 0) {
    out.push('#### Errors', '');
    for (const e of s.errors)
      out.push(`- ${inline(e.text)}${e.date ? ` _(${e.date.replace('T', ' ')})_` : ''}`);
    out.push('');
  }
  const body = doc.text.replace(/^\uFEFF?\+\+\+\r?\n[\s\S]*?\r?\n\+\+\+\r?\n?/, '');
  const fence = '`'.repeat(Math.max(3, ...(body.match(/`{3,}/g) ?? []).map((f) => f.length + 1)));
  out.push(
    `<details><summary>Session log (${s.entries.length} entries)</summary>`,
    '',
    `${fence}markdown`,
    body.trimEnd(),
    fence,
    '',
    '</details>',
  );
  return `${out.join('\n')}\n`;
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Text in a list item: one line; HTML-ish angle brackets escaped so a log cannot inject markup. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');
}
