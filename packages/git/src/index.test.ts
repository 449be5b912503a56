import { expect, it } from 'vitest';
import * as git from './index.js';

// The layers above run git only through the named functions of this package: no runner that takes an argument
// list leaves it (runGit.ts).
it('exports no way to run a git command the caller chooses', () => {
  const runners = ['runGit', 'runGitIn', 'streamGit', 'querySimpleGit', 'simpleGitOf', 'cleanGitEnv'];
  expect(Object.keys(git).filter((name) => runners.includes(name))).toEqual([]);
  expect(Object.keys(git).filter((name) => /^(run|exec|spawn)/i.test(name))).toEqual([]);
});
