import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoContext } from '../repoContext.js';
import { runGitIn } from '../runGit.js';
import { HOOK_NAMES, type HookName, loadHookScripts } from './hookScripts.js';
import { detectHookManagers, GlobalHooksPathError, resolveHooksLayout } from './hooksLayout.js';
import type { HooksLayout } from './hooksPath.js';
import { type HooksStatus, inspectHooks, isExecutable } from './inspectHooks.js';

export type { HookFileStatus, HookState, HooksStatus } from './inspectHooks.js';

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * `roo hooks status`: the state of each hook, of `<common>/roo/capture.sh` (present, and byte-equal to the
 * repo's `hooks/capture.sh` as install writes it, without comments), of the journal (writable by the hooks) and
 * `hook-errors.log`, with a fix for each problem. Reads only; never throws for a problem it can describe.
 */
export async function hooksStatus(repo: RepoContext, hooksSrcDir: string): Promise<HooksStatus> {
  const scripts = loadHookScripts(hooksSrcDir);
  const problems: HooksStatus['problems'] = [];
  let layout: HooksLayout | null = null;
  try {
    layout = await resolveHooksLayout(repo);
  } catch (error) {
    if (!(error instanceof GlobalHooksPathError)) throw error;
    problems.push({
      message: `core.hooksPath is set in the ${error.setting.scope} git config (${error.setting.origin}): roo's hooks cannot run`,
      fix: error.next ?? 'roo hooks install',
    });
  }
  const inspected = inspectHooks(repo, layout, scripts);
  const warnings = layout === null ? [] : detectHookManagers(repo.topLevel, layout);
  return { ...inspected, problems: [...problems, ...inspected.problems], warnings };
}

/** One hook in {@link CaptureProof}. */
export type HookProof = {
  name: HookName;
  /** The file git executes for this hook in this worktree. */
  file: string;
  fires: boolean;
  /** Why it does not fire (empty when it does). */
  detail: string;
};

/** Result of {@link proveCapture}. */
export type CaptureProof = {
  ok: boolean;
  /** `git hook run` (git 2.36+) actually ran each hook in probe mode; `static` only checked the files. */
  method: 'git hook run' | 'static';
  hooks: HookProof[];
  /** The command that fixes what failed, or null. */
  fix: string | null;
};

/**
 * For `roo doctor`: proves that git reaches roo's capture from THIS worktree. First the files git would run
 * here (husky's `.husky/_` is untracked, so a fresh linked worktree has none until `npx husky` or `npm install`
 * runs there), then, when they are roo's, each hook is run through `git hook run` with `ROO_PROBE=<file>`: the
 * capture only appends "<hook>\t<worktree>" to that file and the hook stops before any chained or user hook.
 */
export async function proveCapture(repo: RepoContext, hooksSrcDir: string): Promise<CaptureProof> {
  const status = await hooksStatus(repo, hooksSrcDir);
  const layout = status.layout;
  if (layout === null) {
    const fix = status.problems[0]?.fix ?? 'roo hooks install';
    return {
      ok: false,
      method: 'static',
      hooks: HOOK_NAMES.map((name) => ({ name, file: '', fires: false, detail: 'core.hooksPath is global' })),
      fix,
    };
  }
  let fix: string | null = null;
  const proofs: HookProof[] = status.hooks.map((hook) => {
    const file = join(layout.hooksDir, hook.name);
    let detail = '';
    if (hook.state === 'missing' || hook.state === 'foreign' || hook.state === 'outdated') {
      detail = `roo's hook is ${hook.state === 'outdated' ? 'outdated' : 'not installed'} (${hook.file})`;
      fix ??= 'roo hooks install';
    } else if (layout.kind === 'manager' && hook.state === 'managed') {
      const problem = status.problems.find((p) => p.message.startsWith(`${hook.name}: `));
      if (problem) {
        detail = problem.message;
        fix ??= problem.fix;
      } else if (!hook.executable) {
        detail = `${layout.manager.name} has not written ${file}`;
        fix ??= layout.manager.installCommand;
      }
    } else if (layout.kind === 'husky' && !isExecutable(file)) {
      detail = `git runs ${file} here and it does not exist: husky's generated folder is untracked and missing in this worktree`;
      fix ??= `cd ${JSON.stringify(repo.topLevel)} && npx husky (or npm install, which runs husky's prepare script)`;
    } else if (!isExecutable(file)) {
      detail = `${file} is not executable, so git skips it`;
      fix ??= 'roo hooks install';
    } else if (!status.capture.present) {
      detail = `${status.capture.path} is missing`;
      fix ??= 'roo hooks install';
    }
    return { name: hook.name, file, fires: detail === '', detail };
  });
  const env = repo.env;
  if (env.ROO_HOOKS === '0') {
    for (const proof of proofs) proof.detail ||= 'ROO_HOOKS=0 is set in this environment: capture is off';
  }
  if (layout.kind === 'husky' && env.HUSKY === '0') {
    for (const proof of proofs) proof.detail ||= 'HUSKY=0 is set in this environment: husky runs no hook';
  }
  for (const proof of proofs) proof.fires = proof.detail === '';
  if (proofs.some((proof) => !proof.fires)) return { ok: false, method: 'static', hooks: proofs, fix };

  // Every file is roo's and in place: now let git itself resolve and run each hook.
  const probe = join(repo.commonDir, 'roo', `probe-${process.pid}-${Date.now()}`);
  let method: CaptureProof['method'] = 'git hook run';
  try {
    for (const proof of proofs) {
      const args = PROBE_ARGS[proof.name];
      const result = await runGitIn(repo, ['hook', 'run', '--ignore-missing', proof.name, '--', ...args], {
        allowFail: true,
        env: { ROO_PROBE: probe },
      });
      if (/is not a git command|unknown subcommand/.test(result.stderr)) {
        method = 'static';
        break;
      }
      const seen = (readOrNull(probe) ?? '').split('\n').some((line) => line.split('\t')[0] === proof.name);
      if (!seen) {
        proof.fires = false;
        proof.detail = `git ran no roo capture for ${proof.name} here (exit ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''})`;
        fix ??= probeFix(layout, result.stderr);
      }
    }
  } finally {
    rmSync(probe, { force: true });
  }
  return { ok: proofs.every((proof) => proof.fires), method, hooks: proofs, fix };
}

/** What to run when git ran the hook but roo's capture did not answer. */
function probeFix(layout: HooksLayout, stderr: string): string {
  if (layout.kind !== 'manager') return 'roo hooks install';
  const m = layout.manager;
  // pre-commit runs no hook at all while its configuration has unstaged changes (roo's edit, until committed).
  if (/configuration is unstaged/.test(stderr)) return `git add ${m.rel}`;
  return m.installCommand;
}

// Arguments shaped like git's; the probe returns before looking at them.
const ZERO = '0000000000000000000000000000000000000000';
const PROBE_ARGS: Record<HookName, string[]> = {
  'post-commit': [],
  'post-checkout': [ZERO, ZERO, '0'],
  'post-merge': ['0'],
  'post-rewrite': ['amend'],
  'prepare-commit-msg': ['/dev/null', 'message'],
};
