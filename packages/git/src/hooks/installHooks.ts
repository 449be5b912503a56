import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PreconditionError } from '@roo-session/core/errors';
import type { RepoContext } from '../repoContext.js';
import {
  CHAINED_SUFFIX,
  findBlock,
  HOOK_NAMES,
  type HookName,
  type HookScripts,
  isRooStub,
  loadHookScripts,
  removeBlock,
  replaceBlock,
} from './hookScripts.js';
import { detectHookManagers, readHooksPathSetting, resolveHooksLayout } from './hooksLayout.js';
import { type HooksLayout, isForeignScope } from './hooksPath.js';
import { captureScriptPath, lstatOrNull, managerHookPath, readOrNull } from './inspectHooks.js';
import {
  addManagerParts,
  type HookManager,
  hasAnyParts,
  isManagersHook,
  stripManagerParts,
} from './managers.js';

/** What install or uninstall did to one file. */
export type HookChange = {
  file: string;
  action:
    | 'created'
    | 'updated'
    | 'unchanged'
    | 'chained'
    | 'block-added'
    | 'block-updated'
    | 'removed'
    | 'restored'
    | 'block-removed'
    | 'config-updated'
    | 'config-restored'
    | 'moved';
  /** For `chained`/`restored`: the kept foreign hook; for `moved`: where it went. */
  chained?: string;
  /** A file of the working tree the team shares (a manager's configuration, `.husky/<hook>`): to be committed. */
  shared?: boolean;
};

/** Result of {@link installHooks} / {@link uninstallHooks}. */
export type HooksInstallResult = {
  layout: HooksLayout | null;
  changes: HookChange[];
  /** For `roo doctor` and the command's output: lefthook / pre-commit present, hooks path inside the tree. */
  warnings: string[];
  /** Commands the user still has to run (a hook manager's own install), each with why. */
  next: string[];
};

/** A stub slot cannot be filled: a foreign hook sits next to an older kept one. */
export class HookChainConflictError extends PreconditionError {
  override readonly code: string = 'hook_chain_conflict';
}

/**
 * Replaces `file` in one rename so that a crash leaves the old or the new content, never half a hook. `mode`
 * defaults to the current file's permission bits.
 */
