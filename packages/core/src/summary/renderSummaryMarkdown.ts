import { escapeInline, fencedBlock, inlineCode, linkTarget, tableCell, tableCode } from './markdown.js';
import { renderMermaidTimeline } from './mermaidTimeline.js';
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
  /**
   * At most this many characters in all (default {@link PR_COMMENT_LIMIT}, under GitHub's 65,536): the folded
   * log is cut first (with a line saying so and a link to the file), then the lists.
   */
  maxChars?: number;
  /** Leave out the Mermaid timeline. */
  noDiagram?: boolean;
};

/** Items a list shows before it says how many more there are (the log has them all). */
const LIST_CAP = 40;

/**
 * The reviewer summary for a pull request body or comment (`roo session show --format markdown`): a header table,
 * a Mermaid timeline, errors, decisions, delegations and results (with the modes involved), commits, artifacts as
 * links, every task named, merges and rewrites, the actors, and the log folded in a `<details>` block. Log and
 * frontmatter text keeps its inline Markdown but is escaped so it cannot produce HTML, break the table, the
 * lists or the fold, or mention anyone (see `escapeInline`). Stays under `maxChars`.
 */
export function renderSummaryMarkdown(s: SessionSummary, opts: RenderSummaryOptions = {}): string {
  const maxChars = opts.maxChars ?? PR_COMMENT_LIMIT;
  const render = (cap: number, logChars: number | undefined, diagram: boolean) =>
    renderWith(s, opts, cap, logChars, diagram);
  let cap = LIST_CAP;
  let diagram = opts.noDiagram !== true;
  let out = render(cap, opts.maxLogChars, diagram);
  if (out.length <= maxChars) return out;
  // Cut the folded log to what is left, then the lists, then the diagram.
  for (;;) {
    const frame = render(cap, 0, diagram).length;
    const share = maxChars - frame - 200;
    if (share > 0) {
      out = render(cap, Math.min(share, opts.maxLogChars ?? share), diagram);
      if (out.length <= maxChars) return out;
    }
    if (cap > 5) cap = Math.floor(cap / 2);
    else if (diagram) diagram = false;
    else return render(cap, 0, false);
  }
}

