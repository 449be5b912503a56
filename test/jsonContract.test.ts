import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadSchema, schemaDir, validate } from './helpers/jsonSchema.js';
import { logPath, roo } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// The JSON contract (docs/json-schema.md): every command takes --json and prints exactly one JSON object on
// stdout, which validates against its documented schema; a failure prints {"error": {...}} with the same exit
// code and nothing on stderr; paths are absolute.

type Json = Record<string, unknown>;

/** Path fields that must be absolute wherever they appear (the documented exceptions are relative by name). */
const ABSOLUTE_KEYS = new Set(['folder', 'logPath', 'root', 'sessionsDir', 'absolutePath', 'taskFile']);

function assertAbsolutePaths(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertAbsolutePaths(v, `${where}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (ABSOLUTE_KEYS.has(k) && typeof v === 'string')
        expect(isAbsolute(v), `${where}.${k} = ${v}`).toBe(true);
      assertAbsolutePaths(v, `${where}.${k}`);
    }
  }
}

/** Runs `roo … --json` and checks the contract; returns the parsed object. */
async function rooJson(
  t: TempRepo,
  args: string[],
  opts: { cwd?: string; input?: string; exitCode?: number; env?: Record<string, string> } = {},
): Promise<Json> {
  const full = [...args, '--json'];
  const r =
    opts.input === undefined
      ? await roo(t, full, { ...(opts.cwd ? { cwd: opts.cwd } : {}), ...(opts.env ? { env: opts.env } : {}) })
      : await t.roo(full, { input: opts.input, env: { ROO_NOW: '2026-11-26T09:05:12Z', ...opts.env } });
  const what = `roo ${full.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.exitCode, what).toBe(opts.exitCode ?? 0);
  // Exactly one JSON value, and it is an object: JSON.parse refuses two objects or trailing text.
  const body = JSON.parse(r.stdout) as Json;
  expect(typeof body === 'object' && body !== null && !Array.isArray(body), what).toBe(true);
  if (r.exitCode === 0) {
    const name = /^roo-session\/([a-z-]+)@1$/.exec(String(body.schema))?.[1];
    expect(name, what).toBeDefined();
    expect(validate(body, loadSchema(name!)), what).toEqual([]);
    seen.add(name!);
  } else {
    expect(validate(body, loadSchema('error')), what).toEqual([]);
    expect((body.error as Json).exitCode, what).toBe(r.exitCode);
    expect(r.stderr, what).toBe('');
  }
  // The summaries (docs/summary-schema.md) keep their own documented fields (`folder` there is a folder name).
  if (!/summary@1$/.test(String(body.schema))) assertAbsolutePaths(body, '$');
  return body;
}

const seen = new Set<string>();

describe('--json on every command', () => {
  it('a whole session, every command with --json: one object each, valid against its schema', async () => {
    const t = await makeTempRepo();
    const tree = await rooJson(t, ['help', '--agent']);
    const paths = (tree.commands as { path: string }[]).map((c) => c.path);
    const ran = new Set<string>();
    const run = async (args: string[], opts: Parameters<typeof rooJson>[2] = {}) => {
      const path = paths
        .filter((p) => args.join(' ').startsWith(`${p}`))
        .sort((a, b) => b.length - a.length)[0];
      if (path) ran.add(path);
      return rooJson(t, args, opts);
    };

    const init = await run(['init']);
    expect(init.config).toEqual({ path: join(t.dir, '.ruru', 'config.toml'), created: true });
    await run(['hooks', 'install']);
    const hooks = await run(['hooks', 'status']);
    expect((hooks.hooks as Json[]).every((h) => h.state === 'installed')).toBe(true);
    await run(['doctor']);

    const start = await run(['session', 'start', 'JSON contract']);
    const id = start.id as string;
    const folder = join(t.dir, '.ruru', 'sessions', id);
    expect(start).toMatchObject({
      title: 'JSON contract',
      status: '🟢 Active',
      folder,
      logPath: join(folder, 'session_log.md'),
    });
    expect(existsSync(start.logPath as string)).toBe(true);
    for (const cmd of [
      ['session', 'current'],
      ['session', 'status'],
    ]) {
      const r = await run(cmd);
      expect(r).toMatchObject({ id, folder, logPath: join(folder, 'session_log.md') });
    }
    expect(await run(['session', 'log', '--type', 'decision', 'Token bucket'])).toMatchObject({
      id,
      type: 'decision',
      logPath: join(folder, 'session_log.md'),
    });

    mkdirSync(join(t.dir, 'src', 'deep'), { recursive: true });
    const artifact = await run(['session', 'artifact', 'new', 'note', 'the plan'], {
      cwd: join(t.dir, 'src', 'deep'),
    });
    expect(artifact.path).toBe(join(folder, artifact.sessionPath as string));
    expect(existsSync(artifact.path as string)).toBe(true);
    const listed = await run(['session', 'artifact', 'list']);
    expect((listed.artifacts as Json[]).map((a) => a.absolutePath)).toEqual([artifact.path]);

    await run(['session', 'task', 'link', 'TASK-API-20261126-0930']);
    mkdirSync(join(t.dir, '.ruru', 'tasks'), { recursive: true });
    t.write('.ruru/tasks/TASK-API-20261126-0931.md', '# task\n');
    const delegated = await run([
      'session',
      'task',
      'delegate',
      '--to',
      'dev-api',
      'TASK-API-20261126-0931',
      'Add it',
    ]);
    expect(delegated).toMatchObject({
      action: 'delegate',
      mode: 'dev-api',
      taskFile: join(t.dir, '.ruru', 'tasks', 'TASK-API-20261126-0931.md'),
    });
    await run(['session', 'task', 'result', '--from', 'dev-api', 'TASK-API-20261126-0931', 'Done']);

    await run(['session', 'sync']);
    const checkpoint = await run(['session', 'checkpoint']);
    expect(checkpoint.commit).toBe((await t.git(['rev-parse', 'HEAD'])).stdout.trim());
    await run(['session', 'show']);
    await run(['session', 'show', '--pr', '--base', 'main']);
    const list = await run(['session', 'list']);
    expect(list.sessions).toEqual([expect.objectContaining({ id, folder })]);
    await run(['session', 'check']);

    const pause = await run(['session', 'pause']);
    expect(pause).toMatchObject({ id, status: '⏸️ Paused', next: `roo session continue ${id}` });
    expect(await run(['session', 'continue', id])).toMatchObject({ id, status: '🟢 Active', folder });
    const end = await run(['session', 'end']);
    expect(end).toMatchObject({ id, status: '🏁 Completed' });
    expect(end.commit).toBe((await t.git(['rev-parse', 'HEAD'])).stdout.trim());
    await run(['help']);
    await run(['hooks', 'uninstall']);
    const agentInstall = await run(['agents', 'install', 'claude']);
    expect(agentInstall).toMatchObject({ agent: 'claude', file: join(t.dir, '.claude', 'settings.json') });
    const agentStatus = await run(['agents', 'status', 'claude']);
    expect(agentStatus.agents).toEqual([expect.objectContaining({ agent: 'claude', state: 'installed' })]);
    const agentUninstall = await run(['agents', 'uninstall', 'claude']);
    expect(agentUninstall.changes).toEqual([
      { file: join(t.dir, '.claude', 'settings.json'), action: 'removed' },
      { file: join(t.dir, 'AGENTS.md'), action: 'removed' },
    ]);

    // `roo mcp` serves the protocol on stdout instead (test/mcp.test.ts); only its failure to start is JSON (below).
    expect([...ran].sort()).toEqual(paths.filter((p) => p !== 'mcp').sort());
    // Every documented schema was produced by a real run (error: below).
    const documented = readdirSync(schemaDir).map((f) => f.replace('.schema.json', ''));
    expect([...seen, 'error'].sort()).toEqual(documented.sort());
  });

  it('every command fails with one error object on stdout, its exit code, and nothing on stderr', async () => {
    const t = await makeTempRepo();
    const plain = join(t.root, 'not-a-repo');
    mkdirSync(plain);
    const env = { GIT_CEILING_DIRECTORIES: t.root };
    const tree = await rooJson(t, ['help', '--agent']);
    const argsFor: Record<string, string[]> = {
      'session start': ['x'],
      'session log': ['x'],
      'session artifact new': ['note', 'x'],
      'session task link': ['TASK-A-1'],
      'session task delegate': ['--to', 'm', 'TASK-A-1', 'x'],
      'session task result': ['--from', 'm', 'TASK-A-1', 'x'],
      'session continue': ['x'],
      'agents install': ['claude'],
      'agents uninstall': ['claude'],
    };
    for (const { path } of tree.commands as { path: string }[]) {
      if (path === 'help') continue;
      const body = await rooJson(t, [...path.split(' '), ...(argsFor[path] ?? [])], {
        cwd: plain,
        env,
        exitCode: 3,
      });
      expect(body.error, path).toMatchObject({
        code: 'not_a_repository',
        what: expect.stringContaining('not a git repository'),
        next: 'git init',
      });
    }
    const help = await rooJson(t, ['help', 'sesion'], { exitCode: 2 });
    expect(help.error).toMatchObject({ code: 'unknown_command', next: 'roo session --help' });

    // Usage errors are JSON too when --json is among the arguments.
    await rooJson(t, ['init'], { exitCode: 0 });
    await rooJson(t, ['session', 'start', 'x']);
    const bogus = await rooJson(t, ['session', 'log', '--bogus', 'x'], { exitCode: 2 });
    expect(bogus.error).toMatchObject({ code: 'invalid_arguments', next: 'roo session log --help' });
    const noArg = await rooJson(t, ['session', 'artifact', 'new'], { exitCode: 2 });
    expect(noArg.error).toMatchObject({ code: 'invalid_arguments' });
    const noOption = await rooJson(t, ['session', 'task', 'result', 'TASK-A-1', 'x'], { exitCode: 2 });
    expect(noOption.error).toMatchObject({
      code: 'missing_option',
      what: expect.stringContaining('needs `--from <mode>`'),
      seen: null,
      next: 'roo session task result --from <mode> TASK-A-1 x --json',
    });
    expect((noOption.error as Json).message).toContain('`--from <mode>`');
    const noSession = await rooJson(t, ['session', 'log', '--session', 'nope', 'x'], { exitCode: 2 });
    expect(noSession.error).toMatchObject({ code: 'unknown_session_id' });
  });
});

describe('artifact paths from a subfolder', () => {
  it('text mode prints a path valid from the folder the command ran in', async () => {
    const t = await makeTempRepo();
    const id = (await roo(t, ['session', 'start', 'Paths'])).stdout.trim();
    const sub = join(t.dir, 'packages', 'api');
    mkdirSync(sub, { recursive: true });
    const r = await roo(t, ['session', 'artifact', 'new', 'note', 'from', 'a', 'subfolder'], { cwd: sub });
    expect(r.exitCode, r.stderr).toBe(0);
    const printed = r.stdout.trim();
    expect(printed).toBe(`../../.ruru/sessions/${id}/artifacts/notes/NOTE-from_a_subfolder-2611260905.md`);
    expect(existsSync(resolve(sub, printed))).toBe(true);
    // From the top it is the repository-relative path, as before.
    const top = await roo(t, ['session', 'artifact', 'new', 'note', 'from', 'the', 'top']);
    expect(top.stdout.trim()).toBe(`.ruru/sessions/${id}/artifacts/notes/NOTE-from_the_top-2611260905.md`);
  });
});

/** The `<li>` elements cmark-gfm renders for the `## Log Entries` section of a log. */
async function renderedItems(log: string): Promise<string[]> {
  const section = log.slice(log.indexOf('## Log Entries'));
  const html = (await execa('cmark-gfm', [], { input: section })).stdout;
  // Top-level items only: the entries' list is the first <ul>; nested lists stay inside their item.
  const items: string[] = [];
  let depth = 0;
  let start = -1;
  for (const m of html.matchAll(/<(\/?)li>/g)) {
    if (m[1] === '') {
      if (depth === 0) start = m.index! + 4;
      depth++;
    } else {
      depth--;
      if (depth === 0) items.push(html.slice(start, m.index));
    }
  }
  return items;
}

describe('session log --stdin', () => {
  it.each([['--stdin'], ['-']])(
    '`roo session log %s` stores a multi-line message as one entry',
    async (flag) => {
      const t = await makeTempRepo();
      const id = (await roo(t, ['session', 'start', 'Stdin'])).stdout.trim();
      const before = await renderedItems(t.read(logPath(id)));
      const message =
        'Chose the token bucket.\r\nIt keeps bursts short.\n\n\nSecond paragraph: per IP, not per user.\n';
      const r = await t.roo(['session', 'log', '--type', 'decision', flag], {
        input: message,
        env: { ROO_NOW: '2026-11-26T09:06:00Z' },
      });
      expect(r.exitCode, r.stderr).toBe(0);
      // The entry is a journal record until a commit point writes the log: checkpoint, then read the file.
      const cp = await roo(t, ['session', 'checkpoint'], { now: '2026-11-26T09:06:30Z' });
      expect(cp.exitCode, cp.stderr).toBe(0);
      const log = t.read(logPath(id));
      const lines = log.split('\n');
      const at = lines.findIndex((l) => l.startsWith('- [2026-11-26 09:06:00] '));
      expect(lines[at]!.startsWith('- [2026-11-26 09:06:00] **Decision:** Chose the token bucket.')).toBe(
        true,
      );
      // Every line the entry spans after its first is a continuation: indented, or blank before an indented one.
      for (const l of lines.slice(at + 1).filter((x, i, a) => x !== '' || a[i + 1]?.startsWith('  '))) {
        if (l.startsWith('- [') || l === '') break;
        expect(l.startsWith('  '), l).toBe(true);
      }
      const after = await renderedItems(log);
      expect(after).toHaveLength(before.length + 1);
      const item = after.at(-1)!;
      for (const words of [
        'Chose the token bucket.',
        'It keeps bursts short.',
        'Second paragraph: per IP, not per user.',
      ]) {
        expect(item).toContain(words);
      }
      expect(item).not.toContain('\r');
    },
  );

  it('JSON shows the text as logged; an empty stdin and words with --stdin are refused', async () => {
    const t = await makeTempRepo();
    await roo(t, ['session', 'start', 'Stdin']);
    const body = await rooJson(t, ['session', 'log', '--stdin'], { input: 'first\nsecond\n' });
    expect(body.text).toBe('first\n  second');
    const empty = await rooJson(t, ['session', 'log', '--stdin'], { input: '\n\n', exitCode: 2 });
    expect(empty.error).toMatchObject({
      code: 'usage',
      what: 'no message to log; nothing was logged',
      seen: 'stdin was empty',
      next: 'roo session log <message>',
    });
    expect((empty.error as Json).message).toContain('\nseen: stdin was empty\n');
    const both = await rooJson(t, ['session', 'log', '--stdin', 'words'], { input: 'x', exitCode: 2 });
    expect(both.error).toMatchObject({
      what: '--stdin reads the message from stdin, but words were given too',
      seen: 'words',
      next: 'roo session log --stdin',
    });
    expect((both.error as Json).message).toContain(
      '--stdin reads the message from stdin, but words were given',
    );
  });
});

describe('schemas', () => {
  it('every schema file names itself roo-session/<name>@1 and documents its fields', () => {
    for (const file of readdirSync(schemaDir)) {
      const doc = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
      expect(doc.$id).toBe(`roo-session/${file.replace('.schema.json', '')}@1`);
      expect(doc.type).toBe('object');
      expect(doc.description).toBeTruthy();
    }
  });
});