function writeAtomic(file: string, text: string, mode?: number): void {
  const finalMode = mode ?? (lstatOrNull(file)?.mode ?? 0o644) & 0o7777;
  const tmp = `${file}.roo-tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { mode: finalMode });
    // writeFileSync's mode is filtered by the umask; hooks must be executable whatever it is.
    chmodSync(tmp, finalMode);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

function installStub(scripts: HookScripts, hooksDir: string, hook: HookName): HookChange {
  const file = join(hooksDir, hook);
  const chained = file + CHAINED_SUFFIX;
  const stub = scripts.stub(hook);
  const stat = lstatOrNull(file);
  if (stat === null) {
    writeAtomic(file, stub, 0o755);
    return { file, action: 'created' };
  }
  const text = stat.isFile() ? readOrNull(file) : null;
  if (text !== null && isRooStub(text)) {
    if (text === stub && (stat.mode & 0o111) !== 0) return { file, action: 'unchanged' };
    writeAtomic(file, stub, 0o755);
    return { file, action: 'updated' };
  }
  let chainedStat = lstatOrNull(chained);
  if (chainedStat?.isFile() && isRooStub(readOrNull(chained) ?? '')) {
    // roo's own stub kept as a "foreign" hook by an earlier mix-up: running it would capture twice.
    unlinkSync(chained);
    chainedStat = null;
  }
  if (chainedStat !== null && stat.isFile() && chainedStat.isFile() && sameBytes(file, chained)) {
    // A manager (lefthook, pre-commit) put back the very hook roo kept: one copy is enough, the kept one stays.
    unlinkSync(file);
    writeAtomic(file, stub, 0o755);
    return { file, action: 'chained', chained };
  }
  if (chainedStat !== null) {
    throw new HookChainConflictError({
      what:
        `cannot install roo's ${hook} hook: ${file} is not roo's and ${chained} (a hook roo kept earlier) exists ` +
        'too, so chaining would lose one of them; nothing was changed',
      next: 'roo hooks install',
      hint: 'once they are merged by hand into one of the two files and the other is deleted',
    });
  }
  // A rename keeps the foreign hook's bytes, mode and symlink-ness exactly; uninstall renames it back.
  renameSync(file, chained);
  writeAtomic(file, stub, 0o755);
  return { file, action: 'chained', chained };
}

function sameBytes(a: string, b: string): boolean {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

function installManagerEntry(scripts: HookScripts, repo: Pick<RepoContext, 'commonDir'>): HookChange {
  const file = managerHookPath(repo);
  if (readOrNull(file) === scripts.managerHook) return { file, action: 'unchanged' };
  const existed = lstatOrNull(file) !== null;
  writeAtomic(file, scripts.managerHook, 0o644);
  return { file, action: existed ? 'updated' : 'created' };
}

/**
 * A hook manager's layout: roo's command in its configuration, git's hooks left to the manager, and whatever roo
 * or the manager left in the hooks folder cleared (roo's old stubs, the manager's `.old`/`.legacy` copy of one, a
 * kept hook the manager now runs itself).
 */
function installManager(
  scripts: HookScripts,
  m: HookManager,
  hooksDir: string,
  changes: HookChange[],
  warnings: string[],
): string[] {
  const text = readFileSync(m.file, 'utf8');
  const next = addManagerParts(m, stripManagerParts(m, text));
  if (next !== text) {
    writeAtomic(m.file, next);
    changes.push({ file: m.file, action: 'config-updated', shared: true });
  } else changes.push({ file: m.file, action: 'unchanged', shared: true });
  mkdirSync(hooksDir, { recursive: true });
  let needInstall = false;
  for (const hook of HOOK_NAMES) {
    const slot = join(hooksDir, hook);
    const aside = m.aside ? slot + m.aside : null;
    // The manager's copy of roo's stub (`lefthook install` renamed it, `pre-commit install` kept it as legacy):
    // run next to roo's own command it would capture twice, or loop through the chain.
    if (aside !== null) {
      const asideText = lstatOrNull(aside)?.isFile() ? readOrNull(aside) : null;
      if (asideText !== null && isRooStub(asideText)) {
        unlinkSync(aside);
        changes.push({ file: aside, action: 'removed' });
      }
    }
    if (!m.hooks.includes(hook)) {
      changes.push(installStub(scripts, hooksDir, hook));
      continue;
    }
    const removed = uninstallStub(hooksDir, hook);
    if (removed) changes.push(removed);
    const chained = slot + CHAINED_SUFFIX;
    const chainedText = lstatOrNull(chained) === null ? null : (readOrNull(chained) ?? '');
    if (chainedText !== null) {
      const slotText = readOrNull(slot);
      if (isRooStub(chainedText) || isManagersHook(m, hook, chainedText) || sameBytes(slot, chained)) {
        unlinkSync(chained);
        changes.push({ file: chained, action: 'removed' });
      } else if (aside !== null && lstatOrNull(aside) === null && slotText !== null) {
        // A user's own hook roo had kept: the manager runs it from its aside name.
        renameSync(chained, aside);
        changes.push({ file: chained, action: 'moved', chained: aside });
      } else {
        warnings.push(
          `${chained} is a hook roo kept before ${m.name} took over; git no longer runs it: merge it into ` +
            `${m.rel} or delete it`,
        );
      }
    }
    const slotText = readOrNull(slot);
    if (slotText === null || !isManagersHook(m, hook, slotText)) needInstall = true;
  }
  const steps: string[] = [];
  if (needInstall)
    steps.push(`${m.installCommand}   # ${m.name} writes git's hooks from ${m.rel}, roo's command included`);
  if (m.name === 'pre-commit' && next !== text) {
    steps.push(
      `git add ${m.rel}   # pre-commit runs no hook at all while its configuration has unstaged changes`,
    );
  }
  return steps;
}

