import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, git as gitRaw, logPath, rooOk } from './helpers/session.js';
import { makeTempRepo, rooBin, type TempRepo } from './helpers/tempRepo.js';

// The agent hook adapters (docs/agents.md): each agent's own hook configuration, with the user's hooks already in
// it, gets roo's; the installed command lines are run exactly as the agent runs them (parsed from the file, no
// shell) with the agent's documented JSON on stdin; uninstall puts the file back byte for byte.

const ID = 'SESSION-Agent_hooks-2611260905';

type AgentCase = {
  agent: 'claude' | 'codex' | 'gemini' | 'cursor' | 'copilot';
  file: string;
  /** The agent's event names for prompt, stop and start. */
  events: { prompt: string; stop: string; start: string };
  /** The user's configuration before roo (their own hooks), as they wrote it (own layout). */
  userConfig: string;
  payload: (dir: string, prompt: string) => { prompt: object; stop: object; start: object };
  /** The context from the session-start hook's stdout. */
  context: (stdout: string) => string;
};

const CASES: AgentCase[] = [
  {
    agent: 'claude',
    file: '.claude/settings.json',
    events: { prompt: 'UserPromptSubmit', stop: 'Stop', start: 'SessionStart' },
    userConfig: `{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "Stop": [{ "hooks": [{ "type": "command", "command": "./scripts/notify.sh" }] }],
        "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "./scripts/guard.sh" }] }]
    }
}
`,
    payload: (dir, prompt) => {
      const base = {
        session_id: 'abc123',
        transcript_path: join(dir, 't.jsonl'),
        cwd: dir,
        permission_mode: 'default',
      };
      return {
        prompt: { ...base, hook_event_name: 'UserPromptSubmit', prompt },
        stop: { ...base, hook_event_name: 'Stop', stop_hook_active: false },
        start: { ...base, hook_event_name: 'SessionStart', source: 'startup' },
      };
    },
    context: (stdout) => stdout,
  },
  {
    agent: 'codex',
    file: '.codex/hooks.json',
    events: { prompt: 'UserPromptSubmit', stop: 'Stop', start: 'SessionStart' },
    userConfig: `{
  "hooks": {
    "SessionStart": [
      { "matcher": "startup|resume", "hooks": [{ "type": "command", "command": "python3 .codex/hooks/start.py", "statusMessage": "Loading" }] }
    ]
  }
}
`,
    payload: (dir, prompt) => {
      const base = { session_id: 'th-1', transcript_path: null, cwd: dir, model: 'gpt-5-codex' };
      return {
        prompt: { ...base, hook_event_name: 'UserPromptSubmit', turn_id: 'turn-1', prompt },
        stop: {
          ...base,
          hook_event_name: 'Stop',
          turn_id: 'turn-1',
          stop_hook_active: false,
          last_assistant_message: 'Done.',
        },
        start: { ...base, hook_event_name: 'SessionStart', source: 'startup' },
      };
    },
    context: (stdout) => stdout,
  },
  {
    agent: 'gemini',
    file: '.gemini/settings.json',
    events: { prompt: 'BeforeAgent', stop: 'AfterAgent', start: 'SessionStart' },
    userConfig: `{
  "theme": "GitHub",
  "hooks": {
    "BeforeTool": [
      { "matcher": "run_shell_command", "hooks": [{ "name": "guard", "type": "command", "command": "./guard.sh", "timeout": 5000 }] }
    ]
  }
}`,
    payload: (dir, prompt) => {
      const base = {
        session_id: 'g-1',
        transcript_path: join(dir, 'g.json'),
        cwd: dir,
        timestamp: '2026-11-26T09:05:12Z',
      };
      return {
        prompt: { ...base, hook_event_name: 'BeforeAgent', prompt },
        stop: {
          ...base,
          hook_event_name: 'AfterAgent',
          prompt,
          prompt_response: 'Done.',
          stop_hook_active: false,
        },
        start: { ...base, hook_event_name: 'SessionStart', source: 'startup' },
      };
    },
    context: (stdout) => {
      const out = JSON.parse(stdout) as {
        hookSpecificOutput: { hookEventName: string; additionalContext: string };
      };
      expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
      return out.hookSpecificOutput.additionalContext;
    },
  },
  {
    agent: 'cursor',
    file: '.cursor/hooks.json',
    events: { prompt: 'beforeSubmitPrompt', stop: 'stop', start: 'sessionStart' },
    userConfig: `{
\t"version": 1,
\t"hooks": {
\t\t"afterFileEdit": [{ "command": "./hooks/format.sh" }],
\t\t"beforeSubmitPrompt": [{ "command": "./hooks/audit.sh" }]
\t}
}
`,
    payload: (dir, prompt) => {
      const base = { conversation_id: 'c-1', generation_id: 'g-1', workspace_roots: [dir] };
      return {
        prompt: { ...base, hook_event_name: 'beforeSubmitPrompt', prompt, attachments: [] },
        stop: { ...base, hook_event_name: 'stop', status: 'completed', loop_count: 0 },
        start: {
          ...base,
          hook_event_name: 'sessionStart',
          session_id: 'c-1',
          is_background_agent: false,
          composer_mode: 'agent',
        },
      };
    },
    context: (stdout) => (JSON.parse(stdout) as { additional_context: string }).additional_context,
  },
  {
    agent: 'copilot',
    file: '.github/hooks/roo.json',
    events: { prompt: 'userPromptSubmitted', stop: 'agentStop', start: 'sessionStart' },
    userConfig: `{
  "version": 1,
  "hooks": {
    "preToolUse": [
      { "type": "command", "bash": "./scripts/guard.sh", "powershell": "./scripts/guard.ps1", "timeoutSec": 15 }
    ]
  }
}
`,
    payload: (dir, prompt) => {
      const base = { sessionId: 's-1', timestamp: 1764147912000, cwd: dir };
      return {
        prompt: { ...base, prompt },
        stop: { ...base, transcriptPath: join(dir, 'c.jsonl'), stopReason: 'end_turn' },
        start: { ...base, source: 'new', initialPrompt: prompt },
      };
    },
    context: (stdout) => stdout,
  },
];

