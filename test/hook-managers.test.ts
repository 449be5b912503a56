import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, projectRoot, type RunResult, type TempRepo } from './helpers/tempRepo.js';

// The hook managers people use, run for real (lefthook 2.2.1 and simple-git-hooks from this repo's
// node_modules, pre-commit from Debian): roo puts its command in the manager's own configuration, so the
// manager's install keeps roo capturing; `roo hooks uninstall` gives the configuration back byte for byte.

const lefthookBin = join(projectRoot, 'node_modules', '.bin', 'lefthook');
const simpleGitHooksCli = join(projectRoot, 'node_modules', 'simple-git-hooks', 'cli.js');

beforeAll(() => {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'pre-commit is not installed, and these tests run the real one: run `sh scripts/test-tools.sh` ' +
        '(`npm test` does it first), or `apt-get install pre-commit`',
    );
  }
  for (const bin of [lefthookBin, simpleGitHooksCli]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm ci\` in ${projectRoot}`);
  }
});

type Manager = {
  name: string;
  config: string;
  /** What doctor tells to run before the manager has written git's hooks from roo's configuration. */
  installCommand?: string;
  /** Writes the manager's configuration with a user's own hook that appends to `marker`, and commits it. */
  configure(t: TempRepo, marker: string): Promise<void>;
  /** The manager's own install, as a user runs it. */
  install(t: TempRepo): Promise<RunResult>;
};

async function run(t: TempRepo, file: string, args: string[]): Promise<RunResult> {
  const r = await execa(file, args, { cwd: t.dir, env: t.env, extendEnv: false, reject: false });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const MANAGERS: Manager[] = [
  {
    name: 'lefthook',
    config: 'lefthook.yml',
    installCommand: 'npx lefthook install',
    async configure(t, marker) {
      t.write(
        'lefthook.yml',
        '# the team hooks\npre-commit:\n  commands:\n    lint:\n      run: "true"\n' +
          `post-commit:\n  commands:\n    mine:\n      run: echo user-post-commit >> ${marker}\n`,
      );
    },
    install: (t) => run(t, lefthookBin, ['install']),
  },
  {
    name: 'simple-git-hooks',
    config: 'package.json',
    installCommand: 'npx simple-git-hooks',
    async configure(t, marker) {
      t.write(
        'package.json',
        `${JSON.stringify(
          {
            name: 'team-app',
            private: true,
            'simple-git-hooks': {
              'pre-commit': 'true',
              'post-rewrite': `while read old new; do echo "user-rewrite $1 $old" >> ${marker}; done`,
            },
          },
          null,
          2,
        )}\n`,
      );
    },
    install: (t) => run(t, process.execPath, [simpleGitHooksCli]),
  },
  {
    name: 'pre-commit',
    config: '.pre-commit-config.yaml',
    installCommand: 'pre-commit install',
    async configure(t, marker) {
      t.write(
        '.pre-commit-config.yaml',
        'repos:\n  - repo: local\n    hooks:\n      - id: mine\n        name: mine\n' +
          `        entry: sh -c "echo user-pre-commit >> ${marker}"\n        language: system\n` +
          '        pass_filenames: false\n        always_run: true\n        stages: [commit]\n',
      );
    },
    install: (t) => run(t, 'pre-commit', ['install']),
  },
];

async function repoWith(m: Manager) {
  const t = await makeTempRepo();
  // Every cache a manager keeps (pre-commit's, lefthook's) stays in the temp folder's HOME.
  const home = t.env.HOME as string;
  Object.assign(t.env, {
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    PRE_COMMIT_HOME: join(home, '.cache', 'pre-commit'),
  });
  for (const k of [
    'CI',
    'LEFTHOOK',
    'SKIP_SIMPLE_GIT_HOOKS',
    'SKIP_INSTALL_SIMPLE_GIT_HOOKS',
    'PRE_COMMIT_ALLOW_NO_CONFIG',
  ]) {
    delete t.env[k];
  }
  const marker = join(t.root, 'user-hooks.log');
  await m.configure(t, marker);
  await t.git(['add', '-A']);
  await t.git(['commit', '-q', '-m', `${m.name} config`]);
  return { t, marker, common: join(t.dir, '.git') };
}

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (name.endsWith('.sample') || statSync(file).isDirectory()) continue;
    out[name] =
      `${(statSync(file).mode & 0o777).toString(8)} ${createHash('sha1').update(readFileSync(file)).digest('hex')}`;
  }
  return out;
}

