import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { at, logPath, rooOk } from './helpers/session.js';
import { makeTempRepo } from './helpers/tempRepo.js';

// roo runs inside the test worker (test/helpers/inProcess.ts): everything it knows of the outside world must come
// from the context the test gives it, never from the worker's own process state.

const ID = 'SESSION-In_process-2611260905';

describe('roo in process', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it("reads the context's environment, never the worker's", async () => {
    const t = await makeTempRepo();
    await rooOk(t, ['init']);
    // What the worker's environment says would change every answer below if roo read it.
    process.env.ROO_NOW = '2030-01-01T00:00:00Z';
    process.env.ROO_SESSION_ID = 'SESSION-Not_this_one-3001010000';
    process.env.ROO_FAST_PATH = '0';
    process.env.ROO_HOOKS = '0';
    expect(await rooOk(t, ['session', 'start', 'In process'])).toBe(ID);
    expect(await rooOk(t, ['session', 'current'])).toBe(ID);
    expect(await rooOk(t, ['session', 'log', 'an entry'], { now: at(6) })).toBe(`logged to ${ID}`);
    expect(t.read(logPath(ID))).toContain('- [2026-11-26 09:05:12] Session initiated');
    // The context's own ROO_SESSION_ID is honoured.
    const other = await t.roo(['session', 'current'], { env: { ROO_SESSION_ID: 'SESSION-Nope-3001010000' } });
    expect(other.exitCode).not.toBe(0);
  });

  it("keeps the worker's HOME and git configuration in a temp folder (test/setup/isolateProcess.ts)", () => {
    const tmp = realpathSync(tmpdir());
    for (const key of ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_GLOBAL'] as const) {
      expect(realpathSync(process.env[key] ?? '/'), key).toMatch(new RegExp(`^${tmp}/roo-worker-`));
    }
    expect(homedir()).toBe(process.env.HOME);
    expect(process.env.GIT_CONFIG_NOSYSTEM).toBe('1');
    expect(process.env.TZ).toBe('UTC');
  });

  it("starts the agent hook's turn-end checkpoint with the built binary, not the worker's script", async () => {
    const t = await makeTempRepo();
    await rooOk(t, ['init']);
    await t.git(['add', '.ruru/config.toml']);
    await t.git(['commit', '-q', '-m', 'roo init']);
    expect(await rooOk(t, ['session', 'start', 'In process'])).toBe(ID);
    await rooOk(t, ['session', 'log', 'before the turn ended'], { now: at(6) });
    const head = (await t.git(['rev-parse', 'HEAD'])).stdout;
    const stop = await t.roo(['agents', 'hook', 'claude', 'stop'], {
      input: JSON.stringify({ session_id: 's-1', hook_event_name: 'Stop' }),
      env: { ROO_NOW: at(7) },
    });
    expect(stop).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    // The detached `roo agents checkpoint-turn` removes its pid file when it is done.
    const pidFile = join(t.dir, '.git', 'roo', 'agents', 'checkpoint.pid');
    for (let i = 0; i < 1200 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(pidFile)).toBe(false);
    expect((await t.git(['rev-parse', 'HEAD'])).stdout).not.toBe(head);
    expect((await t.git(['log', '-1', '--format=%s'])).stdout).toBe(`session(${ID}): checkpoint\n`);
    expect(readFileSync(join(t.dir, logPath(ID)), 'utf8')).toContain('before the turn ended');
  });
});
