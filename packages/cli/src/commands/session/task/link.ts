import { sessionTask } from '@roo-session/app/useCases/index';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionOption } from '../../BaseCommand.js';

export class SessionTaskLinkCommand extends BaseCommand {
  static override paths = [['session', 'task', 'link']];

  static override usage = Command.Usage({
    category: 'Tasks',
    description: 'link an MDTM task to the session',
    details: `
      Adds the task ID to \`related_tasks\` and logs it. The ID must look like \`TASK-…\`
      (\`^TASK-[A-Za-z0-9][A-Za-z0-9_.-]*$\`). The task file is looked up under \`.ruru/tasks/\`; the link is made even
      when there is none, and roo says so.
    `,
    examples: [['Link a task', '$0 session task link TASK-BACKEND-20261126-091500']],
  });

  session = sessionOption();
  taskId = Option.String({ name: 'TASK-ID' });

  async run(): Promise<number> {
    const r = await sessionTask(appContext(this.context), {
      action: 'link',
      taskId: this.taskId,
      session: this.session,
    });
    const { warning, ...data } = r;
    this.result('task', data, `${r.id}: linked ${r.taskId}`);
    if (warning !== null) this.warn(warning);
    return 0;
  }
}
