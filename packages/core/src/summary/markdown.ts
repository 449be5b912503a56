/**
 * Escaping for text taken from a log into the reviewer summary. The summary is Markdown for GitHub (PR bodies and
 * comments, GFM): log text keeps its inline formatting (an agent's `**Mode:**` or `code` reads as intended) but
 * can never break the summary's structure: no line breaks, no raw HTML (a stray `</details>` would unfold the
 * log), no block syntax at the start of a list item, no `|` ending a table cell.
 */

/** One line of inline Markdown from arbitrary text; `table: true` also escapes `|` for a GFM table cell. */
export function escapeInline(text: string, opts: { table?: boolean } = {}): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  let out = '';
  for (const part of splitCodeSpans(oneLine)) {
    // Inside a code span nothing is interpreted, so only the table pipe needs care (GFM reads `\|` there too).
    out += part.code ? part.text : escapeHtml(part.text);
  }
  out = escapeBlockStart(out);
  return opts.table ? out.replace(/\|/g, '\\|') : out;
}

/** A table cell: {@link escapeInline} with pipes escaped; `-` when empty. */
export function tableCell(text: string): string {
  return text.trim() === '' ? '-' : escapeInline(text, { table: true });
}

/** Inline code that survives backticks inside the value (CommonMark: a longer fence, padded with spaces). */
export function inlineCode(value: string): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ');
  const runs = oneLine.match(/`+/g) ?? [];
  if (runs.length === 0) return `\`${oneLine}\``;
  const fence = '`'.repeat(Math.max(...runs.map((run) => run.length)) + 1);
  return `${fence} ${oneLine} ${fence}`;
}

/**
 * A link destination for a repository path: each segment percent-encoded (spaces, `#`, `?`, `%` and
 * parentheses would end or change a Markdown link), joined to `base` when given (a blob URL such as
 * `https://github.com/o/r/blob/<sha>/`), else relative to the repository root.
 */
export function linkTarget(repoPath: string, base?: string): string {
  const encoded = repoPath
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[()!*']/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
  if (base === undefined || base === '') return encoded;
  return base.endsWith('/') ? `${base}${encoded}` : `${base}/${encoded}`;
}

/** A fenced code block around `text` whose fence no line of the text can close. */
export function fencedBlock(text: string, info = ''): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Splits text into code spans and the text between them (CommonMark: a backtick run closes at an equal run). */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    // Look for a closing run of exactly n backticks.
    let j = i + n;
    let close = -1;
    while (j < text.length) {
      if (text[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (text[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      // An unmatched run is literal text.
      i += n;
      continue;
    }
    if (i > plainStart) parts.push({ code: false, text: text.slice(plainStart, i) });
    parts.push({ code: true, text: text.slice(i, close + n) });
    i = close + n;
    plainStart = i;
  }
  if (plainStart < text.length) parts.push({ code: false, text: text.slice(plainStart) });
  return parts;
}

function escapeHtml(text: string): string {
  return (
    text
      // `&amp;` typed in a log should show as typed, not as `&`.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** Text at the start of a list item or cell that Markdown would read as a heading, list, rule or quote. */
function escapeBlockStart(text: string): string {
  if (/^#/.test(text)) return `\\${text}`;
  if (/^([-*_])[ \t]*\1[ \t]*\1/.test(text) || /^[-+*][ \t]/.test(text) || /^[-+*]$/.test(text)) {
    return `\\${text}`;
  }
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text);
  if (ordered !== null) return `${ordered[1]}\\${text.slice(ordered[1]!.length)}`;
  return text;
}
