import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hooks roo installs (hooks/README.md). */
export const HOOK_NAMES = [
  'post-commit',
  'post-checkout',
  'post-merge',
  'post-rewrite',
  'prepare-commit-msg',
] as const;
/** One of {@link HOOK_NAMES}. */
export type HookName = (typeof HOOK_NAMES)[number];

/** First line of a husky block; the rest of the line is free text. */
export const BLOCK_BEGIN = '# >>> roo-session >>>';
/** Last line of a husky block. */
export const BLOCK_END = '# <<< roo-session <<<';
/** Marks a stub file roo wrote (the whole file is roo's). */
export const STUB_MARK = '# roo-session hook stub for ';
/** A kept foreign hook next to roo's stub: `<hook>` → `<hook>.roo-chained`. */
export const CHAINED_SUFFIX = '.roo-chained';
const CREATED_NOTE = ' file created by `roo hooks install`; `roo hooks uninstall` removes it';

/**
 * The sh sources of the repository's `hooks/` folder, read once. Rendering is pure string work so that install,
 * status and uninstall compare the same bytes.
 */
export type HookScripts = {
  /** `hooks/capture.sh` without its comments ({@link stripShellComments}), as installed in `<common>/roo/`. */
  capture: string;
  stub(hook: HookName): string;
  /** The marked block for `.husky/<hook>`; `created` marks a file roo created (uninstall deletes it again). */
  huskyBlock(hook: HookName, created: boolean): string;
  /** `hooks/manager-hook.sh` without its comments, as installed in `<common>/roo/hook.sh` for hook managers. */
  managerHook: string;
};

/** Reads `capture.sh`, `stub.sh`, `husky-block.sh` and `locate.sh` from `hooksSrcDir` (the repo's `hooks/`). */
export function loadHookScripts(hooksSrcDir: string): HookScripts {
  const read = (name: string) => readFileSync(join(hooksSrcDir, name), 'utf8');
  const capture = stripShellComments(read('capture.sh'));
  const stub = read('stub.sh');
  const block = read('husky-block.sh');
  const locate = read('locate.sh');
  const managerHook = read('manager-hook.sh');
  const render = (template: string, hook: HookName) =>
    template
      .split('\n')
      .map((line) => (line === '@LOCATE@' ? locate.replace(/\n$/, '') : line))
      .join('\n')
      .replaceAll('@HOOK@', hook);
  return {
    capture,
    // The hook's name is the caller's roo_hook there, not a literal.
    managerHook: stripShellComments(
      managerHook
        .split('\n')
        .map((line) => (line === '@LOCATE@' ? locate.replace(/\n$/, '') : line))
        .join('\n')
        .replaceAll('@HOOK@', '"$roo_hook"'),
    ),
    stub: (hook) => render(stub, hook),
    huskyBlock(hook, created) {
      const text = render(block, hook);
      if (!created) return text;
      const eol = text.indexOf('\n');
      return `${BLOCK_BEGIN}${CREATED_NOTE}${text.slice(eol)}`;
    },
  };
}

/**
 * `text` without its comment lines and blank lines, keeping its first line (the header naming the script) and
 * every line of a here-document body as is. Every hook sources capture.sh, and dash parses every byte of it: the
 * comments are about half of the file. Only whole-line comments go; the rest of each line is kept byte for byte.
 */
export function stripShellComments(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let heredoc: { word: string; tabs: boolean } | undefined;
  lines.forEach((line, i) => {
    if (heredoc !== undefined) {
      out.push(line);
      if ((heredoc.tabs ? line.replace(/^\t+/, '') : line) === heredoc.word) heredoc = undefined;
      return;
    }
    const trimmed = line.trim();
    if (i > 0 && (trimmed === '' || trimmed.startsWith('#'))) return;
    out.push(line);
    const here = /<<(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*$/.exec(line);
    if (here) heredoc = { word: here[2] as string, tabs: here[1] === '-' };
  });
  return `${out.join('\n')}\n`;
}

/** Whether `text` is a stub roo wrote. */
export function isRooStub(text: string): boolean {
  return text.includes(`\n${STUB_MARK}`);
}

/** Where a husky block sits in `text`: `[start, end)` covering whole lines, and whether roo created the file. */
export type BlockSpan = { start: number; end: number; created: boolean };

/** Finds roo's marked block (the first one) in a hook file. */
export function findBlock(text: string): BlockSpan | undefined {
  let start = -1;
  let created = false;
  let at = 0;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const next = nl === -1 ? text.length : nl + 1;
    if (start === -1 && line.startsWith(BLOCK_BEGIN)) {
      start = at;
      created = line.includes(CREATED_NOTE);
    } else if (start !== -1 && line === BLOCK_END) {
      return { start, end: next, created };
    }
    if (nl === -1) break;
    at = next;
  }
  return undefined;
}

/**
 * Inserts `block` into a user's hook file: after a `#!` line, else at the very top, so that it runs before any
 * line of the user's that could `exit`. Every byte of `text` is kept; {@link removeBlock} restores it exactly.
 */
export function insertBlock(text: string, block: string): string {
  const nl = text.indexOf('\n');
  if (text.startsWith('#!') && nl !== -1) return text.slice(0, nl + 1) + block + text.slice(nl + 1);
  return block + text;
}

/** `text` without roo's block (unchanged when there is none). */
export function removeBlock(text: string): string {
  const span = findBlock(text);
  return span === undefined ? text : text.slice(0, span.start) + text.slice(span.end);
}

/** `text` with roo's block replaced by `block` (in place), or inserted when there is none. */
export function replaceBlock(text: string, block: string): string {
  const span = findBlock(text);
  return span === undefined
    ? insertBlock(text, block)
    : text.slice(0, span.start) + block + text.slice(span.end);
}
