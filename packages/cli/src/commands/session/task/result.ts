import { sessionTask } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionOption, withPlaceholder } from '../../BaseCommand.js';

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
    const r = await sessionTask(appContext(this.context), {
      action: 'result',
      taskId: this.taskId,
      mode: this.from,
      text: this.summary.join(' '),
      session: this.session,
    });
    const { warning, ...data } = r;
    this.result('task', data, `${r.id}: recorded the result of ${r.taskId} from ${r.mode}`);
    if (warning !== null) this.warn(warning);
    return 0;
  }
}
