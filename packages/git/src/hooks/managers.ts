/*
 * Hook managers that own git's hooks folder (lefthook, simple-git-hooks, pre-commit): each rewrites that folder
 * from its own configuration whenever its install runs (`lefthook install`, `npx simple-git-hooks` in every
 * `npm install`, `pre-commit install`), so roo's stubs there would not last. roo adds its command to the manager's
 * configuration instead, in marked parts that `roo hooks uninstall` removes again byte for byte; the manager then
 * runs it. Pure text work and file reads only (no git process): `roo session status` inspects through here too.
 * docs/architecture.md ("Hook managers") describes each one. The `${…}` in plain strings here are shell
 * parameter expansions (biome.json turns off the rule that takes them for template mistakes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOOK_NAMES, type HookName } from './hookScripts.js';

export type ManagerName = 'lefthook' | 'simple-git-hooks' | 'pre-commit';

/** A hook manager found in the worktree, with the configuration file roo edits. */
export type HookManager = {
  name: ManagerName;
  /** Absolute path of the configuration file roo edits. */
  file: string;
  /** `file` relative to the worktree top, for messages. */
  rel: string;
  /** The hooks the manager runs roo's command for; the others get roo's stub (pre-commit: post-rewrite). */
  hooks: readonly HookName[];
  /** Where the manager moves a hook it found in its way (`.old`, `.legacy`), if anywhere. */
  aside: string | null;
  /** The command that makes the manager write git's hooks from its configuration. */
  installCommand: string;
};

/** A manager whose configuration roo cannot edit safely (JS config, JSON/TOML lefthook, flow-style YAML…). */
export type UnsupportedManager = { name: ManagerName; rel: string; why: string };

export const BEGIN = '# >>> roo-session >>>';
export const END = '# <<< roo-session <<<';
const NOTE = ' added by `roo hooks install`; `roo hooks uninstall` removes it';

const LEFTHOOK_FILES = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  '.config/lefthook.yml',
  '.config/lefthook.yaml',
];
const LEFTHOOK_OTHER = [
  'lefthook.json',
  '.lefthook.json',
  'lefthook.toml',
  '.lefthook.toml',
  'lefthook.jsonc',
];
const LEFTHOOK_LOCAL = [
  'lefthook-local.yml',
  '.lefthook-local.yml',
  'lefthook-local.yaml',
  '.lefthook-local.yaml',
];
const SGH_JSON = ['.simple-git-hooks.json', 'simple-git-hooks.json'];
const SGH_JS = [
  '.simple-git-hooks.cjs',
  '.simple-git-hooks.js',
  '.simple-git-hooks.mjs',
  'simple-git-hooks.cjs',
  'simple-git-hooks.js',
  'simple-git-hooks.mjs',
];
/** pre-commit gives its hooks no stdin for post-rewrite: roo's own stub keeps that one. */
const PRE_COMMIT_HOOKS = HOOK_NAMES.filter((h) => h !== 'post-rewrite');

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The hook manager of this worktree whose configuration roo can edit, or why it cannot. lefthook first (its
 * committed config, else `lefthook-local.yml`), then simple-git-hooks (`package.json` "simple-git-hooks" or its JSON
 * config file), then pre-commit (`.pre-commit-config.yaml`, when pre-commit's script is installed in `hooksDir`
 * or roo already has its part there: a config used only in CI leaves git's hooks to roo's stubs).
 */
