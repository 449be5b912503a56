import { sessionTask } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionOption, withPlaceholder } from '../../BaseCommand.js';

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
    const r = await sessionTask(appContext(this.context), {
      action: 'delegate',
      taskId: this.taskId,
      mode: this.to,
      text: this.objective.join(' '),
      session: this.session,
    });
    const { warning, ...data } = r;
    this.result('task', data, `${r.id}: delegated ${r.taskId} to ${r.mode}`);
    if (warning !== null) this.warn(warning);
    return 0;
  }
}
