import type { Workspace } from '../store/Workspace.js';

/** Notes the repository's failed post-checkout hook as a warning: the switch itself went through. */
export function warnHookFailure(
  ws: Workspace,
  branch: string,
  failure: { exitCode: number; message: string },
): void {
  const said = failure.message === '' ? 'it printed nothing' : `it said: ${failure.message}`;
  ws.ctx.note(
    `warning: git switched to \`${branch}\`, but this repository's own post-checkout hook failed ` +
      `(git exited ${failure.exitCode}); ${said}\n` +
      'roo went on; fix the hook (what it runs, e.g. install git-lfs), then run `git checkout` again if it should have done something here',
  );
}
