/*
 * The file checks of `roo hooks status` once the layout is known: no git process, and nothing of install or the
 * atomic commit loaded, so that `roo session status` can run them within docs/performance.md's start-up budget.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RepoContext } from '../repoContext.js';
import {
  CHAINED_SUFFIX,
  findBlock,
  HOOK_NAMES,
  type HookName,
  type HookScripts,
  isRooStub,
} from './hookScripts.js';
import type { HooksLayout } from './hooksPath.js';
import { type HookManager, hasCurrentParts, isManagersHook } from './managers.js';

/**
 * One hook as roo sees it:
 * - `installed`: roo's stub, nothing chained; `foreign-chained`: roo's stub running a kept foreign hook;
 * - `husky-block`: roo's block in `.husky/<hook>`;
 * - `managed`: roo's command is current in the hook manager's configuration (whether the manager has written
 *   git's hook from it is a problem of its own, fixed by the manager's install);
 * - `outdated`: roo's stub or block, but not the current text (run `roo hooks install`);
 * - `foreign`: a hook file without roo in it; `missing`: no file.
 */
export type HookState =
  | 'installed'
  | 'foreign-chained'
  | 'husky-block'
  | 'managed'
  | 'outdated'
  | 'foreign'
  | 'missing';

export type HookFileStatus = {
  name: HookName;
  /** The file holding roo's part (stub or `.husky/<hook>`). */
  file: string;
  state: HookState;
  /** The kept foreign hook a stub runs, if any. */
  chained: string | null;
  /** For stubs: git only runs executable hooks. Husky 9 runs `.husky/<hook>` with `sh`, so always true there. */
  executable: boolean;
};

/** Result of `hooksStatus`. */
export type HooksStatus = {
  /** null when `core.hooksPath` is set outside the repository (see `problems`). */
  layout: HooksLayout | null;
  hooks: HookFileStatus[];
  capture: { path: string; present: boolean; current: boolean };
  journal: { path: string; exists: boolean; writable: boolean; bytes: number };
  /** `<common>/roo/hook-errors.log`; `text` is '' when there is none. */
  hookErrors: { path: string; text: string };
  /** Lines for `roo doctor`: what is wrong and the command that fixes it. Empty when all is well. */
  problems: { message: string; fix: string }[];
  /** Not wrong, but worth saying (lefthook / pre-commit present). */
  warnings: string[];
};

/** `<common>/roo/capture.sh`. */
export function captureScriptPath(repo: Pick<RepoContext, 'commonDir'>): string {
  return join(repo.commonDir, 'roo', 'capture.sh');
}

/** `<common>/roo/hook.sh`: what the command in a hook manager's configuration sources. */
export function managerHookPath(repo: Pick<RepoContext, 'commonDir'>): string {
  return join(repo.commonDir, 'roo', 'hook.sh');
}

