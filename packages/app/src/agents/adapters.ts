import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { writeTextAtomic } from '../store/fsio.js';
import type { Workspace } from '../store/Workspace.js';
import { addAgentsMdBlock, removeAgentsMdBlock } from './agentsMd.js';
import { agentsStateDir } from './hook.js';
import { addRooHooks, installedEvents, removeRooHooks } from './hookConfig.js';
import { AGENTS, type AgentId, HOOK_EVENTS, type HookEvent } from './specs.js';

/**
 * What install changed in one file, kept in `<common>/roo/agents/<name>.json` (never committed), so uninstall
 * puts back the exact bytes: the original (base64; null when roo created the file), what roo wrote, and the
 * folders roo created for it (removed again when empty).
 */
type FileState = { file: string; original: string | null; written: string; createdDirs: string[] };
type AgentState = FileState & { agent: AgentId; events: HookEvent[] };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function stateFile(ws: Workspace, name: string): string {
  return join(agentsStateDir(ws.repo.commonDir), `${name}.json`);
}

function readState<T>(ws: Workspace, name: string): T | undefined {
  const text = readOrUndefined(stateFile(ws, name));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function writeState(ws: Workspace, name: string, state: unknown): void {
  mkdirSync(agentsStateDir(ws.repo.commonDir), { recursive: true });
  writeTextAtomic(stateFile(ws, name), `${JSON.stringify(state, null, 2)}\n`);
}

/** The folders `mkdir -p` of `dir` would create, outermost first (below `top`). */
function missingDirs(top: string, dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== top && d.startsWith(top) && !existsSync(d); d = dirname(d)) out.unshift(d);
  return out;
}

/**
 * Writes `next` to `rel` and records what was there before: the true original is kept across reinstalls (the file
 * still as roo wrote it), and a file that already held roo's part (committed by a teammate) is recorded without
 * it (`inverse`), so uninstall never puts roo's hooks back. Returns the state to keep.
 */
function writeTracked(
  ws: Workspace,
  rel: string,
  next: string,
  previous: FileState | undefined,
  inverse: (t: string) => string | undefined,
): FileState {
  const file = join(ws.repo.topLevel, rel);
  const before = readOrUndefined(file);
  const keep = previous !== undefined && before === previous.written;
  const createdDirs = keep ? previous.createdDirs : missingDirs(ws.repo.topLevel, dirname(file));
  mkdirSync(dirname(file), { recursive: true });
  if (before !== next) writeTextAtomic(file, next);
  let original: string | null;
  if (keep) original = previous.original;
  else if (before === undefined) original = null;
  else original = b64(inverse(before) ?? before);
  return { file: rel, original, written: next, createdDirs };
}

/**
 * Puts `state.file` back: the saved bytes when the file is still exactly what roo wrote, else `inverse` of its
 * current text (roo's part taken out, the user's later edits kept); a file roo created and that holds nothing
 * else is deleted, with the folders roo created for it if they are empty.
 */
function restoreTracked(
  ws: Workspace,
  state: FileState | undefined,
  rel: string,
  inverse: (t: string) => string | undefined,
  isEmpty: (t: string) => boolean,
): Change {
  const file = join(ws.repo.topLevel, rel);
  const now = readOrUndefined(file);
  if (now === undefined) return change(ws, rel, 'unchanged', 'already gone');
  let result: Change;
  if (state !== undefined && now === state.written) {
    if (state.original === null) {
      rmSync(file);
      removeEmptyDirs(state.createdDirs);
      return change(ws, rel, 'removed', 'removed (roo created it)');
    }
    writeTextAtomic(file, unb64(state.original).toString('utf8'));
    result = change(ws, rel, 'restored', 'restored as it was before install');
  } else {
    const next = inverse(now);
    if (next === undefined || next === now) return change(ws, rel, 'unchanged', "nothing of roo's left");
    if (state?.original === null && isEmpty(next)) {
      rmSync(file);
      removeEmptyDirs(state.createdDirs);
      return change(ws, rel, 'removed', 'removed (roo created it)');
    }
    writeTextAtomic(file, next);
    result = change(
      ws,
      rel,
      'block-removed',
      "roo's part removed (the file changed since install; your changes are kept)",
    );
  }
  return result;
}

function removeEmptyDirs(dirs: readonly string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      if (statSync(dir).isDirectory() && readdirSync(dir).length === 0) rmdirSync(dir);
    } catch {
      // Gone already, or not ours to remove any more.
    }
  }
}

/** One file install or uninstall touched: its absolute path, what happened, and the line the text output shows. */
export type Change = {
  file: string;
  action: 'created' | 'updated' | 'unchanged' | 'removed' | 'restored' | 'block-removed';
  line: string;
};

function change(ws: Workspace, rel: string, action: Change['action'], what: string): Change {
  return { file: join(ws.repo.topLevel, rel), action, line: `${rel}: ${what}` };
}

/** Whether a hook configuration holds nothing but what roo would add to an empty file (`version`). */
const isEmptyConfig = (text: string): boolean => {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return Object.keys(value).every((k) => k === 'version');
  } catch {
    return false;
  }
};

export type InstallResult = {
  agent: AgentId;
  /** The configuration file (absolute). */
  file: string;
  events: HookEvent[];
  changes: Change[];
  warnings: string[];
};

/**
 * `roo agents install <agent>`: roo's handlers in the agent's hook configuration, after the user's own, and
 * roo's block in AGENTS.md. `prompts: false` leaves out the prompt hook.
 */
