import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import type { RooContext } from '../context.js';
import { runCli } from '../runCli.js';
import { describeCommand, formatOption, isListed } from './commandTree.js';

// In-process: help, suggestions and usage errors need no repository, so these run `runCli` with captured streams.

async function roo(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => {
    const s = new PassThrough();
    s.on('data', (d) => write(String(d)));
    return s;
  };
  const out = sink((d) => {
    stdout += d;
  });
  const err = sink((d) => {
    stderr += d;
  });
  const ctx: RooContext = {
    stdin: new PassThrough(),
    stdout: out,
    stderr: err,
    env: {},
    colorDepth: 1,
    cwd: '/nonexistent-roo-help-test',
    now: () => new Date('2026-11-26T09:05:12Z'),
    isTTY: false,
  };
  const exitCode = await runCli(argv, ctx);
  await new Promise((r) => setImmediate(r));
  return { exitCode, stdout, stderr };
}

/** clipanion's own value placeholder (`--type #0`), which roo's help replaces with a name. */
const CLIPANION_PLACEHOLDER = /-[\w-]+ #\d/;

const specs = commands.filter(isListed).map((c) => describeCommand(c));
const groups = ['session', 'hooks', 'session task', 'session artifact'];

describe('help', () => {
  it.each(specs.map((s) => [s.path.join(' '), s] as const))(
    '`roo %s --help` shows real placeholders and every option',
    async (_, spec) => {
      const r = await roo([...spec.path, '--help']);
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(CLIPANION_PLACEHOLDER);
      expect(r.stdout).toContain(`$ ${spec.usage}`);
      for (const o of spec.options) {
        if (o.placeholder !== null) expect(o.placeholder).toMatch(/^[a-z][a-z-]*$/);
        expect(r.stdout).toContain(formatOption(o));
      }
      expect(r.stdout).toContain('Exit codes');
    },
  );

  it('no `#0` in the root help, any group help, or the agent reference', async () => {
    for (const argv of [
      [],
      ['--help'],
      ['-h'],
      ['help'],
      ['help', '--agent'],
      ...groups.map((g) => g.split(' ')),
    ]) {
      const r = await roo(argv);
      expect(r.exitCode, argv.join(' ')).toBe(0);
      expect(r.stdout, argv.join(' ')).not.toMatch(CLIPANION_PLACEHOLDER);
    }
  });

  it('placeholders name what the value is', async () => {
    const log = (await roo(['session', 'log', '--help'])).stdout;
    expect(log).toContain('--type <type>');
    expect(log).toContain('--session <id>');
    expect((await roo(['session', 'task', 'result', '-h'])).stdout).toContain(
      '$ roo session task result --from <mode> [--session <id>] [--json] <TASK-ID> <summary>...',
    );
    expect((await roo(['session', 'start', '--help'])).stdout).toContain('--tag <tag>...');
  });

  it.each(groups)(
    '`roo %s --help` and the bare group list the commands of the group, one line each',
    async (group) => {
      const members = specs.filter((s) => s.path.join(' ').startsWith(`${group} `));
      expect(members.length).toBeGreaterThan(1);
      for (const argv of [[...group.split(' '), '--help'], group.split(' '), ['help', ...group.split(' ')]]) {
        const r = await roo(argv);
        expect(r.exitCode, argv.join(' ')).toBe(0);
        expect(r.stdout).toContain(`$ roo ${group} <command>`);
        for (const m of members) {
          expect(r.stdout).toMatch(
            new RegExp(`\\n  roo ${m.path.join(' ')} +${escapeRegExp(m.description)}\\n`),
          );
        }
        const others = specs.filter((s) => !members.includes(s));
        for (const o of others) expect(r.stdout).not.toContain(`\n  roo ${o.path.join(' ')} `);
      }
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('unknown commands', () => {
  it.each([
    [['sesion', 'start', 'Fix login'], 'session start'],
    [['session', 'strat', 'x'], 'session start'],
    [['session', 'stauts'], 'session status'],
    [['hoks', 'install'], 'hooks install'],
    [['session', 'task', 'reslt', 'TASK-1', 'x'], 'session task result'],
    [['sesion', 'continue', 'x'], 'session continue'],
  ])('`roo %j` suggests `roo %s`, once, and exits 2', async (argv, want) => {
    const r = await roo(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`did you mean \`roo ${want}\`?`);
    expect(r.stderr.split(`roo ${want}`).length - 1).toBe(2); // the suggestion and the `--help` hint
    expect(r.stderr).toContain(`run \`roo ${want} --help\``);
  });

  it('two commands equally near: both, one line each', async () => {
    const r = await roo(['session', 'stat']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('`roo session stat` is not a roo command; did you mean one of these?\n');
    for (const want of ['session start', 'session status']) {
      expect(r.stderr.match(new RegExp(`\\n  roo ${want} +`, 'g'))).toHaveLength(1);
    }
    expect(r.stderr).not.toContain('roo session list');
  });

  it('an unknown word in a group lists the group, each command once; a word near nothing says so', async () => {
    const r = await roo(['session', 'frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      '`roo session frobnicate` is not a command; the commands of `roo session` are:',
    );
    for (const s of specs.filter((x) => x.path[0] === 'session')) {
      expect(r.stderr.split(`\n  roo ${s.path.join(' ')} `).length - 1).toBe(1);
    }
    const far = await roo(['frobnicate']);
    expect(far.exitCode).toBe(2);
    expect(far.stderr).toBe(
      'roo: `roo frobnicate` is not a roo command\nrun `roo --help` for the list of commands\n',
    );
  });

  it('with --json: one error object on stdout naming the condition, nothing on stderr', async () => {
    const r = await roo(['sesion', 'start', '--json', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'unknown_command',
        exitCode: 2,
        message: expect.stringContaining('did you mean `roo session start`?'),
        what: '`roo sesion start` is not a roo command; did you mean `roo session start`?',
        seen: null,
        next: 'roo session start --help',
      },
    });
  });
});

describe('usage errors of a known command', () => {
  it('a missing required option is named, with the command to run', async () => {
    const r = await roo(['session', 'task', 'result', 'TASK-API-1', 'All', 'green']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'roo: `roo session task result` needs `--from <mode>` (the mode (agent) that returned the result), ' +
        'which was not given\nrun `roo session task result --from <mode> TASK-API-1 All green`\n',
    );
    const d = await roo(['session', 'task', 'delegate', 'TASK-API-1', 'do it']);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toContain('needs `--to <mode>`');
    expect(d.stderr).toContain("run `roo session task delegate --to <mode> TASK-API-1 'do it'`");
    const j = await roo(['session', 'task', 'result', '--json', 'TASK-API-1', 'x']);
    expect(j.exitCode).toBe(2);
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: 'missing_option', exitCode: 2 });
  });

  it('an unknown option or a missing argument: the reason and the usage line with placeholders', async () => {
    const r = await roo(['session', 'start', '--bogus', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Unsupported option name ("--bogus")');
    expect(r.stderr).toContain('usage: roo session start [--here] [--branch <branch>]');
    expect(r.stderr).not.toMatch(CLIPANION_PLACEHOLDER);
    const noId = await roo(['session', 'task', 'link']);
    expect(noId.exitCode).toBe(2);
    expect(noId.stderr).toContain(
      'roo: `roo session task link` needs `<TASK-ID>` (not enough arguments were given)\n',
    );
    const missing = await roo(['session', 'artifact', 'new', '--json']);
    expect(missing.exitCode).toBe(2);
    expect(JSON.parse(missing.stdout).error).toMatchObject({
      code: 'invalid_arguments',
      exitCode: 2,
      next: 'roo session artifact new --help',
    });
  });
});

describe('roo help --agent', () => {
  it('Markdown: a section for every command with its usage, options and exit codes', async () => {
    const r = await roo(['help', '--agent']);
    expect(r.exitCode).toBe(0);
    for (const s of specs) {
      const at = r.stdout.indexOf(`\n## roo ${s.path.join(' ')}\n`);
      expect(at, s.path.join(' ')).toBeGreaterThan(0);
      const section = r.stdout.slice(at + 1).split('\n## ')[0]!;
      expect(section).toContain(`\`\`\`sh\n${s.usage}\n\`\`\``);
      for (const o of s.options) expect(section).toContain(`- \`${formatOption(o)}\``);
      expect(section).toMatch(/Exit codes: `0`/);
    }
  });

  it('JSON: one object listing every command, option and exit code from the command classes', async () => {
    const r = await roo(['help', '--agent', '--json']);
    expect(r.exitCode).toBe(0);
    const tree = JSON.parse(r.stdout);
    expect(tree.schema).toBe('roo-session/help@1');
    expect(tree.commands.map((c: { path: string }) => c.path)).toEqual(
      commands.filter(isListed).map((c) => c.paths![0]!.join(' ')),
    );
    const log = tree.commands.find((c: { path: string }) => c.path === 'session log');
    expect(log.options.map((o: { name: string; value: string | null }) => [o.name, o.value])).toEqual([
      ['--type', 'type'],
      ['--session', 'id'],
      ['--stdin', null],
      ['--json', null],
    ]);
    expect(tree.commands.find((c: { path: string }) => c.path === 'session continue').aliases).toEqual([
      'session resume',
    ]);
    const codesOf = (path: string) =>
      tree.commands
        .find((c: { path: string }) => c.path === path)
        .exitCodes.map((e: { code: number }) => e.code);
    expect(codesOf('session log')).toEqual([0, 1, 2, 3, 4]);
    expect(codesOf('help')).toEqual([0, 1, 2]);
    expect(tree.commands.find((c: { path: string }) => c.path === 'session check').exitCodes).toContainEqual({
      code: 5,
      meaning: 'a check found problems',
    });
  });
});
