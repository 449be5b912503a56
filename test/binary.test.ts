import { describe, expect, it } from 'vitest';
import { at, commitAt } from './helpers/session.js';
import { makeTempRepo, type RunResult, type TempRepo } from './helpers/tempRepo.js';

// Most tests run roo in process (test/helpers/inProcess.ts). This one runs every command through the built binary
// (packages/cli/bin/roo.js: the CommonJS fast-path bundle, then the ESM command line), and the same steps in process
// in a twin repository, and requires the same stdout, stderr and exit code from both, step by step: what the other
// tests see in process is what a user's `roo` prints.

const ID = 'SESSION-Binary_and_in_process-2611260905';
const TASK = 'TASK-API-20261126-0930';

type Step = { args: string[]; minute: number; input?: string; commit?: string };

/** Every command once (`mcp` has its own tests over stdio, test/mcp.test.ts), a usage error, a refusal. */
const STEPS: Step[] = [
  { args: ['--version'], minute: 5 },
  { args: ['help'], minute: 5 },
  { args: ['init'], minute: 5 },
  { args: ['hooks', 'status'], minute: 5 },
  { args: ['session', 'start', 'Binary and in process'], minute: 5 },
  { args: ['session', 'current'], minute: 5 },
  { args: ['session', 'current', '--json'], minute: 5 },
  { args: ['session', 'status'], minute: 6 },
  { args: ['session', 'status', '--json'], minute: 6 },
  { args: ['session', 'log', 'a plain entry'], minute: 7 },
  { args: ['session', 'log', '--type', 'decision', 'a decision'], minute: 7 },
  { args: ['session', 'log', '--stdin'], minute: 8, input: 'from stdin\nsecond line\n' },
  { args: ['session', 'artifact', 'new', 'note', 'A note'], minute: 8 },
  { args: ['session', 'artifact', 'list'], minute: 8 },
  { args: ['session', 'task', 'delegate', TASK, '--to', 'dev-api', 'Add the limiter'], minute: 9 },
  { args: ['session', 'task', 'link', 'TASK-BACKEND-20261126-0915'], minute: 9 },
  { args: ['session', 'task', 'result', TASK, '--from', 'dev-api', 'Done, 12 tests'], minute: 9 },
  { args: ['session', 'checkpoint'], minute: 10, commit: 'work.txt' },
  { args: ['session', 'sync'], minute: 11 },
  { args: ['session', 'show'], minute: 11 },
  { args: ['session', 'show', '--json'], minute: 11 },
  { args: ['session', 'list'], minute: 11 },
  { args: ['session', 'check'], minute: 11 },
  { args: ['agents', 'install', 'claude'], minute: 12 },
  { args: ['agents', 'status', 'claude'], minute: 12 },
  {
    args: ['agents', 'hook', 'claude', 'prompt'],
    minute: 12,
    input: JSON.stringify({ session_id: 's-1', hook_event_name: 'UserPromptSubmit', prompt: 'go on' }),
  },
  { args: ['agents', 'uninstall', 'claude'], minute: 12 },
  { args: ['session', 'pause'], minute: 13 },
  { args: ['session', 'continue', ID], minute: 14 },
  { args: ['session', 'end'], minute: 15 },
  { args: ['session', 'log', 'too late'], minute: 16 },
  { args: ['doctor'], minute: 16 },
  { args: ['hooks', 'uninstall'], minute: 16 },
  { args: ['hooks', 'install'], minute: 16 },
  { args: ['session', 'bogus'], minute: 16 },
  { args: ['session', 'log'], minute: 16 },
];

/** Every commit ID the repository has had (refs and reflogs). */
async function commitIds(t: TempRepo): Promise<string[]> {
  return (await t.git(['rev-list', '--all', '--reflog'])).stdout.split('\n').filter((l) => l !== '');
}

/**
 * Text with what differs between the twins by construction: the temp folder, commit IDs (the initial commit is
 * dated by the clock), journal record IDs (they name the process).
 */
function comparable(t: TempRepo, text: string, ids: readonly string[]): string {
  return text
    .replaceAll(t.root, '<root>')
    .replace(/\b[0-9a-f]{7,40}\b/g, (hex) => (ids.some((id) => id.startsWith(hex)) ? '<commit>' : hex))
    .replace(/\bj:[0-9a-z]+-[0-9a-z]+-[0-9a-z]+\b/g, 'j:<rid>');
}

async function comparableRun(t: TempRepo, r: RunResult): Promise<RunResult> {
  const ids = await commitIds(t);
  return { exitCode: r.exitCode, stdout: comparable(t, r.stdout, ids), stderr: comparable(t, r.stderr, ids) };
}

describe('the built binary and roo in process', () => {
  it('print the same for every command, step by step', async () => {
    const binary = await makeTempRepo();
    const inProcess = await makeTempRepo();
    const codes: number[] = [];
    for (const step of STEPS) {
      const opts = {
        env: { ROO_NOW: at(step.minute) },
        ...(step.input === undefined ? {} : { input: step.input }),
      };
      if (step.commit !== undefined) {
        for (const t of [binary, inProcess]) {
          await commitAt(t, step.commit, `${step.minute}\n`, `work at ${step.minute}`, at(step.minute));
        }
      }
      const b = await comparableRun(binary, await binary.rooProcess(step.args, opts));
      const p = await comparableRun(inProcess, await inProcess.roo(step.args, opts));
      expect(p, `roo ${step.args.join(' ')}`).toEqual(b);
      codes.push(b.exitCode);
    }
    // The steps did what they say: the refusals refused, everything else worked.
    expect(codes).toEqual(
      STEPS.map(({ args }) =>
        args[1] === 'bogus' || (args[1] === 'log' && args.length === 2)
          ? 2
          : args.includes('too late')
            ? 3
            : 0,
      ),
    );
    // And left the same history and session log.
    const history = async (t: TempRepo) =>
      comparable(t, (await t.git(['log', '--all', '--format=%s%n%b'])).stdout, await commitIds(t));
    expect(await history(inProcess)).toBe(await history(binary));
    const log = `.ruru/sessions/${ID}/session_log.md`;
    expect(comparable(inProcess, inProcess.read(log), await commitIds(inProcess))).toBe(
      comparable(binary, binary.read(log), await commitIds(binary)),
    );
    // stdin reached both: the `--stdin` entry and the agent's prompt (read from fd 0 by the binary).
    for (const text of ['from stdin', 'second line', 'go on', 'Add the limiter', 'Done, 12 tests']) {
      expect(binary.read(log), text).toContain(text);
    }
  }, 300_000);
});
