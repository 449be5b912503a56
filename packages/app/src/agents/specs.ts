/**
 * The agents roo has hook adapters for, and how each one's hook configuration looks (docs/agents.md). Pure data:
 * the fast path of `roo agents hook` imports it, so it must stay small.
 */

export const AGENT_IDS = ['claude', 'codex', 'gemini', 'cursor', 'copilot'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

/** What roo listens to: the user's prompt, the end of a turn, the start of an agent session. */
export const HOOK_EVENTS = ['prompt', 'stop', 'start'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/**
 * - `matchers`: `{ hooks: { <Event>: [ { matcher?, hooks: [ { type: "command", command, timeout } ] } ] } }`
 *   (Claude Code, Codex, Gemini CLI);
 * - `flat`: `{ version: 1, hooks: { <event>: [ { command } ] } }` (Cursor);
 * - `copilot`: `{ version: 1, hooks: { <event>: [ { type: "command", bash, powershell, timeoutSec } ] } }`.
 */
export type ConfigShape = 'matchers' | 'flat' | 'copilot';

/** How the session-start context is printed: plain text, or the JSON the agent reads context from. */
export type StartOutput = 'text' | 'gemini-json' | 'cursor-json';

export type AgentSpec = {
  id: AgentId;
  /** The product's name, for messages. */
  name: string;
  /** The hook configuration file, relative to the repository root. */
  file: string;
  shape: ConfigShape;
  /** The agent's event name for each of roo's events. */
  events: Record<HookEvent, string>;
  /** The `matcher` of the session-start group (`matchers` shape), when the agent wants one. */
  startMatcher?: string;
  /** The timeout field's unit: seconds (Claude, Codex, Copilot) or milliseconds (Gemini); Cursor has none. */
  timeout?: { key: string; value: number };
  startOutput: StartOutput;
};

export const AGENTS: Record<AgentId, AgentSpec> = {
  claude: {
    id: 'claude',
    name: 'Claude Code',
    file: '.claude/settings.json',
    shape: 'matchers',
    events: { prompt: 'UserPromptSubmit', stop: 'Stop', start: 'SessionStart' },
    timeout: { key: 'timeout', value: 10 },
    startOutput: 'text',
  },
  codex: {
    id: 'codex',
    name: 'Codex',
    file: '.codex/hooks.json',
    shape: 'matchers',
    events: { prompt: 'UserPromptSubmit', stop: 'Stop', start: 'SessionStart' },
    timeout: { key: 'timeout', value: 10 },
    startOutput: 'text',
  },
  gemini: {
    id: 'gemini',
    name: 'Gemini CLI',
    file: '.gemini/settings.json',
    shape: 'matchers',
    events: { prompt: 'BeforeAgent', stop: 'AfterAgent', start: 'SessionStart' },
    timeout: { key: 'timeout', value: 10000 },
    startOutput: 'gemini-json',
  },
  cursor: {
    id: 'cursor',
    name: 'Cursor',
    file: '.cursor/hooks.json',
    shape: 'flat',
    events: { prompt: 'beforeSubmitPrompt', stop: 'stop', start: 'sessionStart' },
    startOutput: 'cursor-json',
  },
  copilot: {
    id: 'copilot',
    name: 'GitHub Copilot',
    file: '.github/hooks/roo.json',
    shape: 'copilot',
    events: { prompt: 'userPromptSubmitted', stop: 'agentStop', start: 'sessionStart' },
    timeout: { key: 'timeoutSec', value: 10 },
    startOutput: 'text',
  },
};

export const isAgentId = (value: string): value is AgentId =>
  (AGENT_IDS as readonly string[]).includes(value);
export const isHookEvent = (value: string): value is HookEvent =>
  (HOOK_EVENTS as readonly string[]).includes(value);

/**
 * The command line an agent runs: one executable and plain words, no shell operator or quoting, so it means the
 * same to sh, bash, cmd and PowerShell. `roo` is looked up on the agent's PATH.
 */
export function hookCommand(agent: AgentId, event: HookEvent): string {
  return `roo agents hook ${agent} ${event}`;
}

/** Whether a configured command is one of roo's (any agent, any event): what uninstall and status look for. */
export function isRooHookCommand(command: unknown): boolean {
  return typeof command === 'string' && /^roo agents hook [a-z]+ [a-z]+$/.test(command.trim());
}
