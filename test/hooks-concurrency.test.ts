import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJournal } from '@roo-session/core';
import { discoverRepo, installHooks } from '@roo-session/git';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { makeTempRepo, projectRoot } from './helpers/tempRepo.js';

// Four linked worktrees commit in parallel: every hook appends with one write, so the shared journal holds
// exactly one whole line per commit.

const WORKTREES = 4;
const COMMITS = 250;

it(`${WORKTREES} worktrees × ${COMMITS} commits in parallel → exactly ${WORKTREES * COMMITS} commit events`, async () => {
  const t = await makeTempRepo();
  const repo = await discoverRepo(t.dir, t.env);
  await installHooks(repo, join(projectRoot, 'hooks'));
  const trees = Array.from({ length: WORKTREES }, (_, i) => join(t.root, `wt${i}`));
  for (const [i, wt] of trees.entries()) await t.git(['worktree', 'add', '-q', '-b', `session/S${i}`, wt]);
  // One shell per worktree runs its commits back to back (no Node between commits).
  const loop = `i=0; while [ $i -lt ${COMMITS} ]; do git commit -q --allow-empty -m "c $i" || exit 1; i=$((i+1)); done`;
  await Promise.all(trees.map((cwd) => execa('sh', ['-c', loop], { cwd, env: t.env, extendEnv: false })));

  const { events, bad, tail } = parseJournal(readFileSync(join(repo.commonDir, 'roo', 'journal'), 'utf8'));
  expect(bad).toEqual([]);
  expect(tail).toBe('');
  const commits = events.filter((e) => e.kind === 'commit');
  expect(commits).toHaveLength(WORKTREES * COMMITS);
  for (const [i, wt] of trees.entries()) {
    const mine = commits.filter((e) => e.wt === `wt${i}`);
    expect(new Set(mine.map((e) => e.branch))).toEqual(new Set([`session/S${i}`]));
    const shas = (await t.git(['rev-list', `-${COMMITS}`, 'HEAD'], { cwd: wt })).stdout
      .trim()
      .split('\n')
      .reverse();
    expect(mine.map((e) => e.sha)).toEqual(shas);
  }
}, 180_000);