export function detectManager(
  topLevel: string,
  hooksDir: string,
): { manager: HookManager | null; unsupported: UnsupportedManager[] } {
  const unsupported: UnsupportedManager[] = [];
  const found = (names: string[]) => names.find((n) => existsSync(join(topLevel, n)));
  const make = (name: ManagerName, rel: string): HookManager => ({
    name,
    rel,
    file: join(topLevel, rel),
    hooks: name === 'pre-commit' ? PRE_COMMIT_HOOKS : HOOK_NAMES,
    aside: name === 'lefthook' ? '.old' : name === 'pre-commit' ? '.legacy' : null,
    installCommand:
      name === 'lefthook'
        ? 'npx lefthook install'
        : name === 'simple-git-hooks'
          ? 'npx simple-git-hooks'
          : 'pre-commit install',
  });
  const check = (m: HookManager): HookManager | null => {
    const text = read(m.file);
    const why = text === null ? 'it cannot be read' : cannotEdit(m, text);
    if (why === null) return m;
    unsupported.push({ name: m.name, rel: m.rel, why });
    return null;
  };

  const lefthook = found(LEFTHOOK_FILES) ?? found(LEFTHOOK_LOCAL);
  if (lefthook !== undefined) {
    const m = check(make('lefthook', lefthook));
    if (m) return { manager: m, unsupported };
  } else {
    const other = found(LEFTHOOK_OTHER);
    if (other !== undefined)
      unsupported.push({ name: 'lefthook', rel: other, why: 'roo edits YAML configurations only' });
  }

  const pkg = read(join(topLevel, 'package.json'));
  const sghJson = found(SGH_JSON);
  const sghJs = found(SGH_JS);
  if (sghJs !== undefined) {
    unsupported.push({
      name: 'simple-git-hooks',
      rel: sghJs,
      why: 'roo cannot edit a JavaScript configuration',
    });
  } else if (sghJson !== undefined) {
    const m = check(make('simple-git-hooks', sghJson));
    if (m) return { manager: m, unsupported };
  } else if (pkg !== null && objectSpan(pkg, 'simple-git-hooks') !== null) {
    const m = check(make('simple-git-hooks', 'package.json'));
    if (m) return { manager: m, unsupported };
  } else if (pkg !== null && /"simple-git-hooks"\s*:\s*"[^"]*\.(c|m)?js"/.test(pkg)) {
    unsupported.push({
      name: 'simple-git-hooks',
      rel: 'package.json',
      why: 'its "simple-git-hooks" names a JavaScript configuration',
    });
  }

  if (existsSync(join(topLevel, '.pre-commit-config.yaml'))) {
    const m = make('pre-commit', '.pre-commit-config.yaml');
    const text = read(m.file) ?? '';
    const installed = [...HOOK_NAMES, 'pre-commit', 'pre-push', 'commit-msg'].some((h) =>
      /File generated by pre-commit/.test(read(join(hooksDir, h)) ?? ''),
    );
    if (installed || text.includes(BEGIN)) {
      const ok = check(m);
      if (ok) return { manager: ok, unsupported };
    }
  }
  return { manager: null, unsupported };
}

