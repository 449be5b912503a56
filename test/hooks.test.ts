import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JournalEvent, parseJournal } from '@roo-session/core';
import {
  discoverRepo,
  hooksStatus,
  installHooks,
  proveCapture,
  type RepoContext,
  uninstallHooks,
} from '@roo-session/git';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// Capture and install against real git, without the CLI: the hooks are installed by calling installHooks, git
// runs them, and the journal they write is read back with parseJournal.

const hooksSrc = join(projectRoot, 'hooks');
const SESSION = 'SESSION-Fix_login-2611260905';
const BRANCH = `session/${SESSION}`;

type Setup = TempRepo & {
  repo: RepoContext;
  common: string;
  events(): JournalEvent[];
  /** Runs git and asserts it printed nothing of ours and left the tree clean. */
  gitClean(
    args: string[],
    opts?: { cwd?: string; env?: Record<string, string>; input?: string },
  ): Promise<string>;
  head(cwd?: string): Promise<string>;
  mapBranch(branch: string, id?: string): void;
};

async function setup(options: { install?: boolean } = {}): Promise<Setup> {
  const t = await makeTempRepo();
  const repo = await discoverRepo(t.dir, t.env);
  if (options.install !== false) await installHooks(repo, hooksSrc);
  const common = repo.commonDir;
  return Object.assign(t, {
    repo,
    common,
    events() {
      const file = join(common, 'roo', 'journal');
      if (!existsSync(file)) return [];
      const parsed = parseJournal(readFileSync(file, 'utf8'));
      expect(parsed.bad).toEqual([]);
      expect(parsed.tail).toBe('');
      return parsed.events;
    },
    async gitClean(
      args: string[],
      opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
    ) {
      const r = await t.git(args, opts);
      expect(r.stderr).not.toMatch(/roo|capture|journal/i);
      const status = await t.git(['status', '--porcelain', '--untracked-files=all'], {
        cwd: opts.cwd ?? t.dir,
      });
      expect(status.stdout).toBe('');
      return r.stdout;
    },
    async head(cwd?: string) {
      return (await t.git(['rev-parse', 'HEAD'], cwd ? { cwd } : {})).stdout.trim();
    },
    mapBranch(branch: string, id = SESSION) {
      const file = join(common, 'roo', 'branches', branch);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `${id}\n`);
    },
  });
}

const commitEvents = (events: JournalEvent[]) => events.filter((e) => e.kind === 'commit');

// Each commit writes new content: a counter, not randomness, so every run makes the same commits.
let commits = 0;

async function commit(
  s: Setup,
  file: string,
  message: string,
  extra: string[] = [],
  cwd?: string,
): Promise<string> {
  writeFileSync(join(cwd ?? s.dir, file), `${message}\n${++commits}\n`);
  await s.git(['add', '--', file], cwd ? { cwd } : {});
  await s.gitClean(['commit', '-q', '-m', message, ...extra], cwd ? { cwd } : {});
  return s.head(cwd);
}

describe('capture: commits', () => {
  it('records a commit with worktree, branch and SHA, and nothing else', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    const sha = await commit(s, 'a.txt', 'add a');
    const events = s.events();
    expect(commitEvents(events)).toEqual([
      { kind: 'commit', wt: '.', branch: BRANCH, line: 2, sha, rebase: false },
    ]);
    expect(readdirSync(join(s.common, 'roo')).sort()).toEqual(['capture.sh', 'journal']);
  });

  it('records --no-verify commits, cherry-picked ranges and reverts', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', 'feature']);
    const f1 = await commit(s, 'f1.txt', 'f1');
    const f2 = await commit(s, 'f2.txt', 'f2');
    await s.gitClean(['switch', '-q', 'main']);
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    await commit(s, 'n.txt', 'no verify', ['--no-verify']);
    await s.gitClean(['cherry-pick', `${f1}^..${f2}`]);
    await s.gitClean(['revert', '--no-edit', 'HEAD']);
    const mine = commitEvents(s.events()).filter((e) => e.branch === BRANCH);
    const log = (await s.git(['log', '--format=%H', '-4'])).stdout.trim().split('\n').reverse();
    expect(mine.map((e) => e.sha)).toEqual(log);
  });

  it('ROO_HOOKS=0 records nothing', async () => {
    const s = await setup();
    writeFileSync(join(s.dir, 'x'), 'x');
    await s.git(['add', 'x']);
    await s.gitClean(['commit', '-q', '-m', 'x'], { env: { ROO_HOOKS: '0' } });
    await s.gitClean(['switch', '-q', '-c', 'other'], { env: { ROO_HOOKS: '0' } });
    expect(s.events()).toEqual([]);
  });
});