function installHuskyBlock(
  scripts: HookScripts,
  layout: HooksLayout & { kind: 'husky' },
  hook: HookName,
): HookChange {
  const file = join(layout.huskyDir, hook);
  const text = readOrNull(file);
  if (text === null) {
    // husky 9 runs `.husky/<hook>` with `sh -e`; husky 8 lets git execute it, so it needs a #! and the x bit.
    const shebang = layout.huskyVersion === 8 ? '#!/usr/bin/env sh\n' : '';
    writeAtomic(file, shebang + scripts.huskyBlock(hook, true), layout.huskyVersion === 8 ? 0o755 : 0o644);
    return { file, action: 'created' };
  }
  const span = findBlock(text);
  const block = scripts.huskyBlock(hook, span?.created ?? false);
  const next = replaceBlock(text, block);
  if (next === text) return { file, action: 'unchanged' };
  writeAtomic(file, next);
  return { file, action: span === undefined ? 'block-added' : 'block-updated' };
}

/**
 * Writes `<common>/roo/capture.sh` alone (what `roo doctor --fix` repairs when it is missing or stale), leaving
 * every hook file as it is.
 */
export function installCaptureScript(repo: Pick<RepoContext, 'commonDir'>, hooksSrcDir: string): HookChange {
  return installCapture(loadHookScripts(hooksSrcDir), repo);
}

function installCapture(scripts: HookScripts, repo: Pick<RepoContext, 'commonDir'>): HookChange {
  const file = captureScriptPath(repo);
  mkdirSync(dirname(file), { recursive: true });
  if (readOrNull(file) === scripts.capture) return { file, action: 'unchanged' };
  const existed = lstatOrNull(file) !== null;
  // Sourced by the hooks, never executed: no x bit needed.
  writeAtomic(file, scripts.capture, 0o644);
  return { file, action: existed ? 'updated' : 'created' };
}

/**
 * `roo hooks install` (hooks/README.md): copies `capture.sh` to `<common>/roo/`, then either adds marked blocks to
 * `.husky/<hook>` (never touching `.husky/_/`) or writes stubs into git's hooks folder, keeping any foreign hook
 * as `<hook>.roo-chained` and running it from the stub with the same arguments, stdin and exit code.
 * Idempotent. Throws `GlobalHooksPathError` (exit 3) when `core.hooksPath` is set outside the repository, and
 * {@link HookChainConflictError} when a hook cannot be chained without losing a file.
 *
 * @param hooksSrcDir the `hooks/` folder of roo's own installation (capture.sh and the stub templates).
 */
export async function installHooks(repo: RepoContext, hooksSrcDir: string): Promise<HooksInstallResult> {
  const scripts = loadHookScripts(hooksSrcDir);
  const layout = await resolveHooksLayout(repo);
  const changes: HookChange[] = [installCapture(scripts, repo)];
  const warnings = detectHookManagers(repo.topLevel, layout);
  let next: string[] = [];
  if (layout.kind === 'husky') {
    for (const hook of HOOK_NAMES) {
      const change = installHuskyBlock(scripts, layout, hook);
      changes.push({ ...change, shared: isInside(repo.topLevel, change.file) });
    }
  } else if (layout.kind === 'manager') {
    changes.push(installManagerEntry(scripts, repo));
    next = installManager(scripts, layout.manager, layout.hooksDir, changes, warnings);
  } else {
    mkdirSync(layout.hooksDir, { recursive: true });
    for (const hook of HOOK_NAMES) changes.push(installStub(scripts, layout.hooksDir, hook));
  }
  if (layout.kind === 'stubs' && layout.setting !== null && isInside(repo.topLevel, layout.hooksDir)) {
    warnings.push(
      `core.hooksPath points into the working tree (${layout.setting.value}): roo's stubs there are files of ` +
        'this worktree; commit them, or other clones and worktrees will not capture',
    );
  }
  return { layout, changes, warnings, next };
}

