import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '@roo-session/core';
import {
  discoverRepo,
  hooksStatus,
  installHooks,
  proveCapture,
  type RepoContext,
  uninstallHooks,
} from '@roo-session/git';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// Real husky 9 (this repo's own node_modules/husky) in a temp repo: roo adds marked blocks to .husky/<hook>,
// never touches .husky/_, and the user's own hook lines keep working, stdin included.

const hooksSrc = join(projectRoot, 'hooks');
const huskyBin = join(projectRoot, 'node_modules', 'husky', 'bin.js');
const BRANCH = 'session/SESSION-Husky-2611260905';

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    out[name] =
      `${statSync(file).mode.toString(8)} ${createHash('sha1').update(readFileSync(file)).digest('hex')}`;
  }
  return out;
}

async function huskyRepo() {
  const t = await makeTempRepo();
  await execa(process.execPath, [huskyBin], { cwd: t.dir, env: t.env, extendEnv: false });
  expect((await t.git(['config', 'core.hooksPath'])).stdout.trim()).toBe('.husky/_');
  const out = join(t.root, 'user.txt');
  // The user's own hooks: post-rewrite reads stdin, post-checkout has an argument-dependent line.
  t.write('.husky/post-rewrite', `while read old new; do echo "user-rewrite $1 $old $new" >> ${out}; done\n`);
  t.write('.husky/post-checkout', `#!/usr/bin/env sh\necho "user-checkout $3" >> ${out}\n`);
  await t.git(['add', '.husky']);
  await t.git(['commit', '-q', '-m', 'husky hooks']);
  const repo = await discoverRepo(t.dir, t.env);
  return { t, repo, out };
}

const journal = (repo: RepoContext) => {
  const file = join(repo.commonDir, 'roo', 'journal');
  return existsSync(file) ? parseJournal(readFileSync(file, 'utf8')).events : [];
};

async function clean(t: TempRepo, cwd = t.dir) {
  expect((await t.git(['status', '--porcelain', '--untracked-files=all'], { cwd })).stdout).toBe('');
}

