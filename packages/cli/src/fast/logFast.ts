// Subpath imports, not the package indexes: the fast paths' bundle (bundle.mjs) must reach only what they run.

import { recordEntryFast } from '@roo-session/app/fast/activeSession';
import { freeEntry, LOG_ENTRY_TYPES, type LogEntryType, shapeEntryText } from '@roo-session/core/log/entries';
import { discoverRepo } from '@roo-session/git/discover';
import type { RooContext } from '../context.js';

/**
 * The common case of `roo session log [--type <type>] [--] <message…>`, which agents run at every step: one
 * `git rev-parse`, then {@link recordEntryFast}. Its cost does not depend on the log's size (docs/performance.md).
 * Anything unusual returns false without writing, and the full command runs.
 */
export async function logEntryFast(argv: readonly string[], context: RooContext): Promise<boolean> {
  const parsed = parseLogArgs(argv);
  if (parsed === undefined) return false;
  const q = context.env.ROO_SESSION_ID;
  if (q !== undefined && q !== '') return false;
  const repo = await discoverRepo(context.cwd, context.env as NodeJS.ProcessEnv);
  const id = recordEntryFast(repo, {
    at: context.now(),
    payload: { entry: freeEntry(parsed.type, parsed.message), type: parsed.type },
  });
  if (id === undefined) return false;
  context.stdout.write(`logged to ${id}\n`);
  return true;
}

/** `[--type <t> | --type=<t>] [--] words…` (what the full command accepts in its plainest form), else undefined. */
function parseLogArgs(argv: readonly string[]): { type: LogEntryType; message: string } | undefined {
  let type: string = 'note';
  const words: string[] = [];
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (rest || !arg.startsWith('-') || arg === '-') {
      if (arg === '-') return undefined;
      words.push(arg);
      continue;
    }
    if (arg === '--') rest = true;
    else if (arg === '--type' && i + 1 < argv.length) type = argv[++i]!;
    else if (arg.startsWith('--type=')) type = arg.slice('--type='.length);
    else return undefined;
  }
  if (words.length === 0 || !(LOG_ENTRY_TYPES as readonly string[]).includes(type)) return undefined;
  const message = shapeEntryText(words.join(' '));
  // A blank message: the full command refuses it by name.
  return message.trim() === '' ? undefined : { type: type as LogEntryType, message };
}
