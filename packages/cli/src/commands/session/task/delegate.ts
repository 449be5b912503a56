import { join } from 'node:path';
import { recordTask } from '@roo-session/app/ops/tasks';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionFiles, sessionOption, withPlaceholder } from '../../BaseCommand.js';

export class SessionTaskDelegateCommand extends BaseCommand {
  static override paths = [['session', 'task', 'delegate']];

  static override usage = Command.Usage({
    category: 'Tasks',
    description: 'log that a task was delegated to a mode',
    details: `
      Logs \`Delegated task \\\`<TASK-ID>\\\` to \\\`<mode>\\\`: <objective>\` (the V7 wording) and adds the task to
      \`related_tasks\`.
    `,
    examples: [
      [
        'Delegate a task',
        '$0 session task delegate TASK-API-20261126-0930 --to dev-api Add the rate limiter',
      ],
    ],
  });

  to = withPlaceholder(
    'mode',
    Option.String('--to', { required: true, description: 'The mode (agent) the task goes to' }),
  );
  session = sessionOption();
  taskId = Option.String({ name: 'TASK-ID' });
  objective = Option.Rest({ name: 'objective', required: 1 });

  async run(): Promise<number> {
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.session);
    const r = await recordTask(ws, s, this.taskId, {
      kind: 'delegate',
      mode: this.to,
      objective: this.objective.join(' '),
    });
    this.result(
      'task',
      {
        id: s.id,
        action: 'delegate',
        taskId: r.taskId,
        mode: this.to,
        taskFile: r.file === undefined ? null : join(ws.repo.topLevel, r.file),
        ...sessionFiles(ws, s.id),
      },
      `${s.id}: delegated ${r.taskId} to ${this.to}`,
    );
    if (r.file === undefined) this.warn(`no file for ${r.taskId} under .ruru/tasks/ (logged anyway)`);
    return 0;
  }
}
