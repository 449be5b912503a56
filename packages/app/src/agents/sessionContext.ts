import { relative } from 'node:path';
import { withPending } from '../ops/foldJournal.js';
import type { Workspace } from '../store/Workspace.js';
import type { StartOutput } from './specs.js';

/** How many of the latest entries the session-start context shows. */
const LAST_ENTRIES = 8;

/**
 * What an agent is told when its session starts (docs/agents.md): the active roo session's goal, status, branch,
 * log path and latest entries (pending ones folded in), and how to log. Undefined without an Active session.
 */
export async function sessionStartContext(ws: Workspace): Promise<string | undefined> {
  const active = await ws.store.active();
  if (active === undefined) return undefined;
  const s = await withPending(ws, active);
  const meta = s.doc.meta;
  const logRel = relative(ws.repo.topLevel, active.logPath).split('\\').join('/');
  const goal = (s.doc.goal || meta.title).replace(/\s+/g, ' ').trim();
  const entries = s.doc.entries
    .slice(-LAST_ENTRIES)
    .map((e) => `- ${e.raw.replace(/^\s*-\s*/, '').replace(/\s*<!-- roo:[^>]*-->\s*$/, '')}`);
  return [
    `roo session ${s.id} is active on branch \`${meta.branch}\` (status: ${meta.statusRaw}).`,
    `Goal: ${goal}`,
    `Log: ${logRel}`,
    ...(entries.length > 0 ? ['Latest entries:', ...entries] : []),
    'Log your decisions, delegations, results and errors as you work: `roo session log --type decision "<what and why>"`',
    '(types: note, decision, prompt, delegation, result, confirmation, error); `roo session artifact new <name>` for a',
    'document; `roo session status` for the session. Your prompts and turn ends are recorded for you.',
  ].join('\n');
}

/** The context as the agent reads it from a session-start hook's stdout. */
export function formatStartOutput(output: StartOutput, text: string): string {
  switch (output) {
    case 'text':
      return `${text}\n`;
    case 'gemini-json':
      return `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: text } })}\n`;
    case 'cursor-json':
      return `${JSON.stringify({ additional_context: text })}\n`;
  }
}