function renderWith(
  s: SessionSummary,
  opts: RenderSummaryOptions,
  cap: number,
  maxLogChars: number | undefined,
  diagram: boolean,
): string {
  const h = '#'.repeat(opts.headingLevel ?? 3);
  const out: string[] = [];
  out.push(`${h} Session: ${escapeInline(s.title || s.id)}`, '');
  out.push('| | |', '|---|---|');
  const row = (key: string, value: string) => out.push(`| ${key} | ${value} |`);
  row('ID', tableCode(s.id));
  row('Goal', tableCell(s.title));
  row('Status', tableCell(s.status));
  row('Branch', s.branch ? tableCode(s.branch) : '-');
  if (s.where !== 'worktree') row('Read from', tableCode(s.where));
  row('Started', tableCell(s.startTime));
  row('Ended', s.isRunning ? '- (running)' : tableCell(s.endTime));
  row(
    'Duration',
    formatDuration(s.durationSeconds) + (s.isRunning && s.durationSeconds !== null ? ' so far' : ''),
  );
  const span = s.span;
  if (span?.first) {
    const after = span.entriesAfterEnd > 0 ? ` (${span.entriesAfterEnd} after \`end_time\`)` : '';
    row(
      'Log span',
      `${tableCell(span.first.replace('T', ' '))} → ${tableCell((span.last ?? span.first).replace('T', ' '))}${after}`,
    );
  }
  row('Coordinator', s.coordinator ? tableCode(s.coordinator) : '-');
  const actors = (s.actors ?? []).filter((a) => a.name !== s.coordinator || a.entries > 0);
  if (actors.length > 0) {
    const shown = actors.slice(0, 12).map((a) => `${tableCode(a.name)} (${a.entries})`);
    row('Actors', shown.join(' · ') + (actors.length > 12 ? ` · ${actors.length - 12} more` : ''));
  }
  const tasksNamed = s.tasksNamed ?? s.tasks.map((id) => ({ id, file: null, inFrontmatter: true, line: 0 }));
  row(
    'Commits · artifacts · tasks',
    `${s.counts.commits} · ${s.counts.artifacts} · ${Math.max(s.counts.tasks, tasksNamed.length)}`,
  );
  row(
    'Errors · decisions · delegations',
    `${s.errors.length} · ${s.decisions.length} · ${(s.delegations ?? []).length}`,
  );
  out.push('');

  const goalText = s.goal.trim();
  if (goalText !== '' && goalText !== s.title.trim()) {
    out.push(`${h}# Goal`, '');
    for (const line of goalText.split(/\r?\n/))
      out.push(line.trim() === '' ? '>' : `> ${escapeInline(line)}`);
    out.push('');
  }
  if (diagram) {
    const { source, collapsed } = renderMermaidTimeline(s);
    out.push(`${h}# Timeline`, '');
    if (collapsed)
      out.push('_Runs of commits are collapsed to fit the diagram; the log lists them all._', '');
    out.push(fencedBlock(source, 'mermaid'), '');
  }
  const section = (title: string, lines: string[], total = lines.length) => {
    if (lines.length === 0) return;
    const shown = lines.slice(0, cap);
    const more = total - shown.length;
    out.push(`${h}# ${title} (${total})`, '', ...shown);
    if (more > 0) out.push(`- … ${more} more in the log`);
    out.push('');
  };
  section(
    'Errors',
    s.errors.map((e) => datedItem(e)),
  );
  section(
    'Decisions',
    s.decisions.map((d) => datedItem(d)),
  );
  section(
    'Delegations',
    (s.delegations ?? []).map((d) => {
      const who = [d.to ? `to ${inlineCode(d.to)}` : '', d.taskId ? `task ${inlineCode(d.taskId)}` : '']
        .filter((x) => x !== '')
        .join(', ');
      return datedItem({ ...d, text: d.text }, who);
    }),
  );
  section(
    'Results',
    (s.results ?? []).map((r) => {
      const who = [r.from ? `from ${inlineCode(r.from)}` : '', r.taskId ? `task ${inlineCode(r.taskId)}` : '']
        .filter((x) => x !== '')
        .join(', ');
      return datedItem(r, who);
    }),
  );
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
  section('Artifacts', [
    ...s.artifacts.map((a) => `- [${inlineCode(a.path)}](${linkTarget(a.repoPath, opts.linkBase)})`),
    ...(s.artifactsNamed ?? []).map(
      (a) => `- [${inlineCode(a.path)}](${linkTarget(a.repoPath, opts.linkBase)}) _(named in the log)_`,
    ),
  ]);
  section(
    'Tasks',
    tasksNamed.map((t) => {
      const id = t.file ? `[${inlineCode(t.id)}](${linkTarget(t.file, opts.linkBase)})` : inlineCode(t.id);
      return `- ${id}${t.inFrontmatter ? '' : ' _(named in the log)_'}`;
    }),
  );
  section(
    'Merges',
    s.merges.map((m) => datedItem(m)),
  );
  section(
    'Rewrites',
    s.rewrites.map((r) => datedItem(r)),
  );

  const pending = s.pendingEntries > 0 ? `, ${s.pendingEntries} not yet written to the file` : '';
  out.push(
    `<details><summary>Session log (${s.counts.entries} ${s.counts.entries === 1 ? 'entry' : 'entries'}${pending})</summary>`,
    '',
    fencedBlock(truncateLog(s, maxLogChars), 'markdown'),
    '',
    '</details>',
  );
  const cut = maxLogChars !== undefined && s.log.replace(/^\s*\n/, '').length > maxLogChars;
  if (cut) {
    const file = `.ruru/sessions/${s.id}/session_log.md`;
    out.push(
      '',
      `The log is cut to fit; read all of it in [${inlineCode(file)}](${linkTarget(file, opts.linkBase)}).`,
    );
  }
  return `${out.join('\n')}\n`;
}

function datedItem(item: SummaryItem, extra = ''): string {
  const who = item.actor ? `${inlineCode(item.actor)}: ` : '';
  const when = item.date ? ` _(${item.date.replace('T', ' ')})_` : '';
  const more = extra === '' ? '' : ` — ${extra}`;
  return `- ${who}${escapeInline(item.text)}${more}${when}`;
}

function truncateLog(s: SessionSummary, max: number | undefined): string {
  const log = s.log.replace(/^\s*\n/, '');
  if (max === undefined || log.length <= max) return log;
  const cut = log.lastIndexOf('\n', Math.max(0, max));
  const kept = cut <= 0 ? '' : log.slice(0, cut);
  const dropped = log
    .slice(kept.length)
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  return `${kept}\n\n… ${dropped} more line${dropped === 1 ? '' : 's'}: see .ruru/sessions/${s.id}/session_log.md`;
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
  const limit = opts.maxChars ?? Number.POSITIVE_INFINITY;
  // Each session gets an equal share of the comment; its own renderer cuts its log, then its lists, to fit.
  const perSession = Number.isFinite(limit)
    ? Math.max(2_000, Math.floor((limit - head.join('\n').length) / Math.max(1, n)) - 100)
    : Number.POSITIVE_INFINITY;
  const render = (maxLogChars?: number) =>
    `${head.join('\n')}\n` +
    pr.sessions
      .map((s) =>
        renderSummaryMarkdown(s, {
          ...(opts.linkBase === undefined ? {} : { linkBase: opts.linkBase }),
          ...(maxLogChars === undefined ? {} : { maxLogChars }),
          maxChars: perSession,
        }),
      )
      .join('\n---\n\n');
  const full = render();
  if (full.length <= limit || n === 0) return full;
  const frame = render(0).length;
  const share = Math.max(0, Math.floor((limit - frame) / n) - 200);
  return render(share);
}