/** Whether `file` exists and has an execute bit git would honour. */
export function isExecutable(file: string): boolean {
  try {
    return (statSync(file).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

// Hook files are small scripts; `.husky/<hook>` is repository content, where a link to /dev/zero or a FIFO must
// neither block nor fill memory.
const MAX_HOOK_FILE_BYTES = 1024 * 1024;

/**
 * The text of `file`, or null when it cannot be read (missing, a folder, a FIFO or device, over 1 MiB). Opened
 * with O_NONBLOCK so that a FIFO is refused at once instead of waiting for a writer.
 */
export function readOrNull(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_HOOK_FILE_BYTES) return null;
    return readFileSync(fd, 'utf8');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function stubStatus(scripts: HookScripts, hooksDir: string, hook: HookName): HookFileStatus {
  const file = join(hooksDir, hook);
  const chainedFile = file + CHAINED_SUFFIX;
  const chained = existsOrLink(chainedFile) ? chainedFile : null;
  const text = readOrNull(file);
  const executable = isExecutable(file);
  if (text === null)
    return { name: hook, file, state: existsOrLink(file) ? 'foreign' : 'missing', chained, executable };
  if (!isRooStub(text)) return { name: hook, file, state: 'foreign', chained, executable };
  const state: HookState =
    text !== scripts.stub(hook) || !executable ? 'outdated' : chained ? 'foreign-chained' : 'installed';
  return { name: hook, file, state, chained, executable };
}

function huskyStatus(
  scripts: HookScripts,
  layout: HooksLayout & { kind: 'husky' },
  hook: HookName,
): HookFileStatus {
  const file = join(layout.huskyDir, hook);
  const text = readOrNull(file);
  const executable = layout.huskyVersion === 9 ? text !== null : isExecutable(file);
  if (text === null) return { name: hook, file, state: 'missing', chained: null, executable };
  const span = findBlock(text);
  if (span === undefined) return { name: hook, file, state: 'foreign', chained: null, executable };
  const current = text.slice(span.start, span.end) === scripts.huskyBlock(hook, span.created);
  return {
    name: hook,
    file,
    state: current && executable ? 'husky-block' : 'outdated',
    chained: null,
    executable,
  };
}

/**
 * A hook the manager runs for roo: `managed` when the configuration holds roo's current command. What git's hook
 * file is (the manager's, roo's stub left over, nothing) goes to `problems` in {@link managerProblems}.
 */
function managedStatus(
  m: HookManager,
  configText: string | null,
  hooksDir: string,
  hook: HookName,
): HookFileStatus {
  const slot = join(hooksDir, hook);
  const slotText = readOrNull(slot);
  const executable = slotText !== null && isExecutable(slot) && isManagersHook(m, hook, slotText);
  const state: HookState =
    configText === null ? 'missing' : hasCurrentParts(m, configText) ? 'managed' : 'outdated';
  return { name: hook, file: m.file, state, chained: null, executable };
}

/** What a hook manager layout still needs: the manager's own install, or roo's leftovers cleared. */
export function managerProblems(m: HookManager, hooksDir: string): { message: string; fix: string }[] {
  const problems: { message: string; fix: string }[] = [];
  for (const hook of m.hooks) {
    const slot = join(hooksDir, hook);
    const text = readOrNull(slot);
    const leftovers = [slot + CHAINED_SUFFIX, ...(m.aside ? [slot + m.aside] : [])].filter((f) => {
      const t = readOrNull(f);
      return t !== null && (isRooStub(t) || f.endsWith(CHAINED_SUFFIX));
    });
    if (text !== null && isRooStub(text)) {
      problems.push({
        message: `${hook}: roo's old stub is in ${slot}, where ${m.name} should have its hook`,
        fix: 'roo hooks install',
      });
    } else if (leftovers.length > 0) {
      problems.push({
        message: `${hook}: roo's leftovers from before ${m.name} are in the way: ${leftovers.join(', ')}`,
        fix: 'roo hooks install',
      });
    } else if (text === null || !isExecutable(slot) || !isManagersHook(m, hook, text)) {
      problems.push({
        message:
          `${hook}: ${m.name} has not written git's hook ${slot} from ${m.rel} yet, so roo's command there does ` +
          'not run',
        fix: m.installCommand,
      });
    }
  }
  return problems;
}

/** The lstat of `file` (a symlink itself, not its target), or null when there is nothing there. */
export function lstatOrNull(file: string): Stats | null {
  try {
    // throwIfNoEntry: a missing file is the common answer here, and an exception costs far more than the lstat.
    return lstatSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function existsOrLink(file: string): boolean {
  return lstatOrNull(file) !== null;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The state of each hook in `layout` (none when null), of `<common>/roo/capture.sh` (present, and byte-equal to
 * `scripts.capture`), of the journal (writable by the hooks) and `hook-errors.log`, with a fix for each problem.
 * Reads files only; `hooksStatus` adds the layout's own problem and the hook-manager warnings.
 */
export function inspectHooks(
  repo: Pick<RepoContext, 'commonDir'>,
  layout: HooksLayout | null,
  scripts: HookScripts,
): Omit<HooksStatus, 'warnings'> {
  const problems: HooksStatus['problems'] = [];
  const configText = layout?.kind === 'manager' ? readOrNull(layout.manager.file) : null;
  const hooks: HookFileStatus[] =
    layout === null
      ? []
      : HOOK_NAMES.map((hook) =>
          layout.kind === 'husky'
            ? huskyStatus(scripts, layout, hook)
            : layout.kind === 'manager' && layout.manager.hooks.includes(hook)
              ? managedStatus(layout.manager, configText, layout.hooksDir, hook)
              : stubStatus(scripts, layout.hooksDir, hook),
        );
  for (const hook of hooks) {
    if (hook.state === 'missing' || hook.state === 'foreign') {
      problems.push({
        message: `${hook.name}: roo's hook is not installed (${hook.file})`,
        fix: 'roo hooks install',
      });
    } else if (hook.state === 'outdated') {
      problems.push({
        message: `${hook.name}: roo's hook is outdated or not executable (${hook.file})`,
        fix: 'roo hooks install',
      });
    }
  }
  if (layout?.kind === 'manager') {
    const m = layout.manager;
    problems.push(...managerProblems(m, layout.hooksDir));
    const entryPath = managerHookPath(repo);
    if (readOrNull(entryPath) !== scripts.managerHook) {
      problems.push({ message: `${entryPath} is missing or not current`, fix: 'roo hooks install' });
    }
  }

  const capturePath = captureScriptPath(repo);
  const captureText = readOrNull(capturePath);
  const capture = {
    path: capturePath,
    present: captureText !== null,
    current: captureText === scripts.capture,
  };
  if (!capture.current) {
    problems.push({
      message: capture.present
        ? `${capturePath} is not the current capture script`
        : `${capturePath} is missing`,
      fix: 'roo hooks install',
    });
  }

  const rooDir = join(repo.commonDir, 'roo');
  const journalPath = join(rooDir, 'journal');
  let bytes = 0;
  let exists = false;
  try {
    bytes = statSync(journalPath).size;
    exists = true;
  } catch {}
  const writable = exists ? isWritable(journalPath) : existsSync(rooDir) && isWritable(rooDir);
  if (!writable) {
    problems.push({
      message: `the hooks cannot write the journal ${journalPath}`,
      fix: `chmod u+w ${JSON.stringify(exists ? journalPath : rooDir)}`,
    });
  }
  const errorsPath = join(rooDir, 'hook-errors.log');
  const errorsText = readOrNull(errorsPath) ?? '';
  if (errorsText.trim() !== '') {
    problems.push({
      message: `the hooks logged errors in ${errorsPath}`,
      fix: `read it, fix the cause, then delete it: \`rm ${JSON.stringify(errorsPath)}\``,
    });
  }
  return {
    layout,
    hooks,
    capture,
    journal: { path: journalPath, exists, writable, bytes },
    hookErrors: { path: errorsPath, text: errorsText },
    problems,
  };
}
