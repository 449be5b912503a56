import type { AppContext } from '../context.js';
import { checkSessions } from '../ops/checkSessions.js';
import { runDoctor } from '../ops/doctor.js';
import { Workspace } from '../store/Workspace.js';

/**
 * `roo session check [<path>…] [--changed-since <ref>]`: the session folders checked against the V7 format and the
 * secret scan. `ok` is false when any finding is an error (the CLI exits 5).
 */
export async function sessionCheck(
  ctx: AppContext,
  input: { targets?: readonly string[] | undefined; changedSince?: string | undefined },
) {
  const ws = await Workspace.open(ctx);
  const result = await checkSessions(
    ws,
    input.targets ?? [],
    input.changedSince === undefined ? {} : { changedSince: input.changedSince },
  );
  const ok = !result.findings.some((f) => f.severity === 'error');
  return { ok, root: ws.repo.topLevel, ...result };
}

/** `roo doctor [--fix]`: roo's own health in this repository, each check with the fix for it. */
export async function doctor(ctx: AppContext, input: { fix?: boolean | undefined }) {
  const ws = await Workspace.open(ctx);
  const checks = await runDoctor(ws, { fix: input.fix ?? false });
  return { ok: checks.every((c) => c.ok), checks };
}
