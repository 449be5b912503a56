import type { HooksStatus } from '@roo-session/git/hooks/inspectHooks';

export type HookHealth = {
  installed: boolean;
  hookErrors: number;
  summary: string;
};

/** The one-line view of the hooks for `roo session status`, from what `hooksStatus` found. */
export function summarizeHooks(
  st: Pick<HooksStatus, 'hooks' | 'capture' | 'hookErrors' | 'problems'>,
): HookHealth {
  const installed =
    st.hooks.every((h) => h.state !== 'missing' && h.state !== 'foreign') && st.capture.present;
  const hookErrors = st.hookErrors.text.split('\n').filter((l) => l.trim() !== '').length;
  const summary = !installed
    ? 'not installed: commits are added "(from history)" at the next commit point; run `roo hooks install`'
    : hookErrors > 0
      ? `installed, ${hookErrors} error line(s) in ${st.hookErrors.path}; run \`roo doctor\``
      : st.problems.length > 0
        ? `installed with problems; run \`roo doctor\``
        : 'installed and healthy';
  return { installed, hookErrors, summary };
}
