import { existsSync, rmSync } from 'node:fs';
import { checkpointAgainFile, checkpointPidFile, noteHookError } from '@roo-session/app/agents/hook';
import { checkpointSession } from '@roo-session/app/ops/transitions';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command } from 'clipanion';
import { appContext } from '../../context.js';
import { BaseCommand } from '../BaseCommand.js';

export class AgentsCheckpointTurnCommand extends BaseCommand {
  static override paths = [['agents', 'checkpoint-turn']];

  /** Run by agents' hooks, not by people: left out of help and the command tree (`roo help --agent`). */
  static internal = true;

  static override usage = Command.Usage({
    category: 'Agents',
    description: "checkpoint after an agent's turn (started detached by the turn-end hook)",
    details: `
      Checkpoints the active session (a checkpoint right after the previous one replaces it), once more if another
      turn ended meanwhile, then removes the lock the hook took. Failures go to the hook error log.
    `,
  });

  async run(): Promise<number> {
    let ws: Workspace | undefined;
    try {
      ws = await Workspace.open(appContext(this.context));
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
    return 0;
  }
}