describe('capture: rewrites', () => {
  it('amend: one commit event and one rewrite pair', async () => {
    const s = await setup();
    const old = await commit(s, 'a.txt', 'first');
    await s.gitClean(['commit', '-q', '--amend', '-m', 'first, better']);
    const neu = await s.head();
    const events = s.events();
    expect(events.slice(-2)).toMatchObject([
      { kind: 'commit', sha: neu, branch: 'main' },
      { kind: 'rewrite', rewrite: 'amend', old, sha: neu, branch: 'main', seq: 1 },
    ]);
  });

  it('rebase (merge backend): picks attributed to the rebased branch, pairs grouped, no switch recorded', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    const a = await commit(s, 'a.txt', 'a');
    const b = await commit(s, 'b.txt', 'b');
    await s.gitClean(['switch', '-q', 'main']);
    await commit(s, 'm.txt', 'main moves');
    await s.gitClean(['switch', '-q', BRANCH]);
    const before = s.events().length;
    await s.gitClean(['rebase', '-q', 'main']);
    const events = s.events().slice(before);
    expect(events.every((e) => e.kind !== 'checkout')).toBe(true);
    const picks = commitEvents(events);
    expect(picks.map((e) => e.branch)).toEqual([BRANCH, BRANCH]);
    const rewrites = events.filter((e) => e.kind === 'rewrite');
    expect(rewrites.map((e) => [e.old, e.sha, e.seq, e.rewrite, e.branch])).toEqual([
      [a, picks[0]!.sha, 1, 'rebase', BRANCH],
      [b, picks[1]!.sha, 2, 'rebase', BRANCH],
    ]);
    expect(new Set(rewrites.map((e) => e.kind === 'rewrite' && e.tag)).size).toBe(1);
  });

  it('rebase -i with reword and squash (GIT_SEQUENCE_EDITOR): squashed olds map to one new', async () => {
    const s = await setup();
    const base = await s.head();
    const a = await commit(s, 'a.txt', 'a');
    const b = await commit(s, 'b.txt', 'b');
    const c = await commit(s, 'c.txt', 'c');
    const editor = join(s.root, 'seq.sh');
    writeFileSync(editor, "#!/bin/sh\nsed -i -e '1s/^pick/reword/' -e '3s/^pick/squash/' \"$1\"\n");
    // The message editor renames only the reworded commit (the squash message starts with a comment line).
    chmodSync(editor, 0o755);
    const before = s.events().length;
    await s.gitClean(['rebase', '-q', '-i', base], {
      env: { GIT_SEQUENCE_EDITOR: editor, GIT_EDITOR: "sed -i '1s/^[^#].*/reworded/'" },
    });
    const [first, second] = (await s.git(['log', '--format=%H', '-2'])).stdout.trim().split('\n').reverse();
    const events = s.events().slice(before);
    const pairs = events.flatMap((e) => (e.kind === 'rewrite' ? [`${e.old} ${e.sha}`] : []));
    // git lists the pick it squashed into too (and the reword twice): the fold does not count those.
    expect(pairs).toEqual(expect.arrayContaining([`${a} ${first}`, `${b} ${second}`, `${c} ${second}`]));
    const picks = events.flatMap((e) => (e.kind === 'commit' && e.rebase ? [e.sha] : []));
    for (const pair of pairs) {
      const [old] = pair.split(' ');
      expect([a, b, c].includes(old!) || picks.includes(old!)).toBe(true);
    }
    expect((await s.git(['log', '--format=%s', '-2'])).stdout).toBe('b\nreworded\n');
  });

  it('rebase --apply: no commit events, the pairs, and no branch (git keeps it only when the rebase stops)', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    const a = await commit(s, 'a.txt', 'a');
    await s.gitClean(['switch', '-q', 'main']);
    await commit(s, 'm.txt', 'main moves');
    await s.gitClean(['switch', '-q', BRANCH]);
    const before = s.events().length;
    await s.gitClean(['rebase', '-q', '--apply', 'main']);
    const events = s.events().slice(before);
    expect(commitEvents(events)).toEqual([]);
    expect(events.filter((e) => e.kind === 'rewrite')).toMatchObject([
      { old: a, sha: await s.head(), rewrite: 'rebase', branch: '' },
    ]);
  });
});

