import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, commitAt, frontmatter, logPath } from './helpers/session.js';
import { isolatedEnv, makeTempRepo, projectRoot, type RunResult } from './helpers/tempRepo.js';

// The package a user installs (README, "Install"): `npm pack` of the built packages/cli, installed with npm into
// a temp prefix and a temp project, then the INSTALLED `roo` runs a whole session in a fresh repository. Everything
// npm reads or writes (cache, user and global config, prefix, logs, HOME) is inside one temp folder; the installs
// are `--offline`, so a package that still needed a download would fail here. The checkout is never on the PATH
// the installed roo runs with, so nothing can fall back to it.

const cliDir = join(projectRoot, 'packages', 'cli');
const ID = 'SESSION-Ship_the_package-2611260905';
const BRANCH = `session/${ID}`;
const LOG = logPath(ID);

let box: string;
let npmEnv: Record<string, string>;
let tarball: string;
let packed: { name: string; version: string; files: { path: string }[] };

/** The test repo env without any PATH entry inside this checkout (its node_modules/.bin has a `roo` too). */
function pathWithout(env: Record<string, string>, first?: string): string {
  const rest = (env.PATH ?? '')
    .split(delimiter)
    .filter((p) => p !== '' && !`${p}${sep}`.startsWith(projectRoot + sep));
  return [...(first === undefined ? [] : [first]), ...rest].join(delimiter);
}

/** Runs npm with the isolated cache and config; throws with npm's output on a non-zero exit. */
async function npm(args: string[], cwd: string): Promise<RunResult> {
  const r = await execa('npm', args, { cwd, env: npmEnv, extendEnv: false, reject: false, stdin: 'ignore' });
  const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  if (result.exitCode !== 0)
    throw new Error(`npm ${args.join(' ')} failed (${result.exitCode}):\n${result.stderr}`);
  return result;
}

/**
 * `env` for npm: its cache, user and global config and logs in the temp folder, no update check, and none of the
 * npm_* variables an `npm test` run passes down (they would point npm at the developer's cache, config or prefix).
 */
