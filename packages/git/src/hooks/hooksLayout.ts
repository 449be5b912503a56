import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PreconditionError } from '@roo-session/core/errors';
import type { RepoContext } from '../repoContext.js';
import { runGitIn } from '../runGit.js';
import { shellQuote } from '../shellQuote.js';
import { HOOK_NAMES } from './hookScripts.js';
import {
  HOOKS_PATH_CONFIG_ARGS,
  type HooksLayout,
  type HooksPathSetting,
  isForeignScope,
  layoutFromHooksPath,
  parseHooksPathSetting,
} from './hooksPath.js';

/** `core.hooksPath` comes from the global, system or command-line config: it is not this repository's to change. */
export class GlobalHooksPathError extends PreconditionError {
  override readonly code: string = 'global_hooks_path';
  constructor(
    readonly setting: HooksPathSetting,
    commonDir: string,
  ) {
    const remove =
      setting.scope === 'command'
        ? 'or run roo without the `-c core.hooksPath` / GIT_CONFIG_* setting'
        : `or remove the ${setting.scope} one with \`git config --${setting.scope} --unset core.hooksPath\``;
    super({
      what:
        `core.hooksPath is set in the ${setting.scope} git config, so git runs the hooks of that folder in every ` +
        'repository and roo cannot install its own for this one',
      seen: `${setting.origin}: ${setting.value}`,
      next: `git config core.hooksPath ${shellQuote(join(commonDir, 'hooks'))}`,
      hint: `to give this repository its own (${remove}), then \`roo hooks install\``,
    });
  }
}

/** The effective `core.hooksPath` and where it is set; null when unset. */
export async function readHooksPathSetting(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
): Promise<HooksPathSetting | null> {
  return parseHooksPathSetting(await runGitIn(repo, HOOKS_PATH_CONFIG_ARGS, { allowFail: true }));
}

/**
 * Works out {@link HooksLayout}. Throws {@link GlobalHooksPathError} (exit 3) when `core.hooksPath` comes from
 * outside the repository. A local value is followed: husky 9 (`<dir>/_`), husky 8 (`.husky` with `_/husky.sh`),
 * or any other folder, where stubs go.
 */
export async function resolveHooksLayout(
  repo: Pick<RepoContext, 'topLevel' | 'commonDir' | 'env'>,
): Promise<HooksLayout> {
  const setting = await readHooksPathSetting(repo);
  if (setting !== null && isForeignScope(setting)) throw new GlobalHooksPathError(setting, repo.commonDir);
  // --git-path hooks follows core.hooksPath (a relative one is relative to the worktree top) and points at the
  // common dir's hooks in a linked worktree; --path-format=absolute (git 2.31) spares resolving it ourselves.
  const result = await runGitIn(repo, ['rev-parse', '--path-format=absolute', '--git-path', 'hooks']);
  return layoutFromHooksPath(setting, result.stdout.trim(), repo.topLevel);
}

/**
 * What to say about hook managers (lefthook, simple-git-hooks, pre-commit) in this layout: where roo's command
 * lives and what to commit and run, or why roo could not use a manager's configuration (its install then replaces
 * roo's stubs).
 */
export function detectHookManagers(topLevel: string, layout: HooksLayout): string[] {
  const warnings: string[] = [];
  if (layout.kind === 'husky') return warnings;
  if (layout.kind === 'manager') {
    const m = layout.manager;
    const stubs = HOOK_NAMES.filter((h) => !m.hooks.includes(h));
    warnings.push(
      `${m.name} manages git hooks here: roo's commands are in ${m.rel} (commit it, with .ruru/config.toml, so ` +
        `every clone captures); \`${m.installCommand}\` writes them into git's hooks` +
        (stubs.length > 0
          ? `; ${stubs.join(', ')} keeps roo's own stub (${m.name} gives that hook no stdin)`
          : ''),
    );
  }
  for (const u of layout.unsupported ?? []) {
    warnings.push(
      `${u.name} is configured in ${u.rel}, but roo cannot add its command there (${u.why}); roo's stubs are in ` +
        `git's hooks folder instead, and ${u.name}'s own install replaces them: run \`roo hooks install\` after it ` +
        '(`roo doctor` checks), or add roo\'s command by hand (docs/architecture.md, "Hook managers")',
    );
  }
  if (layout.kind === 'stubs' && existsSync(join(topLevel, '.pre-commit-config.yaml'))) {
    warnings.push(
      "pre-commit is configured here but has not installed git hooks: roo's stubs do the capture; after " +
        '`pre-commit install`, run `roo hooks install` again and roo moves its part into .pre-commit-config.yaml',
    );
  }
  return warnings;
}