describe('capture: merges, pulls and switches', () => {
  it('merge ff and non-ff, and pull from a local remote, are merge events', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', 'topic']);
    await commit(s, 't.txt', 't');
    await s.gitClean(['switch', '-q', 'main']);
    await s.gitClean(['merge', '-q', '--ff-only', 'topic']);
    const ff = await s.head();
    await s.gitClean(['switch', '-q', '-c', 'topic2']);
    await commit(s, 't2.txt', 't2');
    await s.gitClean(['switch', '-q', 'main']);
    await commit(s, 'm.txt', 'm');
    await s.gitClean(['merge', '-q', '--no-edit', 'topic2']);
    const merge = await s.head();
    const merges = s.events().filter((e) => e.kind === 'merge');
    expect(merges.map((e) => [e.sha, e.branch])).toEqual([
      [ff, 'main'],
      [merge, 'main'],
    ]);

    const remote = join(s.root, 'remote.git');
    await s.git(['clone', '-q', '--bare', s.dir, remote]);
    await s.git(['remote', 'add', 'origin', remote]);
    await s.git(['fetch', '-q', 'origin']);
    await s.git(['branch', '-q', '-u', 'origin/main']);
    const other = join(s.root, 'other');
    await s.git(['clone', '-q', remote, other]);
    writeFileSync(join(other, 'o.txt'), 'o');
    await s.git(['add', 'o.txt'], { cwd: other });
    await s.git(['commit', '-q', '-m', 'teammate'], { cwd: other });
    await s.git(['push', '-q', 'origin', 'main'], { cwd: other });
    await s.gitClean(['pull', '-q', '--no-rebase', '--ff-only']);
    expect(s.events().at(-1)).toMatchObject({
      kind: 'merge',
      sha: await s.head(),
      branch: 'main',
      squash: false,
    });
  });

  it('squash merges are flagged', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', 'topic']);
    await commit(s, 't.txt', 't');
    await s.gitClean(['switch', '-q', 'main']);
    await s.git(['merge', '-q', '--squash', 'topic']);
    expect(s.events().at(-1)).toMatchObject({ kind: 'merge', squash: true });
    await s.git(['commit', '-q', '-m', 'squashed']);
  });

  it('checkout/switch between branches, checkout -b and detaching are recorded; file checkouts are not', async () => {
    const s = await setup();
    const main = await s.head();
    await s.gitClean(['checkout', '-q', '-b', BRANCH]);
    await s.gitClean(['checkout', '-q', 'main']);
    await s.gitClean(['switch', '-q', BRANCH]);
    await s.gitClean(['checkout', '-q', '--detach']);
    writeFileSync(join(s.dir, 'README.md'), 'changed');
    await s.gitClean(['checkout', '--', 'README.md']);
    expect(s.events()).toEqual([
      { kind: 'checkout', wt: '.', branch: BRANCH, line: 1, sha: main, from: main },
      { kind: 'checkout', wt: '.', branch: 'main', line: 2, sha: main, from: main },
      { kind: 'checkout', wt: '.', branch: BRANCH, line: 3, sha: main, from: main },
      { kind: 'checkout', wt: '.', branch: '', line: 4, sha: main, from: main },
    ]);
  });

  it('worktree add and commits in the linked worktree carry its name', async () => {
    const s = await setup();
    const wt = join(s.root, 'wt one');
    await s.gitClean(['worktree', 'add', '-q', '-b', BRANCH, wt]);
    const sha = await commit(s, 'w.txt', 'in worktree', [], wt);
    const name = readdirSync(join(s.common, 'worktrees'))[0]!;
    expect(s.events()).toMatchObject([
      { kind: 'checkout', wt: name, branch: BRANCH, from: '0'.repeat(40) },
      { kind: 'commit', wt: name, branch: BRANCH, sha },
    ]);
  });
});

