/*
 * `core.hooksPath`: its setting as git reports it, and the hooks layout it gives. Apart from hooksLayout.ts (the
 * install's errors and warnings) so that `roo session status` checks the hooks with only what it needs
 * (docs/performance.md's start-up budget).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cleanGitEnv, runGit } from '../runGit.js';
import { detectManager, type HookManager, type UnsupportedManager } from './managers.js';

/** Where `core.hooksPath` came from (`git config --show-scope --show-origin`). */
export type HooksPathSetting = { value: string; scope: string; origin: string };

/**
 * How hooks are wired in this repository:
 * - `stubs`: roo's stub files in `hooksDir` (`git rev-parse --git-path hooks`: `<common>/hooks`, or a local
 *   non-husky `core.hooksPath`), foreign hooks chained;
 * - `husky`: marked blocks in `<huskyDir>/<hook>`; `hooksDir` is what git runs (husky 9: `.husky/_`, generated
 *   and untracked; husky 8: `.husky` itself);
 * - `manager`: lefthook, simple-git-hooks or pre-commit writes `hooksDir` from its configuration; roo's command is
 *   in that configuration (managers.ts), and roo's stubs fill only the hooks the manager does not run for roo.
 */
export type HooksLayout =
  | { kind: 'stubs'; hooksDir: string; setting: HooksPathSetting | null; unsupported?: UnsupportedManager[] }
  | { kind: 'husky'; huskyVersion: 8 | 9; huskyDir: string; hooksDir: string; setting: HooksPathSetting }
  | {
      kind: 'manager';
      manager: HookManager;
      hooksDir: string;
      setting: null;
      unsupported?: UnsupportedManager[];
    };

/**
 * The git arguments whose answer {@link parseHooksPathSetting} reads. --show-scope/--show-origin (git 2.26): one
 * "scope\torigin\tvalue" line per definition.
 */
export const HOOKS_PATH_CONFIG_ARGS = [
  'config',
  '--show-scope',
  '--show-origin',
  '--get-all',
  'core.hooksPath',
] as const;

/**
 * The effective `core.hooksPath` and where it is set, from git's answer to {@link HOOKS_PATH_CONFIG_ARGS}: the
 * last definition wins. Null when unset (git exits 1), and when git could not read the config at all.
 */
export function parseHooksPathSetting(result: { exitCode: number; stdout: string }): HooksPathSetting | null {
  if (result.exitCode !== 0) return null;
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  const [scope = '', origin = '', ...rest] = last.split('\t');
  return { scope, origin, value: rest.join('\t') };
}

/**
 * The effective `core.hooksPath` as git reads it in `cwd` (any folder of the worktree: the same config files
 * apply), with `env` cleaned as for discovery. Lets a caller ask in parallel with discovery; `readHooksPathSetting`
 * asks a discovered repository.
 */
export async function readHooksPathSettingIn(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<HooksPathSetting | null> {
  return parseHooksPathSetting(
    await runGit(HOOKS_PATH_CONFIG_ARGS, { cwd, env: cleanGitEnv(env), allowFail: true }),
  );
}

/** Whether git would use a hooks path from outside this repository's own config. */
export function isForeignScope(setting: HooksPathSetting | null): boolean {
  return setting !== null && setting.scope !== 'local' && setting.scope !== 'worktree';
}

/**
 * The layout for a repository-local (or absent) `setting`, `hooksDir` being git's absolute
 * `rev-parse --git-path hooks`. A set value is followed: husky 9 (`<dir>/_`), husky 8 (`.husky` with
 * `_/husky.sh`), or any other folder, where stubs go.
 */
export function layoutFromHooksPath(
  setting: HooksPathSetting | null,
  hooksDir: string,
  topLevel?: string,
): HooksLayout {
  if (setting === null && topLevel !== undefined) {
    // Hook managers write git's own hooks folder; with core.hooksPath set they step aside (or refuse).
    const { manager, unsupported } = detectManager(topLevel, hooksDir);
    const more = unsupported.length > 0 ? { unsupported } : {};
    if (manager !== null) return { kind: 'manager', manager, hooksDir, setting: null, ...more };
    return { kind: 'stubs', hooksDir, setting, ...more };
  }
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
