import { join } from 'node:path';
import { recordTask } from '@roo-session/app/ops/tasks';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionFiles, sessionOption, withPlaceholder } from '../../BaseCommand.js';

export class SessionTaskResultCommand extends BaseCommand {
  static override paths = [['session', 'task', 'result']];

  static override usage = Command.Usage({
    category: 'Tasks',
    description: 'log the result a mode returned for a task',
    details: `
      Logs \`Received result from \\\`<mode>\\\` for task \\\`<TASK-ID>\\\`: <summary>\` (the V7 wording) and adds the task
      to \`related_tasks\` if it is not there yet.
    `,
    examples: [
      [
        'Record a result',
        '$0 session task result TASK-API-20261126-0930 --from dev-api Success, 12 tests added',
      ],
    ],
  });

  from = withPlaceholder(
    'mode',
    Option.String('--from', {
      required: true,
      description: 'The mode (agent) that returned the result',
    }),
  );
  session = sessionOption();
  taskId = Option.String({ name: 'TASK-ID' });
  summary = Option.Rest({ name: 'summary', required: 1 });

  async run(): Promise<number> {
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.session);
    const r = await recordTask(ws, s, this.taskId, {
      kind: 'result',
      mode: this.from,
      summary: this.summary.join(' '),
    });
    this.result(
      'task',
      {
        id: s.id,
        action: 'result',
        taskId: r.taskId,
        mode: this.from,
        taskFile: r.file === undefined ? null : join(ws.repo.topLevel, r.file),
        ...sessionFiles(ws, s.id),
      },
      `${s.id}: recorded the result of ${r.taskId} from ${this.from}`,
    );
    return 0;
  }
}
