/**
 * The block roo keeps in `AGENTS.md` (the instructions file every agent reads): how to log with roo. Between two
 * marker comments, so roo finds and removes exactly its own lines (docs/agents.md).
 */
export const AGENTS_MD_BEGIN =
  '<!-- roo:agents:begin (written by `roo agents install`; `roo agents uninstall` removes it) -->';
export const AGENTS_MD_END = '<!-- roo:agents:end -->';

export function agentsMdBlock(eol = '\n'): string {
  return [
    AGENTS_MD_BEGIN,
    '## Session log (roo)',
    '',
    'This repository keeps a session log with `roo`: a goal, what was decided and done, committed with the work.',
    '',
    '- `roo session status` shows the active session (goal, folder, log path); without one, start it:',
    '  `roo session start "<goal>"`.',
    '- Log as you work, one entry per decision, delegation, result or error:',
    '  `roo session log --type decision "<what and why>"` (types: note, decision, prompt, delegation, result,',
    '  confirmation, error).',
    '- Write a document into the session: `roo session artifact new <name>` prints its path.',
    '- Link a task: `roo session task link <TASK-ID>`; `roo session checkpoint` commits the log; `roo session end`',
    '  closes the session.',
    '- With MCP, run `roo mcp` and use its tools instead: status, start, log, artifact, task, checkpoint, end.',
    '',
    "Your prompts and turn ends are recorded by roo's agent hooks. Never put credentials in an entry.",
    AGENTS_MD_END,
    '',
  ].join(eol);
}

/** The file with roo's block at its end (or the block refreshed in place); `text` undefined: a new file. */
export function addAgentsMdBlock(text: string | undefined): string {
  const eol = text?.includes('\r\n') ? '\r\n' : '\n';
  const block = agentsMdBlock(eol);
  if (text === undefined || text === '') return block;
  const span = findBlock(text);
  if (span !== undefined) return text.slice(0, span.start) + block + text.slice(span.end);
  const sep = text.endsWith(`${eol}${eol}`) ? '' : text.endsWith(eol) ? eol : `${eol}${eol}`;
  return text + sep + block;
}

/**
 * The file without roo's block and the blank line roo put before it. Used when the saved original cannot be
 * restored as is (the file changed since); undefined when there is no block.
 */
export function removeAgentsMdBlock(text: string): string | undefined {
  const span = findBlock(text);
  if (span === undefined) return undefined;
  let before = text.slice(0, span.start);
  const after = text.slice(span.end);
  if (after === '') before = before.replace(/(\r?\n)\r?\n$/, '$1');
  return before + after;
}

/** Where the block is: from its begin marker to the end of its end marker's line. */
function findBlock(text: string): { start: number; end: number } | undefined {
  const start = text.indexOf(AGENTS_MD_BEGIN);
  if (start < 0) return undefined;
  const endMarker = text.indexOf(AGENTS_MD_END, start);
  if (endMarker < 0) return undefined;
  let end = endMarker + AGENTS_MD_END.length;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text.startsWith('\n', end)) end += 1;
  return { start, end };
}