/** Why roo cannot edit `text` (null: it can). */
function cannotEdit(m: HookManager, text: string): string | null {
  if (m.name === 'simple-git-hooks') {
    const span = m.rel === 'package.json' ? objectSpan(text, 'simple-git-hooks') : topObjectSpan(text);
    return span === null ? 'its configuration is not a JSON object roo can find' : null;
  }
  try {
    addManagerParts(m, stripManagerParts(m, text));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The command each manager runs: POSIX sh, builtins only. It finds this worktree's git dir ($GIT_DIR, a `.git`
// folder, or the `gitdir:` line of a `.git` file, relative to the worktree top where every manager runs hooks)
// and the common dir, then sources <common>/roo/hook.sh if it is there.

function locator(hook: HookName, refeed: boolean): string {
  return (
    `roo_hook=${hook}; roo_refeed=${refeed ? 1 : ''}; roo_d=\${GIT_DIR:-.git}; ` +
    'if [ -f "$roo_d" ]; then read -r roo_d <"$roo_d"; roo_d=${roo_d#gitdir: }; fi; roo_c=$roo_d; ' +
    'if [ -f "$roo_d/commondir" ]; then read -r roo_c <"$roo_d/commondir"; ' +
    'case $roo_c in /*) ;; *) roo_c=$roo_d/$roo_c ;; esac; fi; ' +
    'if [ -f "$roo_c/roo/hook.sh" ]; then . "$roo_c/roo/hook.sh"; fi'
  );
}

/**
 * lefthook runs `run:` with `sh -c` and no arguments; `{1}`… are pasted in unquoted (and left as is when git gave
 * fewer), so only the arguments that never hold a space are taken from them. prepare-commit-msg's file is always
 * `<git dir>/COMMIT_EDITMSG`; its source is the keyword among `{0}`'s words.
 */
function lefthookCommand(hook: HookName): string {
  const args: Record<HookName, string> = {
    'post-commit': 'set --',
    'post-checkout': 'set -- {1} {2} {3}',
    'post-merge': 'set -- {1}',
    'post-rewrite': 'set -- {1}',
    'prepare-commit-msg':
      'roo_s=; for roo_a in {0}; do case $roo_a in message | template | merge | squash | commit) roo_s=$roo_a ;; esac; done; ' +
      'set -- "${GIT_DIR:-.git}/COMMIT_EDITMSG" "$roo_s"',
  };
  if (hook === 'prepare-commit-msg') {
    // In a linked worktree .git is a file: the message file is in the git dir it names.
    return (
      `${args[hook]}; if [ -f .git ] && [ -z "\${GIT_DIR-}" ]; then read -r roo_m <.git; ` +
      'set -- "${roo_m#gitdir: }/COMMIT_EDITMSG" "$roo_s"; fi; ' +
      locator(hook, false)
    );
  }
  return `${args[hook]}; ${locator(hook, false)}`;
}

/** simple-git-hooks pastes the command into the hook file itself: git's "$@" and stdin are there. */
function simpleGitHooksCommand(hook: HookName): string {
  return locator(hook, true);
}

/** pre-commit gives the hook's arguments as environment variables (and the message file as the file name). */
function preCommitScript(hook: HookName): string {
  const args: Record<HookName, string> = {
    'post-commit': 'set --',
    'post-checkout':
      'set -- "${PRE_COMMIT_FROM_REF-}" "${PRE_COMMIT_TO_REF-}" "${PRE_COMMIT_CHECKOUT_TYPE-}"',
    'post-merge': 'set -- "${PRE_COMMIT_IS_SQUASH_MERGE-}"',
    'post-rewrite': 'set -- "${PRE_COMMIT_REWRITE_COMMAND-}"',
    'prepare-commit-msg':
      'set -- "${1-}" "${PRE_COMMIT_COMMIT_MSG_SOURCE-}" "${PRE_COMMIT_COMMIT_OBJECT_NAME-}"',
  };
  return `${args[hook]}; ${locator(hook, false)}`;
}

/** The exact text of the command the manager's git hook runs for `hook` (how `roo doctor` recognises it). */
export function managerCommand(m: HookManager, hook: HookName): string {
  return m.name === 'lefthook'
    ? lefthookCommand(hook)
    : m.name === 'simple-git-hooks'
      ? simpleGitHooksCommand(hook)
      : preCommitScript(hook);
}

// ---------------------------------------------------------------------------------------------------------------
// Editing. Every part roo adds is either a run of whole lines between BEGIN and END comment lines (YAML) or an
// exact string only roo writes (JSON): stripManagerParts(addManagerParts(m, t)) === t for every t roo can edit.

/** `text` with roo's parts added (call it on a text without them). Throws when the layout is not one roo edits. */
export function addManagerParts(m: HookManager, text: string): string {
  if (m.name === 'lefthook') return addLefthook(text);
  if (m.name === 'pre-commit') return addPreCommit(text);
  return addSimpleGitHooks(m, text);
}

/** `text` without any part roo added. */
export function stripManagerParts(m: HookManager, text: string): string {
  if (m.name === 'simple-git-hooks') return stripSimpleGitHooks(text);
  let out = stripMarkedLines(text);
  if (m.name === 'pre-commit') out = stripFlowTypes(out);
  return out;
}

/** Whether `text` holds roo's current parts and nothing stale. */
export function hasCurrentParts(m: HookManager, text: string): boolean {
  try {
    return addManagerParts(m, stripManagerParts(m, text)) === text;
  } catch {
    return false;
  }
}

/** Whether `text` holds any part roo added. */
export function hasAnyParts(m: HookManager, text: string): boolean {
  return stripManagerParts(m, text) !== text;
}

function stripMarkedLines(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inside = false;
  lines.forEach((line, i) => {
    const trimmed = line.replace(/\r$/, '').trimStart();
    if (!inside && trimmed.startsWith(BEGIN)) {
      inside = true;
      return;
    }
    if (inside) {
      if (trimmed === END) inside = false;
      return;
    }
    out.push(line);
    void i;
  });
  return out.join('\n');
}

type Line = { text: string; start: number; indent: number; blank: boolean };

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let at = 0;
  for (const raw of text.split('\n')) {
    const body = raw.replace(/\r$/, '');
    const trimmed = body.trimStart();
    lines.push({
      text: body,
      start: at,
      indent: body.length - trimmed.length,
      blank: trimmed === '' || trimmed.startsWith('#'),
    });
    at += raw.length + 1;
  }
  return lines;
}

/** Offset just after line `i` (its newline included). */
function after(lines: Line[], i: number, text: string): number {
  const next = lines[i + 1];
  return next === undefined ? text.length : next.start;
}

/** The first real line after line `i` (skipping blank and comment lines), or undefined. */
function nextReal(lines: Line[], i: number): { line: Line; index: number } | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j] as Line;
    if (!line.blank) return { line, index: j };
  }
  return undefined;
}

