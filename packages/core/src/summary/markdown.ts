/**
 * Escaping for text taken from a log into the reviewer summary. The summary is Markdown for GitHub (PR bodies and
 * comments, GFM): log text keeps its inline formatting (an agent's `**Mode:**` or `code` reads as intended) but
 * can never break the summary's structure: no line breaks, no raw HTML (a stray `</details>` would unfold the
 * log), no block syntax at the start of a list item, no `|` ending a table cell.
 */

// C0 controls other than tab and line breaks, and DEL: a terminal escape or a NUL has no place in a summary.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * One line of inline Markdown from arbitrary text; `table: true` also escapes `|` for a GFM table cell. Outside
 * code spans (found exactly as CommonMark finds them: a backslash-escaped backtick opens none) `<`, `>` and
 * entity-like `&` become entities, `![` loses its image, and `@name` gets a zero-width space so it pings nobody.
 */
export function escapeInline(text: string, opts: { table?: boolean } = {}): string {
  // Control characters (a terminal escape, a NUL) have no business in a summary; line breaks become spaces.
  const oneLine = text
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
    .replace(CONTROLS, '')
    .replace(/\t/g, ' ')
    .trim();
  let out = '';
  for (const part of splitCodeSpans(oneLine)) {
    // Inside a code span nothing is interpreted (GitHub does not link mentions there either), so only the table
    // pipe needs care (GFM reads `\|` there too).
    out += part.code ? part.text : escapePlain(part.text);
  }
  out = escapeBlockStart(out);
  return opts.table ? escapeTablePipes(out) : out;
}

/** A table cell: {@link escapeInline} with pipes escaped; `-` when empty. */
export function tableCell(text: string): string {
  return text.trim() === '' ? '-' : escapeInline(text, { table: true });
}

/** {@link inlineCode} for a GFM table cell: a `|` in the value cannot end the cell. */
export function tableCode(value: string): string {
  return escapeTablePipes(inlineCode(value.replace(CONTROLS, ' ').replace(/[\t\n\r]/g, ' ')));
}

// GFM splits a row at every `|` not preceded by a backslash, before any inline parsing (code spans too). A
// backslash already before a pipe is doubled first, so `\|` in the text cannot turn our `\|` into `\\|`.
function escapeTablePipes(text: string): string {
  return text.replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`);
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

/**
 * Splits text into code spans and the text between them, as CommonMark does: a backtick run closes at the next
 * run of the same length, and outside code a backslash escapes the character after it (so `\\\`` opens nothing).
 */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
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

/**
 * Text outside code spans: no raw HTML, no image, no mention, and no backtick left to pair with one of the
 * summary's own code spans (or one on the next line of a paragraph): an unmatched backtick is escaped.
 */
function escapePlain(text: string): string {
  let ticked = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      ticked += c + text[i + 1];
      i++;
    } else ticked += c === '`' ? '\\`' : c;
  }
  return (
    escapeHtml(ticked)
      // An image would load a URL from the log in every reviewer's browser.
      .replace(/!\[/g, '!\\[')
      // A zero-width space after `@` keeps `@user`/`@org/team` readable but pings nobody.
      .replace(/@(?=[A-Za-z0-9])/g, '@\u200B')
  );
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
  // `#` heading, `[ ]` task box or `[x]: url` link definition, ``` or ~~~ fence, `>` quote, `+` list.
  if (/^(?:#|\[|`{3}|~{3}|>)/.test(text)) return `\\${text}`;
  if (/^([-*_])[ \t]*\1[ \t]*\1/.test(text) || /^[-+*][ \t]/.test(text) || /^[-+*]$/.test(text)) {
    return `\\${text}`;
  }
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(text);
  if (ordered !== null) return `${ordered[1]}\\${text.slice(ordered[1]!.length)}`;
  return text;
}
