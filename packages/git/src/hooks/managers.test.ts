import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOOK_NAMES } from './hookScripts.js';
import {
  addManagerParts,
  type HookManager,
  hasAnyParts,
  hasCurrentParts,
  type ManagerName,
  stripManagerParts,
} from './managers.js';

function manager(name: ManagerName, rel: string): HookManager {
  return {
    name,
    rel,
    file: `/repo/${rel}`,
    hooks: name === 'pre-commit' ? HOOK_NAMES.filter((h) => h !== 'post-rewrite') : HOOK_NAMES,
    aside: null,
    installCommand: 'x',
  };
}

const lefthook = manager('lefthook', 'lefthook.yml');
const sgh = manager('simple-git-hooks', 'package.json');
const sghFile = manager('simple-git-hooks', '.simple-git-hooks.json');
const preCommit = manager('pre-commit', '.pre-commit-config.yaml');

function roundTrip(m: HookManager, text: string): string {
  const added = addManagerParts(m, text);
  expect(added).not.toBe(text);
  expect(hasCurrentParts(m, added)).toBe(true);
  expect(hasAnyParts(m, added)).toBe(true);
  expect(hasCurrentParts(m, text)).toBe(false);
  // Idempotent, and stripping gives back every byte.
  expect(addManagerParts(m, stripManagerParts(m, added))).toBe(added);
  expect(stripManagerParts(m, added)).toBe(text);
  return added;
}

describe('lefthook', () => {
  it('adds top-level hooks, and commands under hooks the file already has, and strips them byte for byte', () => {
    const text =
      '---\n# team\npre-commit:\n  parallel: true\n  commands:\n    lint:\n      run: npm run lint\n\n' +
      'post-checkout:\n    commands:\n        deps:\n            run: npm ci\npost-merge:\n  jobs:\n    - run: echo hi\n';
    const added = roundTrip(lefthook, text);
    expect(added.startsWith('---\n# >>> roo-session >>>')).toBe(true);
    // Under an existing commands: mapping, at its own indentation.
    expect(added).toContain('post-checkout:\n    commands:\n        # >>> roo-session >>>');
    expect(added).toContain('        roo-session:\n            run: |\n');
    // Beside jobs:, a commands: mapping of roo's own.
    expect(added).toContain('post-merge:\n  # >>> roo-session >>>');
    expect(added).toMatch(/post-rewrite:\n {2}commands:\n {4}roo-session:\n[\s\S]*?use_stdin: true/);
  });

  it('holds for any subset of hooks the file has already (seeded)', () => {
    fc.assert(
      fc.property(fc.subarray([...HOOK_NAMES]), fc.boolean(), (present, crlfFree) => {
        const text = present
          .map((h) => `${h}:\n  commands:\n    mine:\n      run: echo ${h}\n`)
          .join(crlfFree ? '' : '\n');
        roundTrip(lefthook, text);
      }),
      { seed: 20261203, numRuns: 64 },
    );
  });

  it('refuses what it cannot edit safely', () => {
    expect(() => addManagerParts(lefthook, 'post-commit: {commands: {}}\n')).toThrow(/inline value/);
    expect(() => addManagerParts(lefthook, 'post-commit:\n\tcommands:\n')).toThrow(/tab/);
  });
});

describe('simple-git-hooks', () => {
  it("adds members and prefixes the user's own command, in package.json and its own file", () => {
    const pkg =
      '{\n  "name": "x",\n  "simple-git-hooks": {\n    "pre-commit": "npx lint-staged",\n' +
      '    "post-rewrite": "echo \\"rewritten\\""\n  },\n  "devDependencies": { "simple-git-hooks": "^2.14.0" }\n}\n';
    const added = roundTrip(sgh, pkg);
    const parsed = JSON.parse(added)['simple-git-hooks'];
    expect(Object.keys(parsed).sort()).toEqual([...HOOK_NAMES, 'pre-commit'].sort());
    expect(parsed['post-rewrite']).toMatch(
      /^roo_hook=post-rewrite; roo_refeed=1; [\s\S]*\necho "rewritten"$/,
    );
    expect(parsed['pre-commit']).toBe('npx lint-staged');
    expect(JSON.parse(added).devDependencies).toEqual({ 'simple-git-hooks': '^2.14.0' });

    for (const text of ['{}', '{"pre-commit":"true"}\n', '{\n\t"post-commit": "echo a"\n}\n']) {
      const out = roundTrip(sghFile, text);
      expect(Object.keys(JSON.parse(out)).length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('pre-commit', () => {
  const config =
    'repos:\n- repo: https://github.com/pre-commit/pre-commit-hooks\n  rev: v4.0.0\n  hooks:\n  - id: trailing-whitespace\n';

  it('adds a local repo with a hook per stage and default_install_hook_types, and strips them', () => {
    const added = roundTrip(preCommit, config);
    expect(added).toMatch(
      /^# >>> roo-session >>>.*\ndefault_install_hook_types: \[pre-commit, post-commit, post-checkout, post-merge, prepare-commit-msg\]\n/,
    );
    expect(added).toContain('repos:\n# >>> roo-session >>>');
    expect(added).toContain("    entry: 'sh -c ''set --; roo_hook=post-commit;");
    expect(added).toContain(
      '    stages: [prepare-commit-msg]\n    always_run: true\n    pass_filenames: true\n',
    );
    expect(added).not.toContain('stages: [post-rewrite]');
  });

  it('extends an existing default_install_hook_types list, one-line or block', () => {
    const flow = `default_install_hook_types: [pre-commit, post-merge]\n${config}`;
    const a = roundTrip(preCommit, flow);
    expect(a).toContain(
      'default_install_hook_types: [pre-commit, post-merge, post-commit, post-checkout, prepare-commit-msg]\n',
    );
    const block = `default_install_hook_types:\n  - pre-commit\n${config}`;
    const b = roundTrip(preCommit, block);
    expect(b).toMatch(/default_install_hook_types:\n {2}# >>> roo-session >>>.*\n {2}- post-commit\n/);
    const empty = `default_install_hook_types: []\n${config}`;
    expect(roundTrip(preCommit, empty)).toContain(
      'default_install_hook_types: [post-commit, post-checkout, post-merge, prepare-commit-msg]',
    );
  });

  it('refuses a configuration without a block repos list', () => {
    expect(() => addManagerParts(preCommit, 'repos: []\n')).toThrow(/block list/);
    expect(() => addManagerParts(preCommit, 'minimum_pre_commit_version: 3.0.0\n')).toThrow(/no `repos:`/);
  });
});
