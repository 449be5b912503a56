import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PreconditionError } from '@roo-session/core';
import { shellQuote } from '../atomicCommit.js';
import { HOOK_NAMES } from './hookScripts.js';

/**
 * What hook install needs from a repository. `GitRepo` satisfies it; `run` executes git in `topLevel` with
 * `env` added to the repository's own environment.
 */
export interface HookRepo {
  readonly topLevel: string;
  readonly gitDir: string;
  readonly commonDir: string;
  /** The environment git runs with (optional: used to spot `ROO_HOOKS=0` / `HUSKY=0`). */
  readonly env?: Record<string, string>;
  run(
    args: readonly string[],
    options?: { env?: Record<string, string>; allowFail?: boolean },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

/** Where `core.hooksPath` came from (`git config --show-scope --show-origin`). */
export type HooksPathSetting = { value: string; scope: string; origin: string };

/**
 * How hooks are wired in this repository:
 * - `stubs`: roo's stub files in `hooksDir` (`git rev-parse --git-path hooks`: `<common>/hooks`, or a local
 *   non-husky `core.hooksPath`), foreign hooks chained;
 * - `husky`: marked blocks in `<huskyDir>/<hook>`; `hooksDir` is what git runs (husky 9: `.husky/_`, generated
 *   and untracked; husky 8: `.husky` itself).
 */
export type HooksLayout =
  | { kind: 'stubs'; hooksDir: string; setting: HooksPathSetting | null }
  | { kind: 'husky'; huskyVersion: 8 | 9; huskyDir: string; hooksDir: string; setting: HooksPathSetting };

/** `core.hooksPath` comes from the global, system or command-line config: it is not this repository's to change. */
export class GlobalHooksPathError extends PreconditionError {
  constructor(
    readonly setting: HooksPathSetting,
    commonDir: string,
  ) {
    const remove =
      setting.scope === 'command'
        ? 'or run roo without the `-c core.hooksPath` / GIT_CONFIG_* setting'
        : `or remove the ${setting.scope} one with \`git config --${setting.scope} --unset core.hooksPath\``;
    super(
      `core.hooksPath is set in the ${setting.scope} git config (${setting.origin}: ${setting.value}), so git runs ` +
        'the hooks of that folder in every repository and roo cannot install its own for this one; ' +
        `give this repository its own with \`git config core.hooksPath ${shellQuote(join(commonDir, 'hooks'))}\` (${remove}), ` +
        'then run `roo hooks install`',
    );
  }
}

/** The effective `core.hooksPath` and where it is set; null when unset. */
export async function readHooksPathSetting(repo: HookRepo): Promise<HooksPathSetting | null> {
  // --show-scope/--show-origin (git 2.26): one "scope\torigin\tvalue" line per definition; the last one wins.
  const result = await repo.run(['config', '--show-scope', '--show-origin', '--get-all', 'core.hooksPath'], {
    allowFail: true,
  });
  if (result.exitCode !== 0) return null;
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  const [scope = '', origin = '', ...rest] = last.split('\t');
  return { scope, origin, value: rest.join('\t') };
}

/** Whether git would use a hooks path from outside this repository's own config. */
export function isForeignScope(setting: HooksPathSetting | null): boolean {
  return setting !== null && setting.scope !== 'local' && setting.scope !== 'worktree';
}

/**
 * Works out {@link HooksLayout}. Throws {@link GlobalHooksPathError} (exit 3) when `core.hooksPath` comes from
 * outside the repository. A local value is followed: husky 9 (`<dir>/_`), husky 8 (`.husky` with `_/husky.sh`),
 * or any other folder, where stubs go.
 */
export async function resolveHooksLayout(repo: HookRepo): Promise<HooksLayout> {
  const setting = await readHooksPathSetting(repo);
  if (setting !== null && isForeignScope(setting)) throw new GlobalHooksPathError(setting, repo.commonDir);
  // --git-path hooks follows core.hooksPath (a relative one is relative to the worktree top) and points at the
  // common dir's hooks in a linked worktree; --path-format=absolute (git 2.31) spares resolving it ourselves.
  const result = await repo.run(['rev-parse', '--path-format=absolute', '--git-path', 'hooks']);
  const hooksDir = result.stdout.trim();
  if (setting !== null) {
    if (basename(hooksDir) === '_') {
      return { kind: 'husky', huskyVersion: 9, huskyDir: dirname(hooksDir), hooksDir, setting };
    }
    if (existsSync(join(hooksDir, '_', 'husky.sh'))) {
      return { kind: 'husky', huskyVersion: 8, huskyDir: hooksDir, hooksDir, setting };
    }
  }
  return { kind: 'stubs', hooksDir, setting };
}

const LEFTHOOK_FILES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', 'lefthook.json'];

/**
 * Hook managers that also write `.git/hooks` (lefthook, pre-commit): roo chains their hooks, but running their
 * own install again replaces roo's stubs, so `roo doctor` warns.
 */
export function detectHookManagers(topLevel: string, hooksDir: string): string[] {
  const found = new Set<string>();
  if (LEFTHOOK_FILES.some((name) => existsSync(join(topLevel, name)))) found.add('lefthook');
  if (existsSync(join(topLevel, '.pre-commit-config.yaml'))) found.add('pre-commit');
  for (const hook of [...HOOK_NAMES, 'pre-commit', 'pre-push']) {
    for (const file of [join(hooksDir, hook), join(hooksDir, `${hook}.roo-chained`)]) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (/lefthook/i.test(text)) found.add('lefthook');
      if (/pre-commit\.com|File generated by pre-commit/.test(text)) found.add('pre-commit');
    }
  }
  const warnings: string[] = [];
  if (found.has('lefthook')) {
    warnings.push(
      "lefthook manages git hooks here: roo chains its hooks, but `lefthook install` replaces roo's stubs; " +
        'run `roo hooks install` again after it (`roo doctor` checks)',
    );
  }
  if (found.has('pre-commit')) {
    warnings.push(
      "pre-commit manages git hooks here: roo chains its hooks, but `pre-commit install` replaces roo's " +
        'stubs of the hook types it installs; run `roo hooks install` again after it (`roo doctor` checks)',
    );
  }
  return warnings;
}
