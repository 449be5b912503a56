import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@roo-session/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { sessionLog, sessionTask } from './record.js';

// These refusals come before the repository is even looked for: a folder that is no repository shows that
// nothing was read or written (a later step would fail with "not a git repository" instead).
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function ctx(): AppContext {
  const cwd = mkdtempSync(join(tmpdir(), 'roo-usecase-'));
  dirs.push(cwd);
  return { cwd, env: { GIT_CEILING_DIRECTORIES: cwd }, now: () => new Date(0), note: () => {} };
}

describe('sessionLog', () => {
  it('refuses a blank message, naming where it came from and what to run, before touching anything', async () => {
    const c = ctx();
    const error = await sessionLog(c, { message: ' \n\t\r\n', seen: 'stdin was empty' }).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.what).toBe('no message to log; nothing was logged');
    expect(error.seen).toBe('stdin was empty');
    expect(error.message).toContain('no message to log; nothing was logged\nseen: stdin was empty\n');
    expect(error.next).toBe('roo session log <message>');
    expect(readdirSync(c.cwd)).toEqual([]);
  });
});

describe('sessionTask', () => {
  it('refuses a delegation without its mode or objective, and says how to give them', async () => {
    const error = await sessionTask(ctx(), { action: 'delegate', taskId: 'TASK-1', text: 'x' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/needs the mode \(`--to`\) and the objective/);
    expect(error.next).toBe('roo session task delegate <TASK-ID> --to <mode> <objective>');
  });
});