function isInside(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
}

function uninstallStub(hooksDir: string, hook: HookName): HookChange | undefined {
  const file = join(hooksDir, hook);
  const chained = file + CHAINED_SUFFIX;
  const text = lstatOrNull(file)?.isFile() ? readOrNull(file) : null;
  if (text === null || !isRooStub(text)) return undefined;
  if (lstatOrNull(chained) !== null) {
    renameSync(chained, file);
    return { file, action: 'restored', chained };
  }
  unlinkSync(file);
  return { file, action: 'removed' };
}

function uninstallHuskyBlock(huskyDir: string, hook: HookName): HookChange | undefined {
  const file = join(huskyDir, hook);
  const text = readOrNull(file);
  if (text === null) return undefined;
  const span = findBlock(text);
  if (span === undefined) return undefined;
  const rest = removeBlock(text);
  if (span.created && (rest === '' || rest === '#!/usr/bin/env sh\n')) {
    unlinkSync(file);
    return { file, action: 'removed' };
  }
  writeAtomic(file, rest);
  return { file, action: 'block-removed' };
}

/**
 * `roo hooks uninstall`: removes exactly what {@link installHooks} added — roo's stubs (renaming each kept hook
 * back, so its bytes and mode are as before), roo's blocks in `.husky/<hook>` (a file roo created is deleted),
 * and `<common>/roo/capture.sh`. The journal and the rest of `<common>/roo/` stay. Works even when
 * `core.hooksPath` is set globally (it then cleans `<common>/hooks`).
 */
export async function uninstallHooks(repo: RepoContext): Promise<HooksInstallResult> {
  const setting = await readHooksPathSetting(repo);
  const layout = isForeignScope(setting) ? null : await resolveHooksLayout(repo);
  const changes: HookChange[] = [];
  const stubDirs = new Set([join(repo.commonDir, 'hooks')]);
  if (layout !== null) stubDirs.add(layout.hooksDir);
  for (const hook of HOOK_NAMES) {
    if (layout?.kind === 'husky') {
      const change = uninstallHuskyBlock(layout.huskyDir, hook);
      if (change) changes.push(change);
    }
    for (const dir of stubDirs) {
      const change = uninstallStub(dir, hook);
      if (change) changes.push(change);
    }
  }
  const next: string[] = [];
  if (layout?.kind === 'manager') {
    const m = layout.manager;
    const text = readOrNull(m.file);
    if (text !== null && hasAnyParts(m, text)) {
      const restored = stripManagerParts(m, text);
      writeAtomic(m.file, restored);
      changes.push({ file: m.file, action: 'config-restored', shared: true });
      // The manager's hook for a hook type only roo's command used (lefthook and pre-commit never delete one).
      for (const hook of m.hooks) {
        const slot = join(layout.hooksDir, hook);
        const slotText = readOrNull(slot);
        if (
          m.name !== 'simple-git-hooks' &&
          !restored.includes(hook) &&
          slotText !== null &&
          isManagersHook(m, hook, slotText)
        ) {
          unlinkSync(slot);
          changes.push({ file: slot, action: 'removed' });
        }
      }
      if (m.name === 'simple-git-hooks') {
        next.push(
          `${m.installCommand}   # rewrites git's hooks without roo's command (it does nothing meanwhile)`,
        );
      }
    }
    for (const hook of HOOK_NAMES) {
      const aside = m.aside ? join(layout.hooksDir, hook + m.aside) : null;
      const asideText = aside && lstatOrNull(aside)?.isFile() ? readOrNull(aside) : null;
      if (aside && asideText !== null && isRooStub(asideText)) {
        unlinkSync(aside);
        changes.push({ file: aside, action: 'removed' });
      }
    }
  }
  for (const file of [captureScriptPath(repo), managerHookPath(repo)]) {
    if (lstatOrNull(file) !== null) {
      unlinkSync(file);
      changes.push({ file, action: 'removed' });
    }
  }
  return { layout, changes, warnings: [], next };
}
