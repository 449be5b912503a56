import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// docs/journal.md/2.4 end to end: the built `roo` installs the hooks, real git runs them, and the session log shows
// every commit, switch, merge and rewrite. After every git command the tree is clean: hooks never write it.

const huskyBin = join(projectRoot, 'node_modules', 'husky', 'bin.js');

type Flow = {
  t: TempRepo;
  id: string;
  branch: string;
  /** git, asserting success and a clean tree afterwards. */
  g(args: string[], opts?: { cwd?: string; env?: Record<string, string> }): Promise<string>;
  head(cwd?: string): Promise<string>;
  commit(message: string, opts?: { cwd?: string; args?: string[] }): Promise<string>;
  roo(args: string[], cwd?: string): Promise<string>;
  /** The log's entries after the first, as `roo session show` renders them (pending events included). */
  entries(cwd?: string): Promise<string[]>;
  short(sha: string): string;
};

async function flow(
  options: { husky?: boolean; before?: (t: TempRepo) => Promise<void> } = {},
): Promise<Flow> {
  const t = await makeTempRepo();
  if (options.husky) {
    await execa(process.execPath, [huskyBin], { cwd: t.dir, env: t.env, extendEnv: false });
  }
  const roo = async (args: string[], cwd?: string) => {
    const r = await t.roo(args, cwd ? { cwd } : {});
    if (r.exitCode !== 0) throw new Error(`roo ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r.stdout;
  };
  await roo(['init']);
  await t.git(['add', '-A']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  await options.before?.(t);
  const id = (await roo(['session', 'start', 'Fix login'])).trim();
  const f: Flow = {
    t,
    id,
    branch: `session/${id}`,
    async g(args, opts = {}) {
      const r = await t.git(args, opts);
      const status = await t.git(['status', '--porcelain', '--untracked-files=all'], {
        cwd: opts.cwd ?? t.dir,
      });
      expect(status.stdout, `git ${args.join(' ')} left the tree dirty`).toBe('');
      return r.stdout;
    },
    async head(cwd) {
      return (await t.git(['rev-parse', 'HEAD'], cwd ? { cwd } : {})).stdout.trim();
    },
    async commit(message, opts = {}) {
      const cwd = opts.cwd ?? t.dir;
      const file = `${message.replace(/\W+/g, '_')}.txt`;
      writeFileSync(join(cwd, file), `${message}\n`);
      await t.git(['add', '--', file], { cwd });
      await f.g(['commit', '-q', '-m', message, ...(opts.args ?? [])], { cwd });
      return f.head(cwd);
    },
    roo,
    async entries(cwd) {
      const json = JSON.parse(await roo(['session', 'show', id, '--format', 'json'], cwd));
      return (json.entries as { text: string }[]).slice(1).map((e) => e.text);
    },
    short: (sha) => sha.slice(0, 7),
  };
  return f;
}

const commitLine = (f: Flow, sha: string, subject: string, suffix = '') =>
  `Commit \`${f.short(sha)}\` on \`${f.branch}\`: ${subject}${suffix}`;

describe.each([
  ['plain hooks', false],
  ['husky 9', true],
])('%s', (_name, husky) => {
  it('commit, --no-verify and --amend', async () => {
    const f = await flow({ husky });
    const a = await f.commit('add a');
    await f.commit('add b', { args: ['--no-verify'] });
    await f.g(['commit', '-q', '--amend', '-m', 'add b, better']);
    const b2 = await f.head();
    expect(await f.entries()).toEqual([
      commitLine(f, a, 'add a'),
      commitLine(f, b2, 'add b, better'),
      'Rewrote 1 commit (amend)',
    ]);
    expect(
      (await f.t.git(['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).stdout.trim(),
    ).toBe(f.id);
  });

  it('rebase (merge backend) after a checkpoint: lines follow the new SHAs, switches are logged', async () => {
    const f = await flow({ husky });
    const a = await f.commit('add a');
    const b = await f.commit('add b');
    await f.roo(['session', 'checkpoint']);
    await f.g(['switch', '-q', 'main']);
    const main = await f.commit('main moves');
    await f.g(['switch', '-q', f.branch]);
    await f.g(['rebase', '-q', 'main']);
    const [a2, b2] = (await f.t.git(['log', '--format=%H', '-3'])).stdout
      .trim()
      .split('\n')
      .slice(1)
      .reverse();
    expect(a2).not.toBe(a);
    expect(b2).not.toBe(b);
    expect(await f.entries()).toEqual([
      commitLine(f, a2!, 'add a'),
      commitLine(f, b2!, 'add b'),
      `Switched from \`${f.branch}\` to \`main\``,
      `Switched to \`${f.branch}\` from \`main\``,
      'Rewrote 2 commits (rebase)',
    ]);
    await f.roo(['session', 'checkpoint']);
    expect(f.t.read(`.ruru/sessions/${f.id}/session_log.md`)).toContain(`base_commit = "${main}"`);
  });
});

describe('rewrites', () => {
  it('rebase -i with reword and squash (GIT_SEQUENCE_EDITOR)', async () => {
    const f = await flow();
    await f.commit('add a');
    await f.commit('add b');
    await f.commit('add c');
    await f.roo(['session', 'checkpoint']);
    const editor = join(f.t.root, 'todo.sh');
    writeFileSync(editor, "#!/bin/sh\nsed -i -e '1s/^pick/reword/' -e '3s/^pick/squash/' \"$1\"\n");
    chmodSync(editor, 0o755);
    await f.g(['rebase', '-q', '-i', 'HEAD~4'], {
      env: { GIT_SEQUENCE_EDITOR: editor, GIT_EDITOR: "sed -i '1s/^add a$/add a (reworded)/'" },
    });
    const [a2, bc] = (await f.t.git(['log', '--format=%H', '-3'])).stdout
      .trim()
      .split('\n')
      .slice(1)
      .reverse();
    expect(await f.entries()).toEqual([
      commitLine(f, a2!, 'add a (reworded)'),
      commitLine(f, bc!, 'add b'),
      'Rewrote 3 commits (rebase)',
    ]);
  });

  it('rebase --apply: no post-commit, still one line per commit and the rewrite', async () => {
    const f = await flow();
    await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    await f.g(['switch', '-q', 'main']);
    await f.commit('main moves');
    await f.g(['switch', '-q', f.branch]);
    await f.g(['rebase', '-q', '--apply', 'main']);
    const a2 = (await f.t.git(['rev-parse', 'HEAD~1'])).stdout.trim();
    const entries = await f.entries();
    expect(entries[0]).toBe(commitLine(f, a2, 'add a'));
    expect(entries.at(-1)).toBe('Rewrote 1 commit (rebase)');
  });

  it('cherry-pick of a range and revert', async () => {
    const f = await flow({
      before: async (t) => {
        await t.git(['switch', '-q', '-c', 'topic']);
        await t.commitFile('t1.txt', '1', 'topic one');
        await t.commitFile('t2.txt', '2', 'topic two');
        await t.git(['switch', '-q', 'main']);
      },
    });
    await f.g(['cherry-pick', 'main..topic']);
    await f.g(['revert', '--no-edit', 'HEAD']);
    const [t1, t2, rv] = (await f.t.git(['log', '--format=%H', '-3'])).stdout.trim().split('\n').reverse();
    expect(await f.entries()).toEqual([
      commitLine(f, t1!, 'topic one'),
      commitLine(f, t2!, 'topic two'),
      commitLine(f, rv!, 'Revert "topic two"'),
    ]);
  });
});

describe('merges, pulls, switches, worktrees', () => {
  it('merge non-ff sums up the merged commits; so does a fast-forward; checkout -b is a switch out', async () => {
    const f = await flow();
    await f.g(['checkout', '-q', '-b', 'topic']);
    await f.commit('topic one');
    await f.commit('topic two');
    await f.g(['switch', '-q', f.branch]);
    const s1 = await f.commit('session work');
    await f.g(['merge', '-q', '--no-edit', 'topic']);
    const merge = await f.head();
    await f.g(['switch', '-q', '-c', 'topic2']);
    const t3 = await f.commit('topic three');
    await f.g(['switch', '-q', f.branch]);
    await f.g(['merge', '-q', '--ff-only', 'topic2']);
    expect(await f.entries()).toEqual([
      `Switched from \`${f.branch}\` to \`topic\``,
      `Switched to \`${f.branch}\` from \`topic\``,
      commitLine(f, s1, 'session work'),
      `Merged \`topic\` into \`${f.branch}\` (2 commits): Merge branch 'topic' into ${f.branch}`,
      `Switched from \`${f.branch}\` to \`topic2\``,
      `Switched to \`${f.branch}\` from \`topic2\``,
      // One entry from the branch reflog (`merge topic2: Fast-forward`): what it brought is not listed as made here.
      `Merged \`topic2\` into \`${f.branch}\` (1 commit)`,
    ]);
    expect(merge).toMatch(/^[0-9a-f]{40}$/);
    expect(await f.head()).toBe(t3);
  });

  it('a fast-forward pull from a local remote is one "Fast-forwarded" entry', async () => {
    const f = await flow();
    const remote = join(f.t.root, 'remote.git');
    await f.t.git(['init', '-q', '--bare', remote]);
    await f.t.git(['remote', 'add', 'origin', remote]);
    await f.t.git(['push', '-q', '-u', 'origin', f.branch]);
    const other = join(f.t.root, 'teammate');
    await f.t.git(['clone', '-q', '-b', f.branch, remote, other]);
    writeFileSync(join(other, 'mate.txt'), 'mate\n');
    await f.t.git(['add', 'mate.txt'], { cwd: other });
    await f.t.git(['commit', '-q', '-m', 'teammate work'], { cwd: other });
    await f.t.git(['push', '-q', 'origin', f.branch], { cwd: other });
    await f.g(['pull', '-q', '--ff-only']);
    expect(await f.entries()).toEqual([
      `Fast-forwarded \`${f.branch}\` to \`${f.short(await f.head())}\` (1 commit)`,
    ]);
  });

  it('switching to a detached HEAD and back', async () => {
    const f = await flow();
    const head = await f.head();
    await f.g(['checkout', '-q', '--detach']);
    await f.g(['checkout', '-q', f.branch]);
    expect(await f.entries()).toEqual([
      `Switched from \`${f.branch}\` to \`${f.short(head)}\``,
      `Switched to \`${f.branch}\` from \`${f.short(head)}\``,
    ]);
  });

  it('worktree add on the session branch, and commits in it', async () => {
    const f = await flow();
    await f.g(['switch', '-q', 'main']);
    const wt = join(f.t.root, 'wt');
    await f.g(['worktree', 'add', '-q', wt, f.branch]);
    const w = await f.commit('in the worktree', { cwd: wt });
    expect(await f.entries(wt)).toEqual([
      `Switched from \`${f.branch}\` to \`main\``,
      `Checked out \`${f.branch}\` in new worktree \`wt\``,
      commitLine(f, w, 'in the worktree'),
    ]);
  });
});

describe('fail-open', () => {
  it('capture.sh deleted: git works, commits still reach the log "(from history)"', async () => {
    const f = await flow();
    const common = (await f.t.git(['rev-parse', '--path-format=absolute', '--git-common-dir'])).stdout.trim();
    rmSync(join(common, 'roo', 'capture.sh'));
    const a = await f.commit('add a');
    await f.g(['switch', '-q', 'main']);
    await f.g(['switch', '-q', f.branch]);
    expect(await f.entries()).toEqual([commitLine(f, a, 'add a', ' (from history)')]);
    // No trailer without the capture: the CLI's own commits still carry it.
    expect((await f.t.git(['log', '-1', '--format=%B'])).stdout).toBe('add a\n\n');
  });

  it('ROO_HOOKS=0 and no roo on PATH: nothing captured, nothing printed', async () => {
    const f = await flow();
    const env = { ROO_HOOKS: '0', PATH: '/usr/bin:/bin' };
    writeFileSync(join(f.t.dir, 'x.txt'), 'x');
    await f.t.git(['add', 'x.txt']);
    const r = await f.t.git(['commit', '-q', '-m', 'quiet'], { env });
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await f.entries()).toEqual([commitLine(f, await f.head(), 'quiet', ' (from history)')]);
  });
});
