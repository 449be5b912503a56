import { existsSync, rmSync } from 'node:fs';
import { UsageError } from '@roo-session/core';
import { agentStatus, installAgent, uninstallAgent } from '../agents/adapters.js';
import { checkpointAgainFile, checkpointPidFile, noteHookError } from '../agents/hook.js';
import { sessionStartContext } from '../agents/sessionContext.js';
import { AGENT_IDS, type AgentId, isAgentId } from '../agents/specs.js';
import type { AppContext } from '../context.js';
import { checkpointSession } from '../ops/transitions.js';
import { Workspace } from '../store/Workspace.js';

/** `value` as an agent roo has an adapter for, or a usage error naming them (for `roo agents <command>`). */
export function agentId(value: string, command: string): AgentId {
  if (isAgentId(value)) return value;
  throw new UsageError({
    what: `unknown agent \`${value}\`; roo has hook adapters for ${AGENT_IDS.join(', ')}`,
    next: `roo agents ${command} <${AGENT_IDS.join('|')}>`,
  });
}

/** `roo agents install <agent>`: roo's hooks in the agent's configuration, the user's own hooks kept. */
export async function agentsInstall(ctx: AppContext, input: { agent: string; prompts: boolean }) {
  const agent = agentId(input.agent, 'install');
  const r = installAgent(await Workspace.open(ctx), agent, { prompts: input.prompts });
  return { ...r, agent };
}

/** `roo agents uninstall <agent>`: roo's hooks removed, the configuration restored byte for byte. */
export async function agentsUninstall(ctx: AppContext, input: { agent: string }) {
  const agent = agentId(input.agent, 'uninstall');
  return { agent, changes: uninstallAgent(await Workspace.open(ctx), agent) };
}

/** `roo agents status [<agent>]`: for each agent (or the one named), what roo's hooks look like. */
export async function agentsStatus(ctx: AppContext, input: { agent?: string | undefined }) {
  const ids = input.agent === undefined ? [...AGENT_IDS] : [agentId(input.agent, 'status')];
  const ws = await Workspace.open(ctx);
  return { root: ws.repo.topLevel, agents: ids.map((id) => agentStatus(ws, id)) };
}

/**
 * An agent's turn ended (the detached `roo agents checkpoint-turn` its stop hook starts): the active session
 * checkpointed, again while turns keep ending meanwhile (at most three rounds). Never throws: a failure is noted in
 * roo's hook error log, and the lock is released.
 */
export async function agentTurnCheckpoint(ctx: AppContext): Promise<void> {
  let ws: Workspace | undefined;
  try {
    ws = await Workspace.open(ctx);
    for (let round = 0; round < 3; round++) {
      rmSync(checkpointAgainFile(ws.repo.commonDir), { force: true });
      const active = await ws.store.active();
      if (active === undefined) break;
      await checkpointSession(ws, active, { allowSecrets: false, command: 'roo session checkpoint' });
      if (!existsSync(checkpointAgainFile(ws.repo.commonDir))) break;
    }
  } catch (error) {
    if (ws !== undefined) noteHookError(ws.repo, 'agent', 'stop', error);
  } finally {
    if (ws !== undefined) rmSync(checkpointPidFile(ws.repo.commonDir), { force: true });
  }
}

/** What an agent's session-start hook tells it: the active session's goal, status, latest entries, how to log. */
export async function agentSessionContext(ctx: AppContext): Promise<string | undefined> {
  return sessionStartContext(await Workspace.open(ctx));
}
