import { escapeInline, fencedBlock, inlineCode, linkTarget, tableCell } from './markdown.js';
import { formatDuration, type SessionSummary, type SummaryItem } from './summarizeSession.js';

/** Options of {@link renderSummaryMarkdown}. */
export type RenderSummaryOptions = {
  /**
   * Prefix for file links (a blob URL such as `https://github.com/o/r/blob/<sha>/`). Without it links are
   * relative to the repository root, which works in files of the repository but not in a PR comment.
   */
  linkBase?: string;
  /** At most this many characters of the log in the `<details>` block (cut at a line); undefined: all of it. */
  maxLogChars?: number;
  /** Level of the session heading (default 3: `###`). */
  headingLevel?: number;
};

/**
 * The reviewer summary for a pull request body or comment (`roo session show --format markdown`): a header table,
 * commits, artifacts as links, tasks, decisions, errors, merges and rewrites, and the whole log folded in a
 * `<details>` block. Log text keeps its inline Markdown but is escaped so it cannot break the table, the lists or
 * the fold (see `escapeInline`).
 */
export function renderSummaryMarkdown(s: SessionSummary, opts: RenderSummaryOptions = {}): string {
  const h = '#'.repeat(opts.headingLevel ?? 3);
  const out: string[] = [];
  out.push(`${h} Session: ${escapeInline(s.title || s.id)}`, '');
  out.push('| | |', '|---|---|');
  const row = (key: string, value: string) => out.push(`| ${key} | ${value} |`);
  row('ID', inlineCode(s.id));
  row('Goal', tableCell(s.title));
  row('Status', tableCell(s.status));
  row('Branch', s.branch ? inlineCode(s.branch) : '-');
  if (s.where !== 'worktree') row('Read from', inlineCode(s.where));
  row('Started', tableCell(s.startTime));
  row('Ended', s.isRunning ? '- (running)' : tableCell(s.endTime));
  row(
    'Duration',
    formatDuration(s.durationSeconds) + (s.isRunning && s.durationSeconds !== null ? ' so far' : ''),
  );
  row('Coordinator', s.coordinator ? inlineCode(s.coordinator) : '-');
  row('Commits · artifacts · tasks', `${s.counts.commits} · ${s.counts.artifacts} · ${s.counts.tasks}`);
  out.push('');

  const goalText = s.goal.trim();
  if (goalText !== '' && goalText !== s.title.trim()) {
    out.push(`${h}# Goal`, '');
    for (const line of goalText.split(/\r?\n/))
      out.push(line.trim() === '' ? '>' : `> ${escapeInline(line)}`);
    out.push('');
  }
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`${h}# ${title} (${lines.length})`, '', ...lines, '');
  };
  section(
    'Commits',
    s.commits.map((c) => {
      // A bare SHA: GitHub links it to the commit in PR bodies and comments.
      const sha = /^[0-9a-f]+$/.test(c.shortSha) ? c.shortSha : inlineCode(c.shortSha);
      const note =
        c.source === 'range' ? ' _(not in the log yet)_' : c.fromHistory ? ' _(from history)_' : '';
      return `- ${sha} ${escapeInline(c.subject)}${note}`;
    }),
  );
  section(
    'Artifacts',
    s.artifacts.map((a) => `- [${inlineCode(a.path)}](${linkTarget(a.repoPath, opts.linkBase)})`),
  );
  section(
    'Tasks',
    s.tasks.map((t) => `- ${inlineCode(t)}`),
  );
  section('Decisions', s.decisions.map(datedItem));
  section('Errors', s.errors.map(datedItem));
  section('Merges', s.merges.map(datedItem));
  section('Rewrites', s.rewrites.map(datedItem));

  const pending = s.pendingEntries > 0 ? `, ${s.pendingEntries} not yet written to the file` : '';
  out.push(
    `<details><summary>Session log (${s.counts.entries} ${s.counts.entries === 1 ? 'entry' : 'entries'}${pending})</summary>`,
    '',
    fencedBlock(truncateLog(s, opts), 'markdown'),
    '',
    '</details>',
  );
  return `${out.join('\n')}\n`;
}

function datedItem(item: SummaryItem): string {
  const when = item.date ? ` _(${item.date.replace('T', ' ')})_` : '';
  return `- ${escapeInline(item.text)}${when}`;
}

function truncateLog(s: SessionSummary, opts: RenderSummaryOptions): string {
  const log = s.log.replace(/^\s*\n/, '');
  const max = opts.maxLogChars;
  if (max === undefined || log.length <= max) return log;
  const cut = log.lastIndexOf('\n', Math.max(0, max));
  const kept = cut <= 0 ? '' : log.slice(0, cut);
  const dropped = log
    .slice(kept.length)
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  return `${kept}\n\n… ${dropped} more line${dropped === 1 ? '' : 's'}: see ${s.id}/session_log.md`;
}

/** The `--pr` envelope (JSON) and its input to {@link renderPrSummaryMarkdown}. */
export type PrSummary = {
  schema: typeof PR_SUMMARY_SCHEMA;
  /** The base as given or chosen (`origin/main`) and the commits compared. */
  base: string;
  baseCommit: string;
  headCommit: string;
  /** The sessions touched by the range, in the order they were found (folders in the diff, then trailers). */
  sessions: SessionSummary[];
  /** Sessions the range names whose log could not be read anywhere, with the reason. */
  missing: { id: string; reason: string }[];
};

/** The version tag of {@link PrSummary}; its `sessions` follow {@link SUMMARY_SCHEMA}. */
export const PR_SUMMARY_SCHEMA = 'roo-session/pr-summary@1';

/** A hidden marker at the top of the PR summary, so a bot can find (and edit) its own comment. */
export const PR_SUMMARY_MARKER = '<!-- roo-session:pr-summary -->';

/** GitHub refuses comments over 65,536 characters; stay clear of it. */
export const PR_COMMENT_LIMIT = 60_000;

/**
 * Every session a pull request touches, one summary after another (`roo session show --pr`), under a marker a
 * bot can find. When everything would not fit in one GitHub comment (`maxChars`), the folded logs are cut, each
 * to an equal share of what is left, and say where the rest is.
 */
export function renderPrSummaryMarkdown(
  pr: PrSummary,
  opts: { linkBase?: string; maxChars?: number } = {},
): string {
  const head = [PR_SUMMARY_MARKER];
  const range = inlineCode(`${pr.base}...${pr.headCommit.slice(0, 7)}`);
  if (pr.sessions.length === 0 && pr.missing.length === 0) {
    head.push(`No roo session is touched by ${range}.`);
    return `${head.join('\n')}\n`;
  }
  const n = pr.sessions.length;
  head.push(
    `## Sessions in this pull request`,
    '',
    `${n} session${n === 1 ? '' : 's'} touched by ${range}.`,
    '',
  );
  if (pr.missing.length > 0) {
    for (const m of pr.missing) head.push(`- ${inlineCode(m.id)}: ${escapeInline(m.reason)}`);
    head.push('');
  }
  const render = (maxLogChars?: number) =>
    `${head.join('\n')}\n` +
    pr.sessions
      .map((s) =>
        renderSummaryMarkdown(s, {
          ...(opts.linkBase === undefined ? {} : { linkBase: opts.linkBase }),
          ...(maxLogChars === undefined ? {} : { maxLogChars }),
        }),
      )
      .join('\n---\n\n');
  const full = render();
  const limit = opts.maxChars ?? Number.POSITIVE_INFINITY;
  if (full.length <= limit || n === 0) return full;
  const frame = render(0).length;
  const share = Math.max(0, Math.floor((limit - frame) / n) - 200);
  return render(share);
}