function topKey(lines: Line[], key: string): number {
  const re = new RegExp(`^(['"]?)${key.replace(/[-]/g, '\\-')}\\1\\s*:(.*)$`);
  return lines.findIndex((l) => l.indent === 0 && re.test(l.text));
}

function valueAfterColon(line: string): string {
  const colon = line.indexOf(':');
  return line
    .slice(colon + 1)
    .replace(/\s+#.*$/, '')
    .trim();
}

function marked(indent: string, body: string[]): string {
  return `${indent}${BEGIN}${NOTE}\n${body.map((l) => `${indent}${l}`).join('\n')}\n${indent}${END}\n`;
}

/** Inserts at the top of a YAML file (after a leading `---` line, which must stay first). */
function insertAtTop(text: string, block: string): string {
  if (/^---[ \t]*(\r?\n)/.test(text)) {
    const nl = text.indexOf('\n');
    return text.slice(0, nl + 1) + block + text.slice(nl + 1);
  }
  return block + text;
}

function lefthookEntry(hook: HookName, unit: string): string[] {
  const lines = ['roo-session:', `${unit}run: |`, `${unit}${unit}${lefthookCommand(hook)}`];
  if (hook === 'post-rewrite') lines.push(`${unit}use_stdin: true`);
  return lines;
}

function addLefthook(text: string): string {
  if (text.includes('\t')) throw new Error('it holds tab characters');
  const inserts: { at: number; block: string }[] = [];
  const missing: HookName[] = [];
  const lines = splitLines(text);
  for (const hook of HOOK_NAMES) {
    const k = topKey(lines, hook);
    if (k === -1) {
      missing.push(hook);
      continue;
    }
    const value = valueAfterColon((lines[k] as Line).text);
    if (value !== '' && value !== 'null' && value !== '~') {
      throw new Error(`its \`${hook}:\` holds an inline value`);
    }
    const child = nextReal(lines, k);
    const hasChildren = child !== undefined && child.line.indent > 0;
    const unit = ' '.repeat(hasChildren ? (child?.line.indent ?? 2) : 2);
    let commandsAt = -1;
    if (hasChildren) {
      for (let j = k + 1; j < lines.length; j++) {
        const l = lines[j] as Line;
        if (!l.blank && l.indent === 0) break;
        if (!l.blank && l.indent === unit.length && /^commands\s*:/.test(l.text.trimStart())) {
          if (valueAfterColon(l.text) !== '')
            throw new Error(`its \`${hook}.commands\` is not a block mapping`);
          commandsAt = j;
          break;
        }
      }
    }
    if (commandsAt !== -1) {
      const first = nextReal(lines, commandsAt);
      const inner = first && first.line.indent > unit.length ? first.line.indent - unit.length : unit.length;
      const step = ' '.repeat(inner);
      inserts.push({
        at: after(lines, commandsAt, text),
        block: marked(unit + step, lefthookEntry(hook, step)),
      });
    } else {
      const body = ['commands:', ...lefthookEntry(hook, unit).map((l) => unit + l)];
      inserts.push({ at: after(lines, k, text), block: marked(unit, body) });
    }
  }
  let out = text;
  // A last line without a newline would glue roo's block to it.
  if (inserts.some((i) => i.at === text.length) && !text.endsWith('\n') && text !== '') {
    throw new Error('it does not end with a newline');
  }
  for (const ins of inserts.sort((a, b) => b.at - a.at))
    out = out.slice(0, ins.at) + ins.block + out.slice(ins.at);
  if (missing.length > 0) {
    const body: string[] = [];
    for (const hook of missing) {
      body.push(`${hook}:`, '  commands:', ...lefthookEntry(hook, '  ').map((l) => `    ${l}`));
    }
    out = insertAtTop(out, marked('', body));
  }
  return out;
}

const PRE_COMMIT_TYPES = ['pre-commit', ...PRE_COMMIT_HOOKS];

function yamlSingle(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function addPreCommit(text: string): string {
  if (text.includes('\t')) throw new Error('it holds tab characters');
  const lines = splitLines(text);
  const r = topKey(lines, 'repos');
  if (r === -1) throw new Error('it has no `repos:` list');
  if (valueAfterColon((lines[r] as Line).text) !== '') throw new Error('its `repos:` is not a block list');
  const first = nextReal(lines, r);
  const itemIndent = first?.line.text.trimStart().startsWith('-') ? first.line.indent : 0;
  const body = ['- repo: local', '  hooks:'];
  for (const hook of PRE_COMMIT_HOOKS) {
    const entry = `sh -c '${preCommitScript(hook)}' roo-session`;
    body.push(
      `  - id: roo-session-${hook}`,
      '    name: roo-session',
      `    entry: ${yamlSingle(entry)}`,
      '    language: system',
      `    stages: [${hook}]`,
      '    always_run: true',
      `    pass_filenames: ${hook === 'prepare-commit-msg'}`,
    );
  }
  const out =
    text.slice(0, after(lines, r, text)) +
    marked(' '.repeat(itemIndent), body) +
    text.slice(after(lines, r, text));
  if (after(lines, r, text) === text.length && !text.endsWith('\n'))
    throw new Error('it does not end with a newline');

  // default_install_hook_types: so that a plain `pre-commit install` installs roo's hook types too.
  const outLines = splitLines(out);
  const d = topKey(outLines, 'default_install_hook_types');
  if (d === -1) {
    return insertAtTop(out, marked('', [`default_install_hook_types: [${PRE_COMMIT_TYPES.join(', ')}]`]));
  }
  const line = outLines[d] as Line;
  const value = valueAfterColon(line.text);
  if (value === '') {
    const items: string[] = [];
    let indent = 2;
    for (let j = d + 1; j < outLines.length; j++) {
      const l = outLines[j] as Line;
      if (l.blank) continue;
      if (!l.text.trimStart().startsWith('-') || (l.indent === 0 && !l.text.startsWith('-'))) break;
      indent = l.indent;
      items.push(l.text.trimStart().slice(1).trim());
    }
    const missing = PRE_COMMIT_HOOKS.filter((h) => !items.includes(h));
    if (missing.length === 0) return out;
    const at = after(outLines, d, out);
    return (
      out.slice(0, at) +
      marked(
        ' '.repeat(indent),
        missing.map((h) => `- ${h}`),
      ) +
      out.slice(at)
    );
  }
  const flow = /^\[(.*)\]$/.exec(value);
  if (flow === null)
    throw new Error('its `default_install_hook_types` is neither a block nor a one-line list');
  const items = (flow[1] ?? '').split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, ''));
  const missing = PRE_COMMIT_HOOKS.filter((h) => !items.includes(h));
  if (missing.length === 0) return out;
  const close = line.start + line.text.lastIndexOf(']');
  const empty = (flow[1] ?? '').trim() === '';
  const added = `${empty ? '' : ', '}${missing.join(', ')}`;
  return out.slice(0, close) + added + out.slice(close);
}

