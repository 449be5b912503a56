import { UsageError } from '@roo-session/core';

/**
 * A multi-line message shaped as the body of ONE V7 log entry: the first line goes after `- [timestamp] `, every
 * following line is indented by two spaces, so the whole entry renders as one Markdown list item (blank lines stay
 * blank: a list item may hold several paragraphs). Line endings become `\n`; blank lines at the start and the end,
 * trailing spaces and runs of blank lines are dropped.
 */
export function shapeEntryText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '' && out.at(-1) === '') continue;
    out.push(i === 0 || line === '' ? line : `  ${line}`);
  }
  return out.join('\n');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Everything on `stream` (stdin) as UTF-8 text; a usage error for bytes that are not UTF-8. */
export async function readStreamText(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError(
      'the message on stdin is not valid UTF-8; nothing was logged\n' +
        'run `roo session log --stdin` again with UTF-8 text on stdin',
    );
  }
}