/** A folder holding `roo` (the built one): the PATH an agent would have after `npm install -g @roo-session/cli`. */
function binDir(t: TempRepo): string {
  const dir = join(t.root, 'bin');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    symlinkSync(rooBin, join(dir, 'roo'));
  }
  return dir;
}

/** The agent's environment: roo on PATH, the fixed clock. */
function agentEnv(t: TempRepo, now = at(6)): Record<string, string> {
  return { ...t.env, PATH: `${binDir(t)}${delimiter}${t.env.PATH ?? ''}`, ROO_NOW: now };
}

type Json = Record<string, unknown>;

/** The command lines the configuration runs for `event`, in the agent's format (Copilot's `bash` line here). */
function commandsFor(config: Json, event: string): string[] {
  const list = ((config.hooks as Json | undefined)?.[event] ?? []) as Json[];
  return list.flatMap((item) =>
    Array.isArray(item.hooks)
      ? (item.hooks as Json[]).map((h) => String(h.command))
      : [String(item.command ?? item.bash)],
  );
}

/** Runs an installed command line as the agent does: split into words, no shell, payload on stdin. */
async function runHook(
  t: TempRepo,
  command: string,
  payload: object | string,
  opts: { cwd?: string; now?: string; env?: Record<string, string> } = {},
) {
  const [file = '', ...args] = command.split(' ');
  const r = await execa(file, args, {
    cwd: opts.cwd ?? t.dir,
    env: { ...agentEnv(t, opts.now), ...opts.env },
    extendEnv: false,
    reject: false,
    input: typeof payload === 'string' ? payload : JSON.stringify(payload),
    stripFinalNewline: false,
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Waits until the detached turn-end checkpoint is done: its pid file gone, or the process it names gone. */
async function checkpointDone(t: TempRepo): Promise<void> {
  const pidFile = join(t.dir, '.git', 'roo', 'agents', 'checkpoint.pid');
  for (let i = 0; i < 1200; i++) {
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (pid > 0) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the turn-end checkpoint did not finish within 60 s');
}

async function repoWithSession(userFile?: { rel: string; text: string }): Promise<TempRepo> {
  const t = await makeTempRepo();
  await rooOk(t, ['init']);
  if (userFile !== undefined) t.write(userFile.rel, userFile.text);
  await t.git(['add', '-A']);
  await t.git(['commit', '-q', '-m', 'project setup']);
  expect(await rooOk(t, ['session', 'start', 'Agent hooks'])).toBe(ID);
  return t;
}

/** git's output, trimmed. */
const git = async (t: TempRepo, args: string[]) => (await gitRaw(t, args)).trim();
const shown = async (t: TempRepo) => rooOk(t, ['session', 'show'], { now: at(30) });
const subject = async (t: TempRepo) => git(t, ['log', '-1', '--format=%s']);
const committedLog = async (t: TempRepo) => git(t, ['show', `HEAD:${logPath(ID)}`]);

describe.each(CASES)('$agent: install, capture, uninstall', (c) => {
  it(`keeps the user's hooks, records prompts, checkpoints turn ends (coalesced), prints the context at start, uninstalls byte for byte`, async () => {
    const t = await repoWithSession({ rel: c.file, text: c.userConfig });
    const userConfig = JSON.parse(c.userConfig) as Json;
    const install = await t.roo(['agents', 'install', c.agent], { env: { PATH: agentEnv(t).PATH ?? '' } });
    expect(install.exitCode, install.stderr).toBe(0);
    expect(install.stderr).toBe('');

    const installed = JSON.parse(t.read(c.file)) as Json;
    // Everything of the user's is still there: other settings, and each event's own hooks first, unchanged.
    for (const [key, value] of Object.entries(userConfig))
      if (key !== 'hooks') expect(installed[key]).toEqual(value);
    const userHooks = userConfig.hooks as Record<string, unknown[]>;
    const hooks = installed.hooks as Record<string, unknown[]>;
    for (const [event, list] of Object.entries(userHooks))
      expect(hooks[event]?.slice(0, list.length)).toEqual(list);
    const cmd = {
      prompt: commandsFor(installed, c.events.prompt).filter((x) => x.startsWith('roo ')),
      stop: commandsFor(installed, c.events.stop).filter((x) => x.startsWith('roo ')),
      start: commandsFor(installed, c.events.start).filter((x) => x.startsWith('roo ')),
    };
    expect(cmd).toEqual({
      prompt: [`roo agents hook ${c.agent} prompt`],
      stop: [`roo agents hook ${c.agent} stop`],
      start: [`roo agents hook ${c.agent} start`],
    });
    expect(t.read('AGENTS.md')).toContain('roo session log --type decision');

    const status = await t.roo(['agents', 'status', c.agent, '--json']);
    expect(JSON.parse(status.stdout).agents[0]).toMatchObject({
      agent: c.agent,
      state: 'installed',
      lost: [],
      unchangedSinceInstall: true,
    });

    // The prompt: one `prompt` entry, nothing printed, the tree untouched.
    const p = c.payload(t.dir, 'Fix the login bug\nand add a test');
    const start = await git(t, ['rev-parse', 'HEAD']);
    const r1 = await runHook(t, cmd.prompt[0]!, p.prompt, { now: at(6) });
    expect(r1).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await shown(t)).toContain('**Prompt:** Fix the login bug and add a test');
    expect(await git(t, ['rev-parse', 'HEAD'])).toBe(start);

    // The turn end: a checkpoint, made by a detached process the hook does not wait for.
    const r2 = await runHook(t, cmd.stop[0]!, p.stop, { now: at(7) });
    expect(r2).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    await checkpointDone(t);
    expect(await subject(t)).toBe(`session(${ID}): checkpoint`);
    const first = await git(t, ['rev-parse', 'HEAD']);
    expect(await git(t, ['rev-parse', 'HEAD^'])).toBe(start);
    expect(await committedLog(t)).toContain('**Prompt:** Fix the login bug and add a test');

    // Another turn: the new checkpoint replaces the previous one (same parent), holding both prompts.
    const p2 = c.payload(t.dir, 'Now the docs');
    expect(await runHook(t, cmd.prompt[0]!, p2.prompt, { now: at(8) })).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: '',
    });
    expect(await runHook(t, cmd.stop[0]!, p2.stop, { now: at(9) })).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: '',
    });
    await checkpointDone(t);
    expect(await subject(t)).toBe(`session(${ID}): checkpoint`);
    expect(await git(t, ['rev-parse', 'HEAD'])).not.toBe(first);
    expect(await git(t, ['rev-parse', 'HEAD^'])).toBe(start);
    const log = await committedLog(t);
    expect(log).toContain('**Prompt:** Fix the login bug and add a test');
    expect(log).toContain('**Prompt:** Now the docs');
    // The only change to tracked files is the install itself (the user commits it); roo's checkpoints left none.
    expect(await gitRaw(t, ['status', '--porcelain', '--untracked-files=no'])).toBe(` M ${c.file}\n`);

    // Session start: the context, in the form the agent reads it.
    const r3 = await runHook(t, cmd.start[0]!, p.start, { now: at(10) });
    expect(r3.exitCode).toBe(0);
    expect(r3.stderr).toBe('');
    const context = c.context(r3.stdout);
    expect(context).toContain(`roo session ${ID} is active`);
    expect(context).toContain('Goal: Agent hooks');
    expect(context).toContain('**Prompt:** Now the docs');
    expect(context).toContain('roo session log --type decision');

    // The user's hooks are still exactly there; uninstall gives back the file byte for byte.
    expect(hooksOf(JSON.parse(t.read(c.file)) as Json, userHooks)).toEqual(userHooks);
    const un = await t.roo(['agents', 'uninstall', c.agent]);
    expect(un.exitCode, un.stderr).toBe(0);
    expect(readFileSync(join(t.dir, c.file))).toEqual(Buffer.from(c.userConfig));
    expect(existsSync(join(t.dir, 'AGENTS.md'))).toBe(false);
    expect(await git(t, ['status', '--porcelain'])).toBe('');
  }, 120_000);
});