describe('prepare-commit-msg: Roo-Session trailer', () => {
  const message = async (s: Setup) => (await s.git(['log', '-1', '--format=%B'])).stdout;

  it('adds the trailer on a mapped branch, once, and keeps it on amend', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    s.mapBranch(BRANCH);
    await commit(s, 'a.txt', 'add a');
    expect(await message(s)).toBe(`add a\n\nRoo-Session: ${SESSION}\n\n`);
    await s.gitClean(['commit', '-q', '--amend', '--no-edit']);
    expect(await message(s)).toBe(`add a\n\nRoo-Session: ${SESSION}\n\n`);
  });

  it('joins an existing trailer block and treats "#42" as text with -m', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    s.mapBranch(BRANCH);
    await commit(s, 'a.txt', 'fix login\n\nbody text\n\nSigned-off-by: A <a@b>');
    expect(await message(s)).toBe(
      `fix login\n\nbody text\n\nSigned-off-by: A <a@b>\nRoo-Session: ${SESSION}\n\n`,
    );
    await commit(s, 'b.txt', '#42: fix login');
    expect(await message(s)).toBe(`#42: fix login\n\nRoo-Session: ${SESSION}\n\n`);
    await commit(s, 'c.txt', 'Fix: a subject that looks like a trailer');
    expect(await message(s)).toBe(`Fix: a subject that looks like a trailer\n\nRoo-Session: ${SESSION}\n\n`);
  });

  it('puts the trailer above git comments when an editor is used, and not in an empty message', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    s.mapBranch(BRANCH);
    writeFileSync(join(s.dir, 'a.txt'), 'a');
    await s.git(['add', 'a.txt']);
    const seen = join(s.root, 'seen.txt');
    // The "editor" records what it was shown; with an empty message the commit is aborted as usual.
    const editor = { GIT_EDITOR: `cp "$1" ${seen}; :` };
    const r = await s.git(['commit', '-q'], { env: editor, reject: false });
    expect(r.exitCode).toBe(1);
    expect(readFileSync(seen, 'utf8')).not.toContain('Roo-Session');
    await s.git(['commit', '-q', '-m', 'subject', '-e'], { env: editor });
    const shown = readFileSync(seen, 'utf8');
    expect(shown.startsWith(`subject\n\nRoo-Session: ${SESSION}\n`)).toBe(true);
    expect(shown).toMatch(/\n# Please enter the commit message/);
    expect(await message(s)).toBe(`subject\n\nRoo-Session: ${SESSION}\n\n`);
  });

  it('adds nothing with no-trailer, on unmapped branches, on a detached HEAD, and without capture.sh', async () => {
    const s = await setup();
    await commit(s, 'a.txt', 'on main');
    expect(await message(s)).toBe('on main\n\n');
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    s.mapBranch(BRANCH);
    writeFileSync(join(s.common, 'roo', 'no-trailer'), '');
    await commit(s, 'b.txt', 'off');
    expect(await message(s)).toBe('off\n\n');
    rmSync(join(s.common, 'roo', 'no-trailer'));
    await s.gitClean(['checkout', '-q', '--detach']);
    await commit(s, 'c.txt', 'detached');
    expect(await message(s)).toBe('detached\n\n');
    await s.gitClean(['switch', '-q', BRANCH]);
    rmSync(join(s.common, 'roo', 'capture.sh'));
    await commit(s, 'd.txt', 'teammate without roo');
    expect(await message(s)).toBe('teammate without roo\n\n');
  });

  it('adds the trailer to merge commits on a mapped branch', async () => {
    const s = await setup();
    await s.gitClean(['switch', '-q', '-c', 'topic']);
    await commit(s, 't.txt', 't');
    await s.gitClean(['switch', '-q', 'main']);
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    s.mapBranch(BRANCH);
    await commit(s, 's.txt', 's');
    await s.gitClean(['merge', '-q', '--no-edit', 'topic']);
    expect(await message(s)).toBe(`Merge branch 'topic' into ${BRANCH}\n\nRoo-Session: ${SESSION}\n\n`);
  });
});