function journal(common: string): string[][] {
  const file = join(common, 'roo', 'journal');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

async function head(t: TempRepo): Promise<string> {
  return (await t.git(['rev-parse', 'HEAD'])).stdout.trim();
}

async function expectDoctorOk(t: TempRepo): Promise<void> {
  const doctor = await t.roo(['doctor']);
  expect(doctor.stdout).toMatch(
    /^ok\s+hooks fire in this worktree: 5 hooks reach the capture \(git hook run\)/m,
  );
  expect(doctor.stdout).not.toMatch(/^FAIL/m);
  expect(doctor.exitCode).toBe(0);
}

/** A commit, an amend, a switch, a rebase and the trailer, each checked in the journal / the message. */
async function expectCapture(t: TempRepo, common: string, m: Manager): Promise<void> {
  const start = await t.roo(['session', 'start', `Try ${m.name}`]);
  expect(start.exitCode).toBe(0);
  const id = start.stdout.trim();
  const branch = `session/${id}`;
  const seen = journal(common).length;
  const c1 = await t.commitFile('work.txt', 'one\n', 'Work one');
  expect((await t.git(['log', '-1', '--format=%B'])).stdout).toContain(`Roo-Session: ${id}`);
  await t.git(['commit', '-q', '--amend', '-m', 'Work one, amended']);
  const amended = await head(t);
  await t.git(['switch', '-q', 'main']);
  const base = await t.commitFile('main.txt', 'main\n', 'Main moves');
  await t.git(['switch', '-q', branch]);
  await t.git(['rebase', '-q', 'main']);
  const rebased = await head(t);
  const events = journal(common).slice(seen);
  const kinds = events.map((e) => `${e[1]} ${e[3]}`);
  expect(kinds).toEqual([
    `commit ${branch}`,
    `commit ${branch}`,
    `rewrite ${branch}`,
    `checkout main`,
    `commit main`,
    `checkout ${branch}`,
    // The rebase replays roo's start commit and the work commit: one pick and one rewrite pair each.
    `commit ${branch}`,
    `commit ${branch}`,
    `rewrite ${branch}`,
    `rewrite ${branch}`,
  ]);
  expect(events[0]?.[4]).toBe(c1);
  expect(events[2]?.slice(4, 6)).toEqual([amended, 'amend']);
  expect(events[2]?.[8]).toBe(c1);
  expect(events[4]?.[4]).toBe(base);
  expect(events[9]?.slice(4, 6)).toEqual([rebased, 'rebase']);
  expect(events[9]?.[8]).toBe(amended);
  expect(existsSync(join(common, 'roo', 'hook-errors.log'))).toBe(false);
  await t.git(['switch', '-q', 'main']);
}

describe.each(MANAGERS)('$name', (m) => {
  it('roo install, the manager reinstalling, capture, doctor, and uninstall byte for byte', async () => {
    const { t, marker, common } = await repoWith(m);
    try {
      const first = await m.install(t);
      expect(first.exitCode, first.stderr).toBe(0);
      const baseline = digest(join(common, 'hooks'));
      const original = readFileSync(join(t.dir, m.config));

      const init = await t.roo(['init']);
      expect(init.exitCode, init.stderr).toBe(0);
      expect(init.stdout).toContain(`config-updated ${join(t.dir, m.config)}`);
      expect(init.stdout).toContain(`commit .ruru/config.toml, ${m.config} so your team gets the same setup`);
      expect(init.stdout).toContain(`${m.name} manages git hooks here`);
      expect(readFileSync(join(t.dir, m.config), 'utf8')).toContain('roo_hook=post-commit');
      // Until the manager writes git's hooks from its configuration, doctor says so and names its install
      // (lefthook also syncs its hooks on its next hook run, so this is checked before any commit).
      const early = await t.roo(['doctor']);
      expect(early.exitCode).toBe(5);
      expect(early.stdout).toMatch(/^FAIL\s+hooks fire in this worktree: .*has not written/m);
      expect(early.stdout).toContain(`fix: \`${m.installCommand}\``);
      if (m.name === 'pre-commit') {
        // pre-commit runs no hook while its configuration has unstaged changes: doctor says to stage it.
        expect((await m.install(t)).exitCode).toBe(0);
        const unstaged = await t.roo(['doctor']);
        expect(unstaged.exitCode).toBe(5);
        expect(unstaged.stdout).toContain('fix: `git add .pre-commit-config.yaml`');
      }
      // As init says: commit the setup (pre-commit runs nothing while its configuration is unstaged).
      await t.git(['add', '.ruru/config.toml', m.config]);
      await t.git(['commit', '-q', '-m', 'Set up roo']);

      const again = await m.install(t);
      expect(again.exitCode, again.stderr).toBe(0);
      await expectDoctorOk(t);
      const status = await t.roo(['hooks', 'status']);
      expect(status.stdout).not.toContain('problem:');
      await expectCapture(t, common, m);
      expect(readFileSync(marker, 'utf8')).toMatch(/user-/);

      // Once more: the manager's install and roo's are idempotent, capture still works.
      expect((await m.install(t)).exitCode).toBe(0);
      const reinstall = await t.roo(['hooks', 'install']);
      expect(reinstall.stdout).toContain(`unchanged      ${join(t.dir, m.config)}`);
      await expectDoctorOk(t);

      const un = await t.roo(['hooks', 'uninstall']);
      expect(un.exitCode, un.stderr).toBe(0);
      expect(un.stdout).toContain(`config-restored ${join(t.dir, m.config)}`);
      expect(readFileSync(join(t.dir, m.config)).equals(original)).toBe(true);
      expect(existsSync(join(common, 'roo', 'hook.sh'))).toBe(false);
      expect(existsSync(join(common, 'roo', 'capture.sh'))).toBe(false);
      await t.git(['add', m.config]);
      await t.git(['commit', '-q', '-m', 'Remove roo']);
      expect((await m.install(t)).exitCode).toBe(0);
      expect(digest(join(common, 'hooks'))).toEqual(baseline);
      // Nothing of roo runs any more.
      const before = journal(common).length;
      await t.commitFile('after.txt', 'x\n', 'After uninstall');
      expect(journal(common).length).toBe(before);
    } finally {
      t.cleanup();
    }
  }, 120_000);

  it("repairs what the manager did to roo's earlier stubs, and never fails on roo's own leftovers", async () => {
    const t = await makeTempRepo();
    const home = t.env.HOME as string;
    Object.assign(t.env, {
      XDG_CACHE_HOME: join(home, '.cache'),
      PRE_COMMIT_HOME: join(home, '.cache', 'pc'),
    });
    const common = join(t.dir, '.git');
    try {
      // roo first, in a repository without a manager: stubs in .git/hooks.
      expect((await t.roo(['init'])).exitCode).toBe(0);
      await t.git(['add', '.ruru']);
      await t.git(['commit', '-q', '-m', 'roo']);
      await m.configure(t, join(t.root, 'user-hooks.log'));
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', `${m.name} config`]);
      // Then the manager's install over roo's stubs: lefthook renames them to <hook>.old, simple-git-hooks
      // deletes them, pre-commit moves them to <hook>.legacy ("migration mode").
      const over =
        m.name === 'pre-commit'
          ? await run(t, 'pre-commit', [
              'install',
              '-t',
              'pre-commit',
              '-t',
              'post-commit',
              '-t',
              'post-checkout',
            ])
          : await m.install(t);
      expect(over.exitCode, over.stderr).toBe(0);

      const repair = await t.roo(['hooks', 'install']);
      expect(repair.exitCode, repair.stderr).toBe(0);
      const left = readdirSync(join(common, 'hooks')).filter((f) => /\.(old|legacy|roo-chained)$/.test(f));
      expect(left).toEqual([]);
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'Set up roo']);
      const again = await m.install(t);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(`${again.stdout}${again.stderr}`).not.toMatch(/❌|error|migration mode/i);
      await expectDoctorOk(t);
      // Captured exactly once per commit: no stub left running beside the manager's command.
      const before = journal(common).length;
      const sha = await t.commitFile('one.txt', '1\n', 'One');
      const commits = journal(common)
        .slice(before)
        .filter((e) => e[1] === 'commit');
      expect(commits.map((e) => e[4])).toEqual([sha]);
    } finally {
      t.cleanup();
    }
  }, 120_000);
});