/** The user's events of `config`, without roo's entries: what must equal the user's own. */
function hooksOf(config: Json, userHooks: Record<string, unknown[]>): Record<string, unknown[]> {
  const hooks = config.hooks as Record<string, unknown[]>;
  return Object.fromEntries(
    Object.keys(userHooks).map((k) => [k, (hooks[k] ?? []).slice(0, userHooks[k]!.length)]),
  );
}

describe('files roo creates, and files that changed since install', () => {
  it('creates the configuration and AGENTS.md when absent, and deletes both (and its folders) on uninstall', async () => {
    const t = await repoWithSession();
    t.write('AGENTS.md', '# Agents\n\nUse pnpm.\n');
    await t.git(['add', 'AGENTS.md']);
    await t.git(['commit', '-q', '-m', 'agents']);
    expect((await t.roo(['agents', 'install', 'cursor'])).exitCode).toBe(0);
    expect((await t.roo(['agents', 'install', 'codex'])).exitCode).toBe(0);
    expect(JSON.parse(t.read('.cursor/hooks.json'))).toMatchObject({ version: 1 });
    expect(t.read('AGENTS.md')).toMatch(/^# Agents\n\nUse pnpm\.\n\n<!-- roo:agents:begin/);
    expect((await t.roo(['agents', 'uninstall', 'cursor'])).exitCode).toBe(0);
    expect(existsSync(join(t.dir, '.cursor'))).toBe(false);
    // Codex is still installed: AGENTS.md keeps the block until the last agent goes.
    expect(t.read('AGENTS.md')).toContain('roo:agents:begin');
    expect((await t.roo(['agents', 'uninstall', 'codex'])).exitCode).toBe(0);
    expect(existsSync(join(t.dir, '.codex'))).toBe(false);
    expect(t.read('AGENTS.md')).toBe('# Agents\n\nUse pnpm.\n');
    expect(await git(t, ['status', '--porcelain'])).toBe('');
  }, 60_000);

  it('takes only its own hooks out of a file edited since install, and status says what is missing', async () => {
    const t = await repoWithSession();
    expect((await t.roo(['agents', 'install', 'claude'])).exitCode).toBe(0);
    const config = JSON.parse(t.read('.claude/settings.json')) as { hooks: Record<string, unknown[]> };
    config.hooks.Stop = [];
    config.hooks.PostToolUse = [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'npm run lint' }] }];
    t.write('.claude/settings.json', `${JSON.stringify(config, null, 2)}\n`);
    const st = JSON.parse((await t.roo(['agents', 'status', 'claude', '--json'])).stdout).agents[0];
    expect(st).toMatchObject({ state: 'partial', lost: ['stop'], unchangedSinceInstall: false });
    const text = (await t.roo(['agents', 'status'])).stdout;
    expect(text).toContain('run `roo agents install claude`');
    expect((await t.roo(['agents', 'uninstall', 'claude'])).exitCode).toBe(0);
    expect(JSON.parse(t.read('.claude/settings.json'))).toEqual({
      hooks: {
        Stop: [],
        PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'npm run lint' }] }],
      },
    });
  }, 60_000);

  it('installing twice changes nothing; a clone without the install record still uninstalls what roo added', async () => {
    const user =
      '{\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "./notify.sh" }] }]\n  }\n}\n';
    const t = await repoWithSession({ rel: '.codex/hooks.json', text: user });
    expect((await t.roo(['agents', 'install', 'codex'])).exitCode).toBe(0);
    const once = t.read('.codex/hooks.json');
    expect((await t.roo(['agents', 'install', 'codex'])).exitCode).toBe(0);
    expect(t.read('.codex/hooks.json')).toBe(once);
    // As in a teammate's clone: the configuration committed with roo's hooks, no record of installing it here.
    rmSync(join(t.dir, '.git', 'roo', 'agents'), { recursive: true, force: true });
    expect(JSON.parse((await t.roo(['agents', 'status', 'codex', '--json'])).stdout).agents[0]).toMatchObject(
      {
        state: 'installed',
        unchangedSinceInstall: null,
      },
    );
    expect((await t.roo(['agents', 'uninstall', 'codex'])).exitCode).toBe(0);
    expect(JSON.parse(t.read('.codex/hooks.json'))).toEqual(JSON.parse(user));
  }, 60_000);

  it('refuses a configuration that is not JSON, changing nothing (exit 3)', async () => {
    const t = await repoWithSession({ rel: '.gemini/settings.json', text: '{ "theme": "x", }\n' });
    const r = await t.roo(['agents', 'install', 'gemini']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(
      /cannot read \.gemini\/settings\.json: not valid JSON; nothing was changed\nseen: .*\n.*run the command again/,
    );
    expect(t.read('.gemini/settings.json')).toBe('{ "theme": "x", }\n');
    expect(existsSync(join(t.dir, 'AGENTS.md'))).toBe(false);
  }, 60_000);

  it('an unknown agent is a usage error naming the known ones (exit 2)', async () => {
    const t = await makeTempRepo();
    const r = await t.roo(['agents', 'install', 'vim']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('claude, codex, gemini, cursor, copilot');
  });

  it('roo init --agents adds the AGENTS.md block', async () => {
    const t = await makeTempRepo();
    expect((await t.roo(['init', '--agents', '--no-hooks'])).exitCode).toBe(0);
    expect(t.read('AGENTS.md')).toContain('<!-- roo:agents:end -->');
  });
});