export function installAgent(ws: Workspace, agent: AgentId, options: { prompts: boolean }): InstallResult {
  const spec = AGENTS[agent];
  const events = HOOK_EVENTS.filter((e) => options.prompts || e !== 'prompt');
  const previous = readState<AgentState>(ws, agent);
  const before = readOrUndefined(join(ws.repo.topLevel, spec.file));
  const next = addRooHooks(before, spec, events);
  const state = writeTracked(ws, spec.file, next, previous, (t) => removeRooHooks(t, spec));
  writeState(ws, agent, { ...state, agent, events } satisfies AgentState);
  const action = before === undefined ? 'created' : before === next ? 'unchanged' : 'updated';
  const changes = [
    change(ws, spec.file, action, `${spec.name} runs roo on ${events.map((e) => spec.events[e]).join(', ')}`),
    installAgentsMd(ws),
  ];
  const warnings = rooOnPath(ws.ctx.env)
    ? []
    : [
        '`roo` is not on this PATH; the hooks run `roo agents hook …`, so install roo where the agent finds it ' +
          '(`npm install -g @roo-session/cli`)',
      ];
  return { agent, file: join(ws.repo.topLevel, spec.file), events, changes, warnings };
}

/** `roo agents uninstall <agent>`: the configuration back as it was; AGENTS.md too once no agent is left. */
export function uninstallAgent(ws: Workspace, agent: AgentId): Change[] {
  const spec = AGENTS[agent];
  const state = readState<AgentState>(ws, agent);
  const lines = [restoreTracked(ws, state, spec.file, (t) => removeRooHooks(t, spec), isEmptyConfig)];
  rmSync(stateFile(ws, agent), { force: true });
  if (installedAgents(ws).length === 0) lines.push(uninstallAgentsMd(ws));
  return lines;
}

/** `roo init --agents` and every install: roo's block in AGENTS.md (refreshed if there). */
export function installAgentsMd(ws: Workspace): Change {
  const previous = readState<FileState>(ws, 'agents-md');
  const before = readOrUndefined(join(ws.repo.topLevel, 'AGENTS.md'));
  const next = addAgentsMdBlock(before);
  writeState(ws, 'agents-md', writeTracked(ws, 'AGENTS.md', next, previous, removeAgentsMdBlock));
  if (before === next) return change(ws, 'AGENTS.md', 'unchanged', 'block already there');
  return change(ws, 'AGENTS.md', before === undefined ? 'created' : 'updated', 'how to log with roo added');
}

function uninstallAgentsMd(ws: Workspace): Change {
  const state = readState<FileState>(ws, 'agents-md');
  const line = restoreTracked(ws, state, 'AGENTS.md', removeAgentsMdBlock, (t) => t.trim() === '');
  rmSync(stateFile(ws, 'agents-md'), { force: true });
  return line;
}

/** The agents whose adapter roo installed in this clone (a saved state), in the order of AGENTS. */
export function installedAgents(ws: Workspace): AgentId[] {
  return (Object.keys(AGENTS) as AgentId[]).filter((a) => existsSync(stateFile(ws, a)));
}

export type AgentStatus = {
  agent: AgentId;
  name: string;
  /** The configuration file (absolute). */
  file: string;
  /** `installed` (every event roo installed is there), `partial`, `missing` (no roo handler), `absent` (no file). */
  state: 'installed' | 'partial' | 'missing' | 'absent';
  events: HookEvent[];
  /** The events install put there that are not there any more. */
  lost: HookEvent[];
  /** Hooks of the user's (or other tools') in the same events, left as they are. */
  otherHooks: number;
  /** Whether the file is still byte for byte what roo wrote (null: roo has no record of installing it here). */
  unchangedSinceInstall: boolean | null;
};

/** `roo agents status`: for each agent (or one), whether roo's hooks are there and whole. */
export function agentStatus(ws: Workspace, agent: AgentId): AgentStatus {
  const spec = AGENTS[agent];
  const state = readState<AgentState>(ws, agent);
  const text = readOrUndefined(join(ws.repo.topLevel, spec.file));
  if (text === undefined) {
    return {
      agent,
      name: spec.name,
      file: join(ws.repo.topLevel, spec.file),
      state: 'absent',
      events: [],
      lost: state?.events ?? [],
      otherHooks: 0,
      unchangedSinceInstall: state === undefined ? null : false,
    };
  }
  const { events, foreign } = installedEvents(text, spec);
  const wanted =
    state?.events ?? (events.length > 0 ? [...new Set<HookEvent>(['start', 'stop', ...events])] : []);
  const lost = wanted.filter((e) => !events.includes(e));
  return {
    agent,
    name: spec.name,
    file: join(ws.repo.topLevel, spec.file),
    state: events.length === 0 ? 'missing' : lost.length > 0 ? 'partial' : 'installed',
    events,
    lost,
    otherHooks: foreign,
    unchangedSinceInstall: state === undefined ? null : state.written === text,
  };
}

/** Whether an executable `roo` is on `PATH` (`roo.cmd`/`roo.exe` on Windows). */
function rooOnPath(env: Record<string, string | undefined>): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  const names = process.platform === 'win32' ? ['roo.cmd', 'roo.exe', 'roo.ps1'] : ['roo'];
  return dirs.some((d) => names.some((n) => existsSync(join(d, n))));
}
