import { agentTurnCheckpoint } from '@roo-session/app/useCases/index';
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
    await agentTurnCheckpoint(appContext(this.context));
    return 0;
  }
}