describe('prompts: --no-prompts, agentPrompts = false, secrets', () => {
  it('--no-prompts installs no prompt hook; the others still work', async () => {
    const t = await repoWithSession();
    expect((await t.roo(['agents', 'install', 'claude', '--no-prompts'])).exitCode).toBe(0);
    const config = JSON.parse(t.read('.claude/settings.json')) as Json;
    expect(commandsFor(config, 'UserPromptSubmit')).toEqual([]);
    expect(commandsFor(config, 'Stop')).toEqual(['roo agents hook claude stop']);
    expect(
      JSON.parse((await t.roo(['agents', 'status', 'claude', '--json'])).stdout).agents[0],
    ).toMatchObject({
      state: 'installed',
      events: ['stop', 'start'],
    });
  }, 60_000);

  it('agentPrompts = false in .ruru/config.toml: the prompt hook records nothing', async () => {
    const t = await repoWithSession();
    t.write('.ruru/config.toml', 'agentPrompts = false\n');
    expect((await t.roo(['agents', 'install', 'codex'])).exitCode).toBe(0);
    const r = await runHook(t, 'roo agents hook codex prompt', { cwd: t.dir, prompt: 'Private prompt' });
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await shown(t)).not.toContain('Private prompt');
    expect(readFileSync(join(t.dir, '.git', 'roo', 'journal'), 'utf8')).not.toContain('Private prompt');
  }, 60_000);

  it('the full command line records the same as the fast path (ROO_FAST_PATH=0)', async () => {
    const t = await repoWithSession();
    const r = await runHook(
      t,
      'roo agents hook gemini prompt',
      { cwd: t.dir, hook_event_name: 'BeforeAgent', prompt: 'Through the full path' },
      { env: { ROO_FAST_PATH: '0' } },
    );
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await shown(t)).toContain('**Prompt:** Through the full path');
  }, 60_000);

  it('credentials in a prompt never reach the journal; the checkpoint commits', async () => {
    const t = await repoWithSession();
    const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
    const aws = 'AKIAIOSFODNN7EXAMPLE';
    const r = await runHook(t, 'roo agents hook claude prompt', {
      cwd: t.dir,
      prompt: `use ${token} and ${aws}`,
    });
    expect(r.exitCode).toBe(0);
    const journal = readFileSync(join(t.dir, '.git', 'roo', 'journal'), 'utf8');
    expect(journal).not.toContain(token);
    expect(journal).not.toContain(aws);
    expect(await shown(t)).toContain('**Prompt:** use [redacted] and [redacted]');
    expect((await runHook(t, 'roo agents hook claude stop', { cwd: t.dir })).exitCode).toBe(0);
    await checkpointDone(t);
    expect(await subject(t)).toBe(`session(${ID}): checkpoint`);
  }, 60_000);
});