describe('husky 9', () => {
  it('adds blocks to .husky/<hook>, leaves .husky/_ alone, and keeps the user lines and their stdin', async () => {
    const { t, repo, out } = await huskyRepo();
    const generated = digest(join(t.dir, '.husky', '_'));
    const before = {
      'post-rewrite': t.read('.husky/post-rewrite'),
      'post-checkout': t.read('.husky/post-checkout'),
    };
    const result = await installHooks(repo, hooksSrc);
    expect(result.layout).toMatchObject({ kind: 'husky', huskyVersion: 9 });
    expect(digest(join(t.dir, '.husky', '_'))).toEqual(generated);
    expect(result.changes.map((c) => [c.file.replace(`${t.dir}/`, ''), c.action])).toEqual([
      [join(repo.commonDir, 'roo', 'capture.sh').replace(`${t.dir}/`, ''), 'created'],
      ['.husky/post-commit', 'created'],
      ['.husky/post-checkout', 'block-added'],
      ['.husky/post-merge', 'created'],
      ['.husky/post-rewrite', 'block-added'],
      ['.husky/prepare-commit-msg', 'created'],
    ]);
    expect(t.read('.husky/post-checkout').startsWith('#!/usr/bin/env sh\n# >>> roo-session >>>')).toBe(true);
    expect((await installHooks(repo, hooksSrc)).changes.every((c) => c.action === 'unchanged')).toBe(true);
    const status = await hooksStatus(repo, hooksSrc);
    expect(status.hooks.every((h) => h.state === 'husky-block')).toBe(true);
    expect(status.problems).toEqual([]);
    await t.git(['add', '.husky']);
    await t.git(['commit', '-q', '-m', 'roo blocks']);

    expect(journal(repo).map((e) => [e.kind, e.branch])).toEqual([['commit', 'main']]);
    await t.git(['switch', '-q', '-c', BRANCH]);
    await clean(t);
    const old = await t.commitFile('a.txt', 'a', 'a');
    await clean(t);
    await t.git(['commit', '-q', '--amend', '-m', 'a2']);
    await clean(t);
    const neu = (await t.git(['rev-parse', 'HEAD'])).stdout.trim();
    expect(readFileSync(out, 'utf8').split('\n')).toEqual([
      'user-checkout 1',
      `user-rewrite amend ${old} ${neu}`,
      '',
    ]);
    expect(journal(repo).map((e) => [e.kind, e.branch])).toEqual([
      ['commit', 'main'],
      ['checkout', BRANCH],
      ['commit', BRANCH],
      ['commit', BRANCH],
      ['rewrite', BRANCH],
    ]);
    expect((await proveCapture(repo, hooksSrc)).ok).toBe(true);

    await uninstallHooks(repo);
    expect(t.read('.husky/post-rewrite')).toBe(before['post-rewrite']);
    expect(t.read('.husky/post-checkout')).toBe(before['post-checkout']);
    expect(readdirSync(join(t.dir, '.husky')).sort()).toEqual(['_', 'post-checkout', 'post-rewrite']);
    expect(digest(join(t.dir, '.husky', '_'))).toEqual(generated);
  });

  it("a user's post-checkout failing still fails git the same way; roo adds nothing to it", async () => {
    const { t, repo } = await huskyRepo();
    t.write('.husky/post-checkout', 'exit 5\n');
    await t.git(['commit', '-q', '-am', 'failing hook']);
    const without = await t.git(['checkout', '-q', '-b', 'x'], { reject: false });
    await installHooks(repo, hooksSrc);
    await t.git(['commit', '-q', '-am', 'roo']);
    const withRoo = await t.git(['checkout', '-q', '-b', 'y'], { reject: false });
    expect(without.exitCode).not.toBe(0);
    expect(withRoo).toEqual(without);
    expect(journal(repo).filter((e) => e.kind === 'checkout')).toHaveLength(1);
  });

  it('doctor catches a linked worktree where husky never ran, and the fix works', async () => {
    const { t, repo } = await huskyRepo();
    await installHooks(repo, hooksSrc);
    await t.git(['add', '.husky']);
    await t.git(['commit', '-q', '-m', 'roo blocks']);
    const wt = join(t.root, 'wt');
    await t.git(['worktree', 'add', '-q', '-b', BRANCH, wt]);
    const wtRepo = await discoverRepo(wt, t.env);
    const proof = await proveCapture(wtRepo, hooksSrc);
    expect(proof.ok).toBe(false);
    expect(proof.fix).toContain('npx husky');
    expect(proof.hooks[0]?.detail).toContain(join(wt, '.husky', '_'));
    const n = journal(repo).length;
    await t.git(['commit', '-q', '--allow-empty', '-m', 'not captured'], { cwd: wt });
    expect(journal(repo)).toHaveLength(n);

    await execa(process.execPath, [huskyBin], { cwd: wt, env: t.env, extendEnv: false });
    expect((await proveCapture(wtRepo, hooksSrc)).ok).toBe(true);
    await t.git(['commit', '-q', '--allow-empty', '-m', 'captured'], { cwd: wt });
    await clean(t, wt);
    expect(journal(repo).at(-1)).toMatchObject({ kind: 'commit', wt: 'wt', branch: BRANCH });
  });

  it('a clone without roo (no capture.sh) runs the blocks as silent no-ops, under sh -e', async () => {
    const { t, repo, out } = await huskyRepo();
    await installHooks(repo, hooksSrc);
    await t.git(['add', '.husky']);
    await t.git(['commit', '-q', '-m', 'roo blocks']);
    rmSync(join(repo.commonDir, 'roo', 'capture.sh'));
    const old = await t.commitFile('a.txt', 'a', 'a');
    const r = await t.git(['commit', '--amend', '-m', 'a2']);
    expect(r.stderr).toBe('');
    const neu = (await t.git(['rev-parse', 'HEAD'])).stdout.trim();
    expect(readFileSync(out, 'utf8')).toBe(`user-rewrite amend ${old} ${neu}\n`);
    const sw = await t.git(['switch', '-c', 'other']);
    expect(sw.stderr).toBe("Switched to a new branch 'other'\n");
    expect(journal(repo).filter((e) => e.kind !== 'commit' || e.branch !== 'main')).toEqual([]);
  });

  it('HUSKY=0 is reported by doctor', async () => {
    const { t, repo } = await huskyRepo();
    await installHooks(repo, hooksSrc);
    const off = await discoverRepo(t.dir, { ...t.env, HUSKY: '0' });
    const proof = await proveCapture(off, hooksSrc);
    expect(proof.ok).toBe(false);
    expect(proof.hooks[0]?.detail).toContain('HUSKY=0');
  });
});