describe('install: chaining, idempotence, uninstall', () => {
  type Snapshot = Map<string, { bytes: string; mode: number }>;
  const snapshot = (dir: string): Snapshot =>
    new Map(
      readdirSync(dir).map((name) => {
        const st = statSync(join(dir, name));
        return [
          name,
          { bytes: st.isFile() ? readFileSync(join(dir, name), 'latin1') : '<dir>', mode: st.mode },
        ];
      }),
    );

  it('chains a foreign post-checkout with the same args and failure, and post-rewrite with the same stdin', async () => {
    const s = await setup({ install: false });
    const hooks = join(s.common, 'hooks');
    const out = join(s.root, 'foreign.txt');
    writeFileSync(join(hooks, 'post-checkout'), `#!/bin/sh\necho "checkout $*" >> ${out}\nexit 5\n`, {
      mode: 0o755,
    });
    writeFileSync(join(hooks, 'post-rewrite'), `#!/bin/sh\necho "rewrite $1" >> ${out}\ncat >> ${out}\n`, {
      mode: 0o755,
    });
    // git turns the hook's failure into its own exit 1 (the branch is switched anyway).
    const without = await s.git(['checkout', '-q', '-b', 'x'], { reject: false });
    expect(without.exitCode).toBe(1);
    const result = await installHooks(s.repo, hooksSrc);
    expect(result.changes.filter((c) => c.action === 'chained').map((c) => c.file)).toEqual([
      join(hooks, 'post-checkout'),
      join(hooks, 'post-rewrite'),
    ]);
    const withRoo = await s.git(['checkout', '-q', '-b', 'y'], { reject: false });
    expect(withRoo.exitCode).toBe(without.exitCode);
    expect(withRoo.stderr).toBe(without.stderr);
    const old = await commit(s, 'a.txt', 'a');
    await s.git(['commit', '-q', '--amend', '-m', 'b']);
    const neu = await s.head();
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^checkout [0-9a-f]{40} [0-9a-f]{40} 1$/);
    expect(lines[1]).toBe(lines[0]);
    expect(lines.slice(2)).toEqual(['rewrite amend', `${old} ${neu}`, '']);
    expect(s.events().filter((e) => e.kind === 'rewrite')).toMatchObject([{ old, sha: neu }]);
  });

  it('is idempotent, and uninstall restores every hook byte for byte with its mode', async () => {
    const s = await setup({ install: false });
    const hooks = join(s.common, 'hooks');
    writeFileSync(join(hooks, 'post-commit'), '#!/bin/sh\n# mine\nexit 0', { mode: 0o700 });
    writeFileSync(join(hooks, 'post-merge'), 'not executable\r\n', { mode: 0o644 });
    chmodSync(join(hooks, 'post-commit'), 0o700);
    chmodSync(join(hooks, 'post-merge'), 0o644);
    const before = snapshot(hooks);
    await installHooks(s.repo, hooksSrc);
    const again = await installHooks(s.repo, hooksSrc);
    expect(again.changes.every((c) => c.action === 'unchanged')).toBe(true);
    const status = await hooksStatus(s.repo, hooksSrc);
    expect(status.hooks.map((h) => [h.name, h.state])).toEqual([
      ['post-commit', 'foreign-chained'],
      ['post-checkout', 'installed'],
      ['post-merge', 'foreign-chained'],
      ['post-rewrite', 'installed'],
      ['prepare-commit-msg', 'installed'],
    ]);
    expect(status.capture).toMatchObject({ present: true, current: true });
    expect(status.problems).toEqual([]);
    // git skips the non-executable original: roo's stub must not run it either.
    await commit(s, 'a.txt', 'a');
    await uninstallHooks(s.repo);
    expect(snapshot(hooks)).toEqual(before);
    expect(existsSync(join(s.common, 'roo', 'capture.sh'))).toBe(false);
    expect(existsSync(join(s.common, 'roo', 'journal'))).toBe(true);
  });

  it('refuses when core.hooksPath is set globally, and follows a local one', async () => {
    const s = await setup({ install: false });
    await s.git(['config', '--global', 'core.hooksPath', join(s.root, 'global-hooks')]);
    const error = await installHooks(s.repo, hooksSrc).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GlobalHooksPathError', exitCode: 3 });
    expect(String((error as Error).message)).toContain('git config core.hooksPath');
    // hooks status names the same repair as its fix: the command alone, from the error's `next`.
    const fix = `git config core.hooksPath ${join(s.repo.commonDir, 'hooks')}`;
    expect((error as { next: string }).next).toBe(fix);
    const status = await hooksStatus(s.repo, hooksSrc);
    expect(status.problems).toContainEqual({
      message: expect.stringContaining('core.hooksPath is set in the global git config'),
      fix,
    });
    const local = join(s.root, 'local-hooks');
    await s.git(['config', 'core.hooksPath', local]);
    await installHooks(s.repo, hooksSrc);
    expect(readdirSync(local).sort()).toEqual([
      'post-checkout',
      'post-commit',
      'post-merge',
      'post-rewrite',
      'prepare-commit-msg',
    ]);
    await commit(s, 'a.txt', 'a');
    expect(commitEvents(s.events())).toHaveLength(1);
  });

  it("puts roo's command in lefthook's configuration, and says what a pre-commit config not installed means", async () => {
    const s = await setup({ install: false });
    writeFileSync(join(s.dir, 'lefthook.yml'), 'post-checkout:\n');
    const result = await installHooks(s.repo, hooksSrc);
    expect(result.layout?.kind).toBe('manager');
    expect(result.warnings.join('\n')).toMatch(
      /lefthook manages git hooks here: roo's commands are in lefthook\.yml/,
    );
    expect(result.next.join('\n')).toContain('npx lefthook install');
    const text = readFileSync(join(s.dir, 'lefthook.yml'), 'utf8');
    expect(text).toMatch(/^post-checkout:\n {2}# >>> roo-session >>>.*\n {2}commands:\n {4}roo-session:\n/m);
    await uninstallHooks(s.repo);
    expect(readFileSync(join(s.dir, 'lefthook.yml'), 'utf8')).toBe('post-checkout:\n');

    rmSync(join(s.dir, 'lefthook.yml'));
    writeFileSync(join(s.dir, '.pre-commit-config.yaml'), 'repos: []\n');
    const plain = await installHooks(s.repo, hooksSrc);
    expect(plain.layout?.kind).toBe('stubs');
    expect(plain.warnings.join('\n')).toMatch(
      /pre-commit is configured here but has not installed git hooks/,
    );
  });

  it('proves capture in this worktree through git hook run, without running chained hooks', async () => {
    const s = await setup({ install: false });
    const marker = join(s.root, 'chained-ran');
    writeFileSync(join(s.common, 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    await installHooks(s.repo, hooksSrc);
    const proof = await proveCapture(s.repo, hooksSrc);
    expect(proof).toMatchObject({ ok: true, method: 'git hook run', fix: null });
    expect(existsSync(marker)).toBe(false);
    expect(s.events()).toEqual([]);
    rmSync(join(s.common, 'hooks', 'post-merge'));
    const broken = await proveCapture(s.repo, hooksSrc);
    expect(broken.ok).toBe(false);
    expect(broken.fix).toBe('roo hooks install');
    expect(broken.hooks.find((h) => h.name === 'post-merge')?.fires).toBe(false);
  });
});

describe('fail-open', () => {
  it('capture.sh deleted, journal unwritable, roo not on PATH: git behaves as without hooks', async () => {
    const s = await setup();
    rmSync(join(s.common, 'roo', 'capture.sh'));
    await s.gitClean(['switch', '-q', '-c', BRANCH]);
    await commit(s, 'a.txt', 'a');
    await s.gitClean(['switch', '-q', 'main']);
    expect(s.events()).toEqual([]);

    await installHooks(s.repo, hooksSrc);
    // A folder where the journal file should be: every append fails (tests run as root, so chmod would not).
    mkdirSync(join(s.common, 'roo', 'journal'));
    const path = '/usr/bin:/bin';
    await s.gitClean(['switch', '-q', BRANCH], { env: { PATH: path } });
    await commit(s, 'b.txt', 'b');
    await s.gitClean(['commit', '-q', '--amend', '-m', 'b2'], { env: { PATH: path } });
    const errors = readFileSync(join(s.common, 'roo', 'hook-errors.log'), 'utf8');
    expect(errors).toContain('post-checkout hook in worktree .: cannot append to');
    expect(errors).toContain('post-rewrite hook');
    const status = await hooksStatus(s.repo, hooksSrc);
    expect(status.hookErrors.text).toBe(errors);
    expect(status.problems.map((p) => p.message).join('\n')).toContain('hook-errors.log');
  });
});

describe('capture.sh on its own', () => {
  const capture = join(hooksSrc, 'capture.sh');
  async function sh(script: string, env: Record<string, string> = {}, input?: string) {
    const r = await execa('sh', ['-e', '-c', script], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      extendEnv: false,
      reject: false,
      ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    });
    return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
  }
  function fakeGitDir(head: string): string {
    const t = makeTempDir();
    mkdirSync(join(t, 'roo'), { recursive: true });
    mkdirSync(join(t, 'refs', 'heads'), { recursive: true });
    writeFileSync(join(t, 'HEAD'), `${head}\n`);
    return t;
  }
  const dirs: string[] = [];
  function makeTempDir(): string {
    const d = mkdtempSync(join(tmpdir(), 'roo-capture-'));
    dirs.push(d);
    return d;
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const call = (gd: string, hook: string, args = '') =>
    `. ${capture}; roo_gd=${gd}; roo_common=${gd}; roo_capture ${hook} ${args} || :; echo alive`;

  it('leaves the SHA empty when the branch ref is not a loose file (packed refs)', async () => {
    const gd = fakeGitDir('ref: refs/heads/topic');
    const r = await sh(call(gd, 'post-commit'));
    expect(r).toEqual({ exitCode: 0, stdout: 'alive', stderr: '' });
    expect(readFileSync(join(gd, 'roo', 'journal'), 'utf8')).toBe('roo1\tcommit\t.\ttopic\t\t\n');
  });

  it('takes the branch of a detached HEAD from rebase-merge/head-name and marks the pick', async () => {
    const sha = 'a'.repeat(40);
    const gd = fakeGitDir(sha);
    mkdirSync(join(gd, 'rebase-merge'));
    writeFileSync(join(gd, 'rebase-merge', 'head-name'), 'refs/heads/session/X\n');
    await sh(call(gd, 'post-commit'));
    expect(readFileSync(join(gd, 'roo', 'journal'), 'utf8')).toBe(
      `roo1\tcommit\t.\tsession/X\t${sha}\trebase\n`,
    );
  });

  it('never fails or prints under sh -e, whatever is missing', async () => {
    const r = await sh(call('/nonexistent/dir', 'post-commit'));
    expect(r).toEqual({ exitCode: 0, stdout: 'alive', stderr: '' });
    const r2 = await sh(call('/nonexistent/dir', 'prepare-commit-msg', '/nonexistent/msg message'));
    expect(r2).toEqual({ exitCode: 0, stdout: 'alive', stderr: '' });
  });

  it('post-rewrite hands the exact stdin on to what runs after it', async () => {
    const gd = fakeGitDir(`ref: refs/heads/main`);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const input = `${a} ${b}\n${b} ${a} extra\n`;
    const r = await sh(
      `roo_refeed=1; ${call(gd, 'post-rewrite', 'rebase').replace('echo alive', 'cat')}`,
      {},
      input,
    );
    expect(r).toEqual({ exitCode: 0, stdout: input.replace(/\n$/, ''), stderr: '' });
    const lines = readFileSync(join(gd, 'roo', 'journal'), 'utf8').split('\n');
    expect(lines[0]).toMatch(new RegExp(`^roo1\\trewrite\\t\\.\\tmain\\t${b}\\trebase\\t\\d+\\t1\\t${a}$`));
    expect(lines[1]).toMatch(new RegExp(`\\t2\\t${b}$`));
  });

  it('re-feeds a large stdin (beyond a pipe buffer) completely', async () => {
    const gd = fakeGitDir(`ref: refs/heads/main`);
    const pair = `${'c'.repeat(40)} ${'d'.repeat(40)}\n`;
    const input = pair.repeat(300);
    const r = await sh(
      `roo_refeed=1; ${call(gd, 'post-rewrite', 'rebase').replace('echo alive', 'cat')}`,
      {},
      input,
    );
    expect(r.stdout).toBe(input.replace(/\n$/, ''));
    expect(readFileSync(join(gd, 'roo', 'journal'), 'utf8').split('\n')).toHaveLength(301);
  });
});