describe('husky', () => {
  it('roo install, husky reinstalling, capture, doctor, and uninstall byte for byte', async () => {
    const t = await makeTempRepo();
    const common = join(t.dir, '.git');
    const husky = join(projectRoot, 'node_modules', 'husky', 'bin.js');
    try {
      expect((await run(t, process.execPath, [husky])).exitCode).toBe(0);
      t.write('.husky/pre-commit', 'true\n');
      t.write(
        '.husky/post-rewrite',
        `while read old new; do echo "user-rewrite $1 $old" >> ${join(t.root, 'u.log')}; done\n`,
      );
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'husky']);
      const original = digest(join(t.dir, '.husky'));
      const generated = digest(join(t.dir, '.husky', '_'));
      const init = await t.roo(['init']);
      expect(init.exitCode).toBe(0);
      expect(init.stdout).toMatch(
        /commit \.ruru\/config\.toml, \.husky\/post-commit, .*\.husky\/post-rewrite/,
      );
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'Set up roo']);
      expect((await run(t, process.execPath, [husky])).exitCode).toBe(0);
      expect(digest(join(t.dir, '.husky', '_'))).toEqual(generated);
      await expectDoctorOk(t);
      await expectCapture(t, common, { name: 'husky' } as Manager);
      expect(readFileSync(join(t.root, 'u.log'), 'utf8')).toContain('user-rewrite amend');
      expect((await t.roo(['hooks', 'uninstall'])).exitCode).toBe(0);
      expect(digest(join(t.dir, '.husky'))).toEqual(original);
    } finally {
      t.cleanup();
    }
  }, 120_000);
});