function forNpm(env: Record<string, string>): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
  return {
    ...clean,
    PATH: pathWithout(clean),
    npm_config_cache: join(box, 'npm-cache'),
    npm_config_userconfig: join(box, 'npmrc'),
    npm_config_globalconfig: join(box, 'npmrc-global'),
    npm_config_logs_dir: join(box, 'npm-logs'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

beforeAll(async () => {
  if (!existsSync(join(cliDir, 'dist', 'bundle', 'bin.cjs'))) {
    throw new Error('packages/cli is not built: run `npm run build` first (`npm test` does)');
  }
  box = realpathSync(mkdtempSync(join(tmpdir(), 'roo-pack-')));
  writeFileSync(join(box, 'npmrc'), '');
  writeFileSync(join(box, 'npmrc-global'), '');
  npmEnv = forNpm(isolatedEnv(box));
  // `npm pack` of the built package, as `npm run pack` and a publish make it (no lifecycle script writes anything).
  const r = await npm(['pack', '--pack-destination', box, '--json'], cliDir);
  const [result] = JSON.parse(r.stdout) as [typeof packed & { filename: string }];
  packed = result;
  tarball = join(box, result.filename);
}, 300_000);

afterAll(() => {
  if (box !== undefined) rmSync(box, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds bin/roo.js, the bundle, the templates and the hooks byte for byte, and depends on nothing', async () => {
    expect(existsSync(tarball)).toBe(true);
    expect(packed.name).toBe('@roo-session/cli');
    const paths = packed.files.map((f) => f.path).sort();
    // Nothing but the entry, the bundle and its assets: no sources, source maps, tests or type declarations.
    const stray = paths.filter(
      (p) =>
        !/^(package\.json|bin\/roo\.js|bin\/package\.json|dist\/bundle\/[\w./-]+\.(js|cjs)|dist\/bundle\/templates\/[\w.-]+\.md|dist\/bundle\/hooks\/[\w.-]+\.sh)$/.test(
          p,
        ),
    );
    expect(stray).toEqual([]);
    expect(paths.filter((p) => /\.(map|ts)$|\.test\.|(^|\/)src\//.test(p))).toEqual([]);
    expect(paths).toContain('dist/bundle/bin.cjs');
    expect(paths).toContain('dist/bundle/cli.js');

    const unpacked = join(box, 'unpacked');
    mkdirSync(unpacked);
    await execa('tar', ['-xzf', tarball, '-C', unpacked]);
    const pkg = join(unpacked, 'package');
    for (const [dir, ext] of [
      ['templates', '.md'],
      ['hooks', '.sh'],
    ] as const) {
      const names = readdirSync(join(projectRoot, dir)).filter((n) => n.endsWith(ext));
      expect(names.length).toBeGreaterThan(0);
      expect(paths.filter((p) => p.startsWith(`dist/bundle/${dir}/`)).sort()).toEqual(
        names.map((n) => `dist/bundle/${dir}/${n}`).sort(),
      );
      for (const name of names) {
        expect(readFileSync(join(pkg, 'dist', 'bundle', dir, name)), `${dir}/${name}`).toEqual(
          readFileSync(join(projectRoot, dir, name)),
        );
      }
    }

    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ roo: 'bin/roo.js' });
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.license).toBe('MIT');
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      expect(Object.keys(manifest[key] ?? {}), key).toEqual([]);
    }
    // Every file `exports` names is in the package.
    for (const target of Object.values(manifest.exports ?? {}) as string[]) {
      expect(existsSync(join(pkg, target)), target).toBe(true);
    }
    expect(readFileSync(join(pkg, 'bin', 'roo.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('npm i -g --offline into a temp prefix: the installed roo runs a whole session, its hooks capture the commits', async () => {
    const prefix = join(box, 'prefix');
    await npm(['install', '--global', '--prefix', prefix, '--offline', tarball], box);
    const bin = join(prefix, 'bin');
    const installedDir = join(prefix, 'lib', 'node_modules', '@roo-session', 'cli');
    expect(realpathSync(join(bin, 'roo'))).toBe(join(installedDir, 'bin', 'roo.js'));
    // Nothing was installed beside it: the package has no dependencies.
    expect(existsSync(join(installedDir, 'node_modules'))).toBe(false);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['@roo-session']);

    const t = await makeTempRepo();
    const env = { ...t.env, PATH: pathWithout(t.env, bin) };
    const roo = async (
      args: string[],
      opts: { now?: string; input?: string; command?: string } = {},
    ): Promise<RunResult> => {
      const r = await execa(opts.command ?? 'roo', args, {
        cwd: t.dir,
        env: { ...env, ROO_NOW: opts.now ?? at(5, 12) },
        extendEnv: false,
        reject: false,
        stripFinalNewline: false,
        ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
      });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const ok = async (args: string[], now?: string): Promise<string> => {
      const r = await roo(args, now === undefined ? {} : { now });
      expect(r.exitCode, `roo ${args.join(' ')}\n${r.stderr}`).toBe(0);
      return r.stdout.trim();
    };
    const gitOut = async (args: string[]) => (await t.git(args)).stdout;

    expect(await ok(['--version'])).toBe(packed.version);
    const main0 = (await gitOut(['rev-parse', 'HEAD'])).trim();

    // init: config and the hook stubs, from the package's own hooks/ (the checkout's roo agrees they are current).
    expect(await ok(['init'])).toContain('created .ruru/config.toml');
    expect(existsSync(join(t.dir, '.git', 'hooks', 'post-commit'))).toBe(true);
    const hooks = JSON.parse(await ok(['hooks', 'status', '--json']));
    expect(hooks.capture).toMatchObject({ present: true, current: true });
    expect(hooks.hooks.map((h: { state: string }) => h.state)).toEqual(Array(5).fill('installed'));
    expect(JSON.parse((await t.roo(['hooks', 'status', '--json'])).stdout).capture.current).toBe(true);
    // doctor runs every hook through git and sees it reach the capture script.
    expect(await ok(['doctor'])).toMatch(/^ok +hooks fire in this worktree/m);

    // start: the session branch with the folder committed on it, from the package's templates.
    expect(await ok(['session', 'start', 'Ship the package'])).toBe(ID);
    expect((await gitOut(['symbolic-ref', 'HEAD'])).trim()).toBe(`refs/heads/${BRANCH}`);
    const start = (await gitOut(['rev-parse', 'HEAD'])).trim();
    expect((await gitOut(['rev-parse', 'HEAD^'])).trim()).toBe(main0);
    expect(frontmatter(t.read(LOG))).toMatchObject({ id: ID, status: '🟢 Active', branch: BRANCH });

    // An agent hook as `roo agents install` writes it: `roo` found on PATH is the installed one.
    const agents = await roo(['agents', 'install', 'claude']);
    expect(agents.exitCode, agents.stderr).toBe(0);
    expect(agents.stderr).not.toMatch(/not on this PATH/);
    const settings = JSON.parse(t.read('.claude/settings.json'));
    const [promptCommand] = settings.hooks.UserPromptSubmit[0].hooks.map(
      (h: { command: string }) => h.command,
    );
    expect(promptCommand).toBe('roo agents hook claude prompt');
    const [file = '', ...words] = promptCommand.split(' ');
    const prompt = await roo(words, {
      command: file,
      now: at(5, 30),
      input: JSON.stringify({
        session_id: 'abc123',
        transcript_path: join(t.dir, 't.jsonl'),
        cwd: t.dir,
        permission_mode: 'default',
        hook_event_name: 'UserPromptSubmit',
        prompt: 'Make roo installable',
      }),
    });
    expect(prompt).toEqual({ exitCode: 0, stdout: '', stderr: '' });

    expect(await ok(['session', 'log', '--type', 'decision', 'Bundle every dependency'], at(5, 40))).toBe(
      `logged to ${ID}`,
    );
    // A commit the installed hooks see: the trailer now, the journal line folded in at the checkpoint.
    const c1 = await commitAt(t, 'src/pack.ts', 'export const packed = true;\n', 'add pack', at(6));
    expect(await gitOut(['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).toBe(`${ID}\n\n`);
    expect(readFileSync(join(t.dir, '.git', 'roo', 'journal'), 'utf8')).toContain(c1);

    const artifact = await ok(['session', 'artifact', 'new', 'note', 'install plan'], at(6, 30));
    expect(artifact).toBe(`.ruru/sessions/${ID}/artifacts/notes/NOTE-install_plan-2611260906.md`);
    const template = readFileSync(join(projectRoot, 'templates', 'artifact-note.md'), 'utf8');
    const body = template.slice(template.indexOf('\n+++\n') + 5).replace('{{title}}', 'install plan');
    expect(t.read(artifact).endsWith(body)).toBe(true);

    // checkpoint: one commit touching only the session folder, with everything above in the log.
    expect(await ok(['session', 'checkpoint'], at(7))).toMatch(new RegExp(`^${ID}: committed [0-9a-f]{7}`));
    const checkpoint = (await gitOut(['rev-parse', 'HEAD'])).trim();
    expect((await gitOut(['rev-parse', 'HEAD^'])).trim()).toBe(c1);
    const touched = (await gitOut(['show', '--name-only', '--format=', 'HEAD'])).trim().split('\n');
    expect(touched.every((p) => p.startsWith(`.ruru/sessions/${ID}/`))).toBe(true);
    const atCheckpoint = await gitOut(['show', `HEAD:${LOG}`]);
    expect(atCheckpoint).toContain('- [2026-11-26 09:05:30] **Prompt:** Make roo installable');
    expect(atCheckpoint).toContain('- [2026-11-26 09:05:40] **Decision:** Bundle every dependency');
    expect(atCheckpoint).toContain(
      `- [2026-11-26 09:06:00] Commit \`${c1.slice(0, 7)}\` on \`${BRANCH}\`: add pack`,
    );
    expect(atCheckpoint).toContain('artifacts/notes/NOTE-install_plan-2611260906.md');

    // end: Completed, committed; the tree holds the same bytes as the worktree.
    expect(await ok(['session', 'end'], at(8))).toMatch(new RegExp(`^${ID}: completed \\([0-9a-f]{7}\\)`));
    expect((await gitOut(['rev-parse', 'HEAD^'])).trim()).toBe(checkpoint);
    const ended = await gitOut(['show', `HEAD:${LOG}`]);
    expect(ended).toBe(t.read(LOG));
    expect(frontmatter(ended)).toMatchObject({
      status: '🏁 Completed',
      start_time: '2026-11-26T09:05:12+00:00',
      end_time: '2026-11-26T09:08:00+00:00',
      related_artifacts: ['artifacts/notes/NOTE-install_plan-2611260906.md'],
    });
    // Only what roo does not commit is left: the config, the agent's settings and AGENTS.md.
    expect(await gitOut(['status', '--porcelain', '--untracked-files=all'])).toBe(
      '?? .claude/settings.json\n?? .ruru/config.toml\n?? AGENTS.md\n',
    );
    expect((await gitOut(['rev-list', '--count', `${main0}..HEAD`])).trim()).toBe('4');
    expect((await gitOut(['rev-parse', 'main'])).trim()).toBe(main0);
    expect(start).not.toBe(checkpoint);

    const pr = JSON.parse(await ok(['session', 'show', '--pr', '--base', 'main', '--format', 'json']));
    const session = pr.sessions.find((s: { id: string }) => s.id === ID);
    expect(session.commits.map((c: { sha: string }) => c.sha)).toEqual([c1]);
    expect(await ok(['session', 'show', '--pr', '--base', 'main'])).toContain(`| ID | \`${ID}\` |`);

    const check = await roo(['session', 'check']);
    expect(check.exitCode, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/checked 1 session: 0 errors/);

    // `roo mcp` (the MCP SDK is bundled too): answers initialize and tools/list, exits 0 when stdin closes.
    const mcp = execa('roo', ['mcp'], { cwd: t.dir, env, extendEnv: false, reject: false, stdin: 'pipe' });
    const replies: { id?: number; result?: { tools?: { name: string }[] } }[] = [];
    const answered = new Promise<void>((resolve) => {
      let rest = '';
      mcp.stdout.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') replies.push(JSON.parse(line));
        if (replies.some((r) => r.id === 2)) resolve();
      });
    });
    const send = (message: object) => mcp.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'install-test', version: '1' },
      },
    });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
    await answered;
    mcp.stdin.end();
    expect((await mcp).exitCode).toBe(0);
    expect(replies.find((r) => r.id === 1)?.result).toMatchObject({ serverInfo: { name: 'roo-session' } });
    const tools = replies.find((r) => r.id === 2)?.result?.tools?.map((tool) => tool.name) ?? [];
    expect(tools).toContain('log');
    expect(tools).toContain('status');
  }, 600_000);

  it('npm i -D --offline into a project: `npx roo` runs the project-local roo', async () => {
    const t = await makeTempRepo();
    t.write('package.json', '{ "name": "some-project", "version": "1.0.0", "private": true }\n');
    const env = forNpm(t.env);
    const run = async (file: string, args: string[]) => {
      const r = await execa(file, args, {
        cwd: t.dir,
        env,
        extendEnv: false,
        reject: false,
        stdin: 'ignore',
      });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const install = await run('npm', ['install', '--save-dev', '--offline', tarball]);
    expect(install.exitCode, install.stderr).toBe(0);
    const manifest = JSON.parse(t.read('package.json'));
    expect(Object.keys(manifest.devDependencies)).toEqual(['@roo-session/cli']);
    expect(readdirSync(join(t.dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
      '@roo-session',
    ]);

    const version = await run('npx', ['--offline', 'roo', '--version']);
    expect(version).toMatchObject({ exitCode: 0, stdout: packed.version });
    const init = await run('npx', ['--offline', 'roo', 'init']);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(t.read('.ruru/config.toml')).toMatch(/branchPrefix = "session\/"/);
    expect(existsSync(join(t.dir, '.git', 'roo', 'capture.sh'))).toBe(true);
  });
});