/** Removes the hook types roo added to a one-line `default_install_hook_types: [...]` list. */
function stripFlowTypes(text: string): string {
  const lines = splitLines(text);
  const d = topKey(lines, 'default_install_hook_types');
  if (d === -1) return text;
  const line = lines[d] as Line;
  const close = line.start + line.text.lastIndexOf(']');
  if (line.text.lastIndexOf(']') === -1) return text;
  const head = text.slice(line.start, close);
  // The longest run of roo's types, in roo's order, that ends the list: what addPreCommit appended.
  for (let n = PRE_COMMIT_HOOKS.length; n >= 1; n--) {
    for (const combo of combinations(PRE_COMMIT_HOOKS, n)) {
      for (const lead of [', ', '']) {
        const tail = lead + combo.join(', ');
        if (head.endsWith(tail) && (lead !== '' || head.endsWith(`[${tail}`))) {
          return text.slice(0, close - tail.length) + text.slice(close);
        }
      }
    }
  }
  return text;
}

function combinations<T>(items: readonly T[], n: number): T[][] {
  if (n === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of combinations(items.slice(i + 1), n - 1)) out.push([item, ...rest]);
  });
  return out;
}

// simple-git-hooks: JSON, edited as text so every other byte stays. Each hook's value is one shell command.