describe('plain hooks', () => {
  it('init says to commit .ruru/config.toml until it is tracked', async () => {
    const t = await makeTempRepo();
    try {
      const first = await t.roo(['init']);
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toContain(
        'commit .ruru/config.toml so your team gets the same setup: `git add .ruru/config.toml && git commit -m "Set up roo"`',
      );
      await t.git(['add', '.ruru/config.toml']);
      await t.git(['commit', '-q', '-m', 'Set up roo']);
      const again = await t.roo(['init']);
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('kept .ruru/config.toml');
      expect(again.stdout).not.toContain('so your team gets the same setup');
    } finally {
      t.cleanup();
    }
  });

  it("roo's own stub kept as post-commit.roo-chained is a leftover, not a conflict", async () => {
    const t = await makeTempRepo();
    try {
      const hooks = join(t.dir, '.git', 'hooks');
      expect((await t.roo(['hooks', 'install'])).exitCode).toBe(0);
      const stub = readFileSync(join(hooks, 'post-commit'));
      // A tool moved roo's stub aside and wrote its own hook; roo's stub ended up as the kept one.
      writeFileSync(join(hooks, 'post-commit.roo-chained'), stub, { mode: 0o755 });
      writeFileSync(join(hooks, 'post-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const r = await t.roo(['hooks', 'install']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(join(hooks, 'post-commit.roo-chained'), 'utf8')).toBe('#!/bin/sh\nexit 0\n');
      const before = journal(join(t.dir, '.git')).length;
      const sha = await t.commitFile('a.txt', 'a\n', 'A');
      const commits = journal(join(t.dir, '.git'))
        .slice(before)
        .filter((e) => e[1] === 'commit');
      expect(commits.map((e) => e[4])).toEqual([sha]);
    } finally {
      t.cleanup();
    }
  });

  it("a foreign hook byte-identical to roo's kept copy is not a conflict", async () => {
    const t = await makeTempRepo();
    try {
      const hooks = join(t.dir, '.git', 'hooks');
      writeFileSync(join(hooks, 'post-commit'), '#!/bin/sh\necho theirs >/dev/null\n');
      chmodSync(join(hooks, 'post-commit'), 0o755);
      const original = readFileSync(join(hooks, 'post-commit'));
      expect((await t.roo(['hooks', 'install'])).exitCode).toBe(0);
      // A tool puts its hook back over roo's stub: the same bytes roo kept as post-commit.roo-chained.
      writeFileSync(join(hooks, 'post-commit'), original);
      const r = await t.roo(['hooks', 'install']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(join(hooks, 'post-commit.roo-chained')).equals(original)).toBe(true);
      await expectDoctorOk(t);
      expect((await t.roo(['hooks', 'uninstall'])).exitCode).toBe(0);
      expect(readFileSync(join(hooks, 'post-commit')).equals(original)).toBe(true);
      expect(existsSync(join(hooks, 'post-commit.roo-chained'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
