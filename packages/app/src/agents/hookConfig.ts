import { PreconditionError } from '@roo-session/core/errors';
import { type AgentSpec, HOOK_EVENTS, type HookEvent, hookCommand, isRooHookCommand } from './specs.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a JSON file is laid out, so roo's rewrite of it reads like the user's: indent and final newline. */
type Layout = { indent: string | number; finalNewline: boolean; eol: string };

function layoutOf(text: string | undefined): Layout {
  if (text === undefined) return { indent: 2, finalNewline: true, eol: '\n' };
  const m = /\n([ \t]+)\S/.exec(text);
  const indent = m?.[1] === undefined ? 2 : m[1].startsWith('\t') ? '\t' : m[1].length;
  return { indent, finalNewline: /\n$/.test(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function render(value: Json, layout: Layout): string {
  const text = JSON.stringify(value, null, layout.indent).replace(/\n/g, layout.eol);
  return layout.finalNewline ? `${text}${layout.eol}` : text;
}

/** The file parsed as a JSON object; a file that is not one is refused (roo rewrites nothing it cannot read). */
function parse(text: string, file: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PreconditionError({
      what: `cannot read ${file}: not valid JSON; nothing was changed`,
      seen: (error as Error).message,
      hint: 'fix the file (or move it away), then run the command again',
    });
  }
  if (!isObject(value)) {
    throw new PreconditionError({
      what: `cannot read ${file}: expected a JSON object; nothing was changed`,
      seen: Array.isArray(value) ? 'an array' : typeof value,
      hint: 'fix the file, then run the command again',
    });
  }
  return value;
}

/** One hook handler as the agent's format writes it. */
function handler(spec: AgentSpec, event: HookEvent): Json {
  const command = hookCommand(spec.id, event);
  const timeout = spec.timeout === undefined ? {} : { [spec.timeout.key]: spec.timeout.value };
  switch (spec.shape) {
    case 'matchers':
      return { type: 'command', command, ...timeout };
    case 'flat':
      return { command };
    case 'copilot':
      // The same line for both shells: one executable and plain words mean the same to bash and PowerShell.
      return { type: 'command', bash: command, powershell: command, ...timeout };
  }
}

/** The command of a handler, in any of the three shapes. */
const commandOf = (h: unknown): unknown => (isObject(h) ? (h.command ?? h.bash ?? h.powershell) : undefined);

/**
 * The configuration with roo's handlers for `events` added after the user's own (any roo handler already there
 * is replaced, so installing twice changes nothing). `text` undefined: the file does not exist yet.
 */
export function addRooHooks(text: string | undefined, spec: AgentSpec, events: readonly HookEvent[]): string {
  const layout = layoutOf(text);
  const config = text === undefined ? {} : parse(text, spec.file);
  const cleaned = text === undefined ? config : stripRoo(config);
  if (spec.shape !== 'matchers' && cleaned.version === undefined) cleaned.version = 1;
  if (cleaned.hooks !== undefined && !isObject(cleaned.hooks)) {
    throw new PreconditionError({
      what: `cannot add hooks to ${spec.file}: its \`hooks\` is not an object; nothing was changed`,
      hint: 'fix the file, then run the command again',
    });
  }
  const hooks = (cleaned.hooks ?? {}) as Json;
  for (const event of events) {
    const name = spec.events[event];
    const list = hooks[name];
    if (list !== undefined && !Array.isArray(list)) {
      throw new PreconditionError({
        what: `cannot add hooks to ${spec.file}: \`hooks.${name}\` is not an array; nothing was changed`,
        hint: 'fix the file, then run the command again',
      });
    }
    const entry =
      spec.shape === 'matchers'
        ? {
            ...(event === 'start' && spec.startMatcher !== undefined ? { matcher: spec.startMatcher } : {}),
            hooks: [handler(spec, event)],
          }
        : handler(spec, event);
    hooks[name] = [...((list as unknown[] | undefined) ?? []), entry];
  }
  cleaned.hooks = hooks;
  return render(cleaned, layout);
}

/**
 * The configuration without any roo handler (what `uninstall` writes when the file changed since install, so the
 * saved original cannot be restored as is): a group left with no handler goes, an event left with no group goes,
 * and a `hooks` object left empty goes. Everything else stays as the user has it.
 */
export function removeRooHooks(text: string, spec: AgentSpec): string {
  const config = parse(text, spec.file);
  const stripped = stripRoo(config);
  // Nothing of roo's: the text as it is, not re-rendered.
  return JSON.stringify(stripped) === JSON.stringify(config) ? text : render(stripped, layoutOf(text));
}

function stripRoo(config: Json): Json {
  const out: Json = { ...config };
  if (!isObject(out.hooks)) return out;
  const hooks: Json = {};
  for (const [event, list] of Object.entries(out.hooks)) {
    if (!Array.isArray(list)) {
      hooks[event] = list;
      continue;
    }
    const kept: unknown[] = [];
    let changed = false;
    for (const item of list) {
      if (isRooHookCommand(commandOf(item))) {
        changed = true;
        continue;
      }
      if (isObject(item) && Array.isArray(item.hooks)) {
        const inner = item.hooks.filter((h) => !isRooHookCommand(commandOf(h)));
        if (inner.length !== item.hooks.length) {
          changed = true;
          if (inner.length > 0) kept.push({ ...item, hooks: inner });
          continue;
        }
      }
      kept.push(item);
    }
    if (!changed || kept.length > 0) hooks[event] = changed ? kept : list;
  }
  if (Object.keys(hooks).length === 0) delete out.hooks;
  else out.hooks = hooks;
  return out;
}

/** Which of roo's events the configuration runs roo for, with the exact command roo installs. */
export function installedEvents(text: string, spec: AgentSpec): { events: HookEvent[]; foreign: number } {
  let config: Json;
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    return { events: [], foreign: 0 };
  }
  const hooks = isObject(config) && isObject(config.hooks) ? config.hooks : {};
  const events: HookEvent[] = [];
  let foreign = 0;
  for (const event of HOOK_EVENTS) {
    const list = hooks[spec.events[event]];
    if (!Array.isArray(list)) continue;
    const commands = list.flatMap((item) =>
      isObject(item) && Array.isArray(item.hooks) ? item.hooks.map(commandOf) : [commandOf(item)],
    );
    if (commands.includes(hookCommand(spec.id, event))) events.push(event);
    foreign += commands.filter((c) => !isRooHookCommand(c)).length;
  }
  return { events, foreign };
}
