/**
 * Fault injection for the recovery tests (docs/git-design.md, "Recovery"): when `ROO_TEST_CRASH` names this
 * point, the process kills itself with SIGKILL right here — no cleanup, no `finally`, exactly as a power cut or
 * `kill -9` would leave things. The tests then run the same command again and check that it completes or undoes
 * the work. Unset (always, outside those tests), it costs one environment lookup.
 */
export function crashPoint(name: string): void {
  if (process.env.ROO_TEST_CRASH === name) process.kill(process.pid, 'SIGKILL');
}
