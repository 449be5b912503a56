import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execa } from 'execa';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeTempRepo, projectRoot, rooBin, type TempRepo } from './helpers/tempRepo.js';

// `roo mcp` driven by the SDK's own Client over stdio, exactly as an MCP client (Claude Code, an IDE) runs it: the
// BUILT binary, real git in temp repos (docs/mcp.md).

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
};

type Server = {
  client: Client;
  stderr: () => string;
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** A tool call that must succeed: its structured result. */
  ok(name: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
};

async function startServer(t: TempRepo, opts: { args?: string[]; cwd?: string; now?: string } = {}) {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [rooBin, 'mcp', ...(opts.args ?? [])],
    cwd: opts.cwd ?? t.dir,
    env: { ...t.env, ...(opts.now === undefined ? {} : { ROO_NOW: opts.now }) },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'roo-test', version: '1.0.0' });
  await client.connect(transport);
  onTestFinished(async () => {
    await client.close();
  });
  const server: Server = {
    client,
    stderr: () => stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    async ok(name, args = {}) {
      const r = await server.call(name, args);
      expect(r.isError, `${name}: ${r.content[0]?.text}\n${stderr}`).toBeFalsy();
      return r.structuredContent!;
    },
  };
  return server;
}

/** Everything a failed call might have changed: refs, HEAD, the journal, the session folder's files. */
async function snapshot(t: TempRepo): Promise<string> {
  const refs = (await t.git(['for-each-ref', '--format=%(refname) %(objectname)'])).stdout;
  const head = (await t.git(['symbolic-ref', '-q', 'HEAD'], { reject: false })).stdout;
  const journalPath = join(t.dir, '.git', 'roo', 'journal');
  const journal = existsSync(journalPath) ? readFileSync(journalPath, 'utf8') : '';
  const files = (await t.git(['ls-files', '-s', '--others', '--', '.ruru'])).stdout;
  const status = (await t.git(['status', '--porcelain', '--untracked-files=all'])).stdout;
  return [refs, head, journal, files, status].join('\n--\n');
}

async function clean(t: TempRepo): Promise<void> {
  expect((await t.git(['status', '--porcelain', '--untracked-files=no'])).stdout).toBe('');
}

const logAt = (id: string) => `.ruru/sessions/${id}/session_log.md`;