describe('hooks fail open: exit 0, nothing printed', () => {
  const events = ['prompt', 'stop', 'start'] as const;

  it('without a session', async () => {
    const t = await makeTempRepo();
    await rooOk(t, ['init']);
    for (const e of events) {
      expect(await runHook(t, `roo agents hook claude ${e}`, { cwd: t.dir, prompt: 'x' })).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
    expect(existsSync(join(t.dir, '.git', 'roo', 'journal'))).toBe(false);
    expect(existsSync(join(t.dir, '.git', 'roo', 'agents', 'checkpoint.pid'))).toBe(false);
  }, 60_000);

  it('outside a repository, and with a payload that is not JSON', async () => {
    const t = await makeTempRepo();
    const outside = join(t.root, 'elsewhere');
    mkdirSync(outside);
    for (const e of events) {
      expect(await runHook(t, `roo agents hook gemini ${e}`, { cwd: outside }, { cwd: outside })).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
      expect(await runHook(t, `roo agents hook gemini ${e}`, 'not json {', { cwd: outside })).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
  }, 60_000);

  it('with a broken journal (a folder in its place) and a broken log', async () => {
    const t = await repoWithSession();
    const journal = join(t.dir, '.git', 'roo', 'journal');
    rmSync(journal, { force: true });
    mkdirSync(journal);
    const r = await runHook(t, 'roo agents hook cursor prompt', { workspace_roots: [t.dir], prompt: 'lost' });
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(t.dir, '.git', 'roo', 'hook-errors.log'), 'utf8')).toMatch(
      /^cursor prompt hook: cannot append/m,
    );
    writeFileSync(join(t.dir, logPath(ID)), '+++\nthis is not toml = = =\n');
    for (const e of events) {
      expect(
        await runHook(t, `roo agents hook cursor ${e}`, { workspace_roots: [t.dir], prompt: 'x' }),
      ).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
    expect(existsSync(join(t.dir, '.git', 'roo', 'agents', 'checkpoint.pid'))).toBe(false);
  }, 60_000);

  it('in a broken repository (HEAD is garbage)', async () => {
    const t = await repoWithSession();
    writeFileSync(join(t.dir, '.git', 'HEAD'), 'garbage\n');
    for (const e of events) {
      expect(await runHook(t, `roo agents hook copilot ${e}`, { cwd: t.dir, prompt: 'x' })).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
    expect(existsSync(join(t.dir, '.git', 'roo', 'agents', 'checkpoint.pid'))).toBe(false);
  }, 60_000);

  it('an unknown agent or event does nothing', async () => {
    const t = await repoWithSession();
    for (const args of ['roo agents hook vim prompt', 'roo agents hook claude compact']) {
      expect(await runHook(t, args, { cwd: t.dir, prompt: 'x' })).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
  }, 60_000);
});
