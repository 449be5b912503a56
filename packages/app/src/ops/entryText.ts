import { UsageError } from '@roo-session/core';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Everything on `stream` (stdin) as UTF-8 text; a usage error for bytes that are not UTF-8. */
export async function readStreamText(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError({
      what: 'the message on stdin is not valid UTF-8; nothing was logged',
      next: 'roo session log --stdin',
      hint: 'again with UTF-8 text on stdin',
    });
  }
}