describe('roo mcp', () => {
  it('lists its tools with annotations, and its resources', async () => {
    const t = await makeTempRepo();
    const s = await startServer(t);
    const { tools } = await s.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()].sort()).toEqual(
      ['artifact', 'checkpoint', 'end', 'log', 'start', 'status', 'task'].sort(),
    );
    expect(byName.get('status')!.annotations?.readOnlyHint).toBe(true);
    for (const name of ['start', 'log', 'artifact', 'task', 'checkpoint', 'end']) {
      expect(byName.get(name)!.annotations?.readOnlyHint, name).toBe(false);
    }
    expect(byName.get('end')!.annotations?.destructiveHint).toBe(true);
    expect(byName.get('log')!.annotations?.destructiveHint).toBe(false);
    expect(byName.get('checkpoint')!.annotations?.idempotentHint).toBe(true);
    expect(byName.get('log')!.inputSchema.required).toContain('message');
    const { resources } = await s.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('roo://session/current/log');
    const { resourceTemplates } = await s.client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toContain('roo://session/{id}/log');
    expect(s.stderr()).toBe('');
  });

  it('runs a whole session: start, logs (one multi-line), artifact with content, tasks, checkpoint, end', async () => {
    const t = await makeTempRepo();
    const s = await startServer(t, { now: '2026-11-26T09:00:00Z' });
    const started = await s.ok('start', { goal: 'Rate limit the login', tags: ['auth'] });
    const id = started.id as string;
    expect(id).toMatch(/^SESSION-/);
    expect(started.branch).toBe(`session/${id}`);
    expect(started.logPath).toBe(join(t.dir, logAt(id)));
    expect((await t.git(['symbolic-ref', '--short', 'HEAD'])).stdout.trim()).toBe(`session/${id}`);
    await clean(t);

    const status = await s.ok('status');
    expect(status).toMatchObject({ id, status: '🟢 Active', branch: `session/${id}`, pendingEntries: 0 });
    expect(status.folder).toBe(join(t.dir, '.ruru', 'sessions', id));

    expect(await s.ok('log', { message: 'Plain note from the agent' })).toMatchObject({ id, type: 'note' });
    await clean(t);
    const multi = await s.ok('log', {
      type: 'decision',
      message: 'Token bucket\r\nkeeps bursts short\n\nper IP, not per user\n',
    });
    // Stored as `roo session log --stdin` stores the same text.
    expect(multi.text).toBe('**Decision:** Token bucket\n  keeps bursts short\n\n  per IP, not per user');
    await clean(t);
    await s.ok('log', { type: 'prompt', message: 'Add a limiter' });
    await clean(t);

    const art = await s.ok('artifact', {
      type: 'research',
      description: 'limiter numbers',
      content: '# Numbers\n\n100 req/s, burst 20\n',
    });
    const artPath = art.path as string;
    expect(isAbsolute(artPath)).toBe(true);
    expect(artPath.startsWith(`${join(t.dir, '.ruru', 'sessions', id, 'artifacts')}/`)).toBe(true);
    expect(readFileSync(artPath, 'utf8')).toBe('# Numbers\n\n100 req/s, burst 20\n');
    await clean(t);

    await s.ok('task', { action: 'link', taskId: 'TASK-API-1' });
    await clean(t);
    await s.ok('task', { action: 'delegate', taskId: 'TASK-API-1', to: 'dev-api', text: 'Add the limiter' });
    await clean(t);
    await s.ok('task', { action: 'result', taskId: 'TASK-API-1', from: 'dev-api', text: 'Done, 12 tests' });
    await clean(t);

    const pending = await s.ok('status');
    expect(pending.pendingEntries).toBe(7);
    expect((pending.lastEntries as string[]).at(-1)).toContain('Received result from `dev-api`');

    const cp = await s.ok('checkpoint');
    expect(cp.commit).toMatch(/^[0-9a-f]{40}$/);
    await clean(t);
    const committed = (await t.git(['show', `HEAD:${logAt(id)}`])).stdout;
    expect(committed).toContain('] Plain note from the agent');
    expect(committed).toContain('] **Prompt:** Add a limiter');
    const lines = committed.split('\n');
    const at = lines.findIndex((l) => l.includes('] **Decision:** Token bucket'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).not.toContain('keeps bursts');
    // One list item: the further lines indented under the first, the blank line kept.
    expect(lines[at + 1]).toBe('  keeps bursts short');
    expect(lines[at + 2]).toBe('');
    expect(lines[at + 3]).toBe('  per IP, not per user');
    expect(committed).toContain('Delegated task `TASK-API-1` to `dev-api`: Add the limiter');
    expect(committed).toMatch(/related_tasks = \[[^\]]*"TASK-API-1"/);
    const artRel = artPath.slice(join(t.dir, '.ruru', 'sessions', id).length + 1);
    expect(committed).toContain(artRel);
    expect((await t.git(['show', `HEAD:${artPath.slice(t.dir.length + 1)}`])).stdout).toBe(
      '# Numbers\n\n100 req/s, burst 20\n',
    );

    const ended = await s.ok('end');
    expect(ended).toMatchObject({ id, status: '🏁 Completed', already: false });
    await clean(t);
    expect((await t.git(['show', `HEAD:${logAt(id)}`])).stdout).toContain('status = "🏁 Completed"');
    expect((await t.git(['log', '-1', '--format=%s'])).stdout.trim()).toBe(`session(${id}): end`);
    const again = await s.ok('end');
    expect(again.already).toBe(true);
    expect(s.stderr()).toBe('');
  });

  it('follows the active session across a branch switch under the running server', async () => {
    const t = await makeTempRepo();
    const a = (await t.roo(['session', 'start', 'First goal'])).stdout.trim();
    await t.git(['switch', '-q', 'main']);
    const b = (await t.roo(['session', 'start', 'Second goal'])).stdout.trim();
    const s = await startServer(t);
    expect((await s.ok('status')).id).toBe(b);
    await s.ok('log', { message: 'on the second' });
    await t.git(['switch', '-q', `session/${a}`]);
    expect((await s.ok('status')).id).toBe(a);
    expect((await s.ok('log', { message: 'on the first' })).id).toBe(a);
    await clean(t);
    const shownA = (await t.roo(['session', 'show', a])).stdout;
    expect(shownA).toContain('on the first');
    expect(shownA).not.toContain('on the second');
    const shownB = (await t.roo(['session', 'show', b])).stdout;
    expect(shownB).toContain('on the second');
    // A session started from outside (the CLI) while the server runs is picked up at once.
    await t.git(['switch', '-q', 'main']);
    const c = (await t.roo(['session', 'start', 'Third goal'])).stdout.trim();
    expect((await s.ok('log', { message: 'on the third' })).id).toBe(c);
    const current = await s.client.readResource({ uri: 'roo://session/current/log' });
    const text = (current.contents[0] as { text: string }).text;
    expect(text).toContain('title = "Third goal"');
    expect(text).toContain('on the third');
  });

  it('reports bad arguments as tool errors with the CLI message and next command, changing nothing', async () => {
    const t = await makeTempRepo();
    const s = await startServer(t);
    // No session yet.
    let before = await snapshot(t);
    const none = await s.call('log', { message: 'hello' });
    expect(none.isError).toBe(true);
    expect(none.content[0]!.text).toContain('no active session on branch `main`');
    expect(none.structuredContent).toMatchObject({
      error: {
        code: 'no_active_session',
        exitCode: 3,
        what: 'no active session on branch `main`',
        seen: null,
        next: 'roo session start <goal>',
      },
    });
    expect(await snapshot(t)).toBe(before);

    const id = (await t.roo(['session', 'start', 'Errors'])).stdout.trim();
    const logBefore = readFileSync(join(t.dir, logAt(id)));
    before = await snapshot(t);

    const art = await s.call('artifact', { type: 'nonsense', description: 'x', content: 'y' });
    expect(art.isError).toBe(true);
    const artCli = await t.roo(['session', 'artifact', 'new', 'nonsense', 'x']);
    expect(artCli.exitCode).toBe(2);
    expect(`roo: ${art.content[0]!.text!.split('\nnext: ')[0]}\n`).toBe(artCli.stderr);
    expect(await snapshot(t)).toBe(before);

    const task = await s.call('task', { action: 'link', taskId: 'not a task' });
    expect(task.isError).toBe(true);
    const taskCli = await t.roo(['session', 'task', 'link', 'not a task']);
    expect(taskCli.exitCode).toBe(2);
    expect(`roo: ${task.content[0]!.text!.split('\nnext: ')[0]}\n`).toBe(taskCli.stderr);
    expect(await snapshot(t)).toBe(before);

    const delegate = await s.call('task', { action: 'delegate', taskId: 'TASK-A-1', text: 'no mode' });
    expect(delegate.isError).toBe(true);
    expect(delegate.content[0]!.text).toContain('needs the mode (`--to`)');
    expect(delegate.structuredContent).toMatchObject({
      error: {
        code: 'usage',
        what: 'task delegate needs the mode (`--to`) and the objective; nothing was logged',
        seen: 'mode null, objective "no mode"',
        next: 'roo session task delegate <TASK-ID> --to <mode> <objective>',
      },
    });
    const blank = await s.call('log', { message: ' \n\t\n' });
    expect(blank.isError).toBe(true);
    const badType = await s.call('log', { message: 'x', type: 'gossip' });
    expect(badType.isError).toBe(true);
    const unknown = await s.call('status', { session: 'NO-SUCH-SESSION' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]!.text).toContain('NO-SUCH-SESSION');
    expect(await snapshot(t)).toBe(before);
    expect(readFileSync(join(t.dir, logAt(id)))).toEqual(logBefore);

    // A finished session takes no entries: same message as the CLI.
    await t.roo(['session', 'end']);
    before = await snapshot(t);
    const finished = await s.call('log', { message: 'late', session: id });
    expect(finished.isError).toBe(true);
    const finishedCli = await t.roo(['session', 'log', '--session', id, 'late']);
    expect(finishedCli.exitCode).toBe(3);
    expect(`roo: ${finished.content[0]!.text!.split('\nnext: ')[0]}\n`).toBe(finishedCli.stderr);
    expect(await snapshot(t)).toBe(before);
    expect(s.stderr()).toBe('');
  });

  it('reads the active log and any session log by ID as resources, pending entries folded in', async () => {
    const t = await makeTempRepo();
    const s = await startServer(t);
    const id = (await s.ok('start', { goal: 'Resources', here: true })).id as string;
    await s.ok('log', { message: 'pending entry' });
    const shown = (await t.roo(['session', 'show'])).stdout;
    const current = await s.client.readResource({ uri: 'roo://session/current/log' });
    expect((current.contents[0] as { text: string }).text).toBe(shown);
    expect(shown).toContain('pending entry');
    const byId = await s.client.readResource({ uri: `roo://session/${id}/log` });
    expect((byId.contents[0] as { text: string }).text).toBe(shown);
    const listed = await s.client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain(`roo://session/${id}/log`);
    await expect(s.client.readResource({ uri: 'roo://session/NO-SUCH/log' })).rejects.toThrow(/NO-SUCH/);
  });

  it('writes nothing but JSON-RPC on stdout, even where the CLI would warn; warnings go to stderr', async () => {
    const t = await makeTempRepo();
    const id = (await t.roo(['session', 'start', 'Quiet stdout'])).stdout.trim();
    // An unknown config key: every command warns on stderr, and the log tool's fast path gives way to the full one.
    t.write('.ruru/config.toml', 'no_such_key = 1\n');
    const request = (rid: number, method: string, params: unknown) =>
      `${JSON.stringify({ jsonrpc: '2.0', id: rid, method, params })}\n`;
    const input =
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      }) +
      `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n` +
      request(2, 'tools/call', { name: 'log', arguments: { message: 'raw entry' } }) +
      request(3, 'tools/call', { name: 'artifact', arguments: { type: 'nonsense', description: 'x' } }) +
      request(4, 'tools/call', { name: 'status', arguments: {} });
    // A client keeps stdin open until it has its answers (requests in flight when stdin ends are dropped).
    const child = spawn(process.execPath, [rooBin, 'mcp'], { cwd: t.dir, env: t.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        // Whole lines only; requests may be answered in any order: wait for all four answers.
        const ids = stdout
          .split('\n')
          .slice(0, -1)
          .map((l) => (JSON.parse(l) as { id?: number }).id);
        if ([1, 2, 3, 4].every((n) => ids.includes(n))) resolve();
      });
      child.stdin.write(input);
    });
    child.stdin.end();
    expect(await exited).toBe(0);
    const r = { stdout, stderr };
    const messages = String(r.stdout)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { id?: number; result?: ToolResult });
    expect(
      messages.every((m) => typeof m === 'object' && (m as { jsonrpc?: string }).jsonrpc === '2.0'),
    ).toBe(true);
    const byId = new Map(messages.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(byId.get(2)!.result!.isError).toBeFalsy();
    expect(byId.get(3)!.result!.isError).toBe(true);
    expect(byId.get(4)!.result!.structuredContent!.id).toBe(id);
    expect(String(r.stderr)).toContain('unknown key `no_such_key` ignored');
    const shown = (await t.roo(['session', 'show', id])).stdout;
    expect(shown).toContain('] raw entry');
  });

  it('does not start outside a repository: exit 3, the error on stderr (or as JSON), nothing served', async () => {
    const t = await makeTempRepo();
    const env = { GIT_CEILING_DIRECTORIES: t.root };
    const text = await t.roo(['mcp'], { cwd: t.root, env });
    expect(text.exitCode).toBe(3);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/^roo: not a git repository: /);
    const json = await t.roo(['mcp', '--json', '--cwd', join(t.root, 'home')], { env });
    expect(json.exitCode).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'not_a_repository', next: 'git init' } });
  });

  it('serves the repository named by --cwd, from a folder outside it', async () => {
    const t = await makeTempRepo();
    const id = (await t.roo(['session', 'start', 'Elsewhere'])).stdout.trim();
    const s = await startServer(t, { args: ['--cwd', t.dir], cwd: t.root });
    const st = await s.ok('status');
    expect(st.id).toBe(id);
    expect(st.logPath).toBe(join(t.dir, logAt(id)));
  });

  it('runs a whole session through the MCP Inspector CLI (offline, one server process per call)', {
    timeout: 180_000,
  }, async () => {
    const t = await makeTempRepo();
    const inspector = join(
      projectRoot,
      'node_modules',
      '@modelcontextprotocol',
      'inspector',
      'clients',
      'launcher',
      'build',
      'index.js',
    );
    const call = async (tool: string, ...args: string[]) => {
      const r = await execa(
        process.execPath,
        [
          inspector,
          '--cli',
          '--cwd',
          t.dir,
          process.execPath,
          rooBin,
          'mcp',
          '--method',
          'tools/call',
          '--tool-name',
          tool,
          ...(args.length > 0 ? ['--tool-arg', ...args] : []),
        ],
        { cwd: t.root, env: t.env, extendEnv: false, reject: false, stdin: 'ignore' },
      );
      const body = JSON.parse(String(r.stdout)) as ToolResult;
      return { exitCode: r.exitCode, body };
    };
    const started = await call('start', 'goal=Inspected session', 'here=true');
    expect(started.exitCode, JSON.stringify(started.body)).toBe(0);
    const id = started.body.structuredContent!.id as string;
    await clean(t);
    expect((await call('log', 'type=decision', 'message=Chose the inspector')).exitCode).toBe(0);
    const art = await call(
      'artifact',
      'type=note',
      'description=inspected',
      'content=written by the inspector',
    );
    expect(art.exitCode).toBe(0);
    expect(readFileSync(art.body.structuredContent!.path as string, 'utf8')).toBe('written by the inspector');
    expect(
      (await call('task', 'action=delegate', 'taskId=TASK-INS-1', 'to=dev', 'text=Check it')).exitCode,
    ).toBe(0);
    await clean(t);
    // A tool error: the Inspector exits non-zero and prints the error the server returned.
    const refs = (await t.git(['for-each-ref'])).stdout;
    const bad = await call('task', 'action=link', 'taskId=bad id');
    expect(bad.exitCode).not.toBe(0);
    expect(bad.body.isError).toBe(true);
    expect(bad.body.content[0]!.text).toContain('invalid task ID `bad id`');
    expect((await t.git(['for-each-ref'])).stdout).toBe(refs);
    expect((await call('checkpoint')).exitCode).toBe(0);
    await clean(t);
    expect((await call('end')).exitCode).toBe(0);
    await clean(t);
    const log = (await t.git(['show', `HEAD:${logAt(id)}`])).stdout;
    expect(log).toContain('] **Decision:** Chose the inspector');
    expect(log).toContain('Delegated task `TASK-INS-1` to `dev`: Check it');
    expect(log).toContain('status = "🏁 Completed"');
  });
});