/** `[open, close]` offsets of the object value of top-level-ish key `key` in JSON `text`, or null. */
function objectSpan(text: string, key: string): [number, number] | null {
  const re = new RegExp(`"${key}"\\s*:\\s*\\{`, 'g');
  const m = re.exec(text);
  if (m === null) return null;
  const open = m.index + m[0].length - 1;
  const close = matchBrace(text, open);
  return close === -1 ? null : [open, close];
}

function topObjectSpan(text: string): [number, number] | null {
  const open = text.indexOf('{');
  if (open === -1 || text.slice(0, open).trim() !== '') return null;
  const close = matchBrace(text, open);
  return close === -1 ? null : [open, close];
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** JSON string body (without quotes) of roo's command for `hook`. */
function sghValue(hook: HookName): string {
  return JSON.stringify(simpleGitHooksCommand(hook)).slice(1, -1);
}

function addSimpleGitHooks(m: HookManager, text: string): string {
  const span = m.rel === 'package.json' ? objectSpan(text, 'simple-git-hooks') : topObjectSpan(text);
  if (span === null) throw new Error('its configuration is not a JSON object roo can find');
  const [open, close] = span;
  const body = text.slice(open + 1, close);
  const inserts: { at: number; text: string }[] = [];
  const missing: HookName[] = [];
  for (const hook of HOOK_NAMES) {
    // A member of this object: depth 0 inside it.
    const re = new RegExp(`"${hook}"\\s*:\\s*"`, 'g');
    let found = -1;
    for (let mm = re.exec(body); mm !== null; mm = re.exec(body)) {
      if (depthAt(body, mm.index) === 0) {
        found = mm.index + mm[0].length;
        break;
      }
    }
    if (found === -1) missing.push(hook);
    else inserts.push({ at: open + 1 + found, text: `${sghValue(hook)}\\n` });
  }
  let out = text;
  for (const ins of inserts.sort((a, b) => b.at - a.at))
    out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  if (missing.length > 0) {
    const nl = /^\s*\n([ \t]*)/.exec(body);
    const parentIndent = /([ \t]*)[^\n]*$/.exec(text.slice(0, open))?.[1] ?? '';
    const indent = nl ? (nl[1] ?? '') : `${parentIndent}  `;
    const empty = body.trim() === '';
    const members = missing.map((hook, i) => {
      const comma = !empty || i < missing.length - 1 ? ',' : '';
      return `\n${indent}"${hook}": "${sghValue(hook)}"${comma}`;
    });
    out = out.slice(0, open + 1) + members.join('') + out.slice(open + 1);
  }
  return out;
}

function depthAt(body: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    const c = body[i];
    if (c === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) if (body[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

function stripSimpleGitHooks(text: string): string {
  let out = text;
  for (const hook of HOOK_NAMES) {
    const value = sghValue(hook);
    const member = new RegExp(`\\n[ \\t]*"${hook}": "${escapeRe(value)}",?`, 'g');
    out = out.replace(member, '');
    out = out.split(`${value}\\n`).join('');
  }
  return out;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a git hook file is the manager's own (so that it runs roo's command from the configuration). */
export function isManagersHook(m: HookManager, hook: HookName, text: string): boolean {
  if (m.name === 'lefthook') return /lefthook/.test(text) && !text.includes('# roo-session hook stub for ');
  if (m.name === 'pre-commit') return text.includes('File generated by pre-commit');
  // simple-git-hooks copies the command into the file: roo's command must be in it.
  return text.includes(simpleGitHooksCommand(hook));
}
