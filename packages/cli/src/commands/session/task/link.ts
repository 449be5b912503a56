import { join } from 'node:path';
import { recordTask } from '@roo-session/app/ops/tasks';
import { Workspace } from '@roo-session/app/store/Workspace';
import { Command, Option } from 'clipanion';
import { appContext } from '../../../context.js';
import { BaseCommand, sessionFiles, sessionOption } from '../../BaseCommand.js';

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
    const ws = await Workspace.open(appContext(this.context));
    const s = await ws.store.resolve(this.session);
    const r = await recordTask(ws, s, this.taskId, { kind: 'link' });
    this.result(
      'task',
      {
        id: s.id,
        action: 'link',
        taskId: r.taskId,
        mode: null,
        taskFile: r.file === undefined ? null : join(ws.repo.topLevel, r.file),
        ...sessionFiles(ws, s.id),
      },
      `${s.id}: linked ${r.taskId}`,
    );
    if (r.file === undefined) this.warn(`no file for ${r.taskId} under .ruru/tasks/ (linked anyway)`);
    return 0;
  }
}
