import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// A repository whose own post-checkout hook fails (git-lfs missing is the common case): git switches, then
// exits with the hook's code. roo finishes the job and warns; when git itself did not switch, nothing is left.

const LFS_MESSAGE = 'git-lfs was not found on your path';

async function repoWithFailingHook(): Promise<TempRepo> {
  const t = await makeTempRepo();
  // roo's own hooks are not installed: this is the user's hook alone, as in a fresh clone with git-lfs configured.
  const hook = join(t.dir, '.git', 'hooks', 'post-checkout');
  t.write('.git/hooks/post-checkout', `#!/bin/sh\necho "${LFS_MESSAGE}" >&2\nexit 2\n`);
  chmodSync(hook, 0o755);
  return t;
}

async function branches(t: TempRepo): Promise<string[]> {
  const out = (await t.git(['for-each-ref', '--format=%(refname)', 'refs/heads/'])).stdout;
  return out.split('\n').filter((line) => line !== '');
}

async function headRef(t: TempRepo): Promise<string> {
  return (await t.git(['symbolic-ref', 'HEAD'])).stdout.trim();
}

async function porcelain(t: TempRepo): Promise<string> {
  return (await t.git(['status', '--porcelain', '--untracked-files=all'])).stdout;
}

describe('a failing foreign post-checkout hook', () => {
  it('start finishes the session on its new branch and warns with the hook message (exit 0)', async () => {
    const t = await repoWithFailingHook();
    try {
      await t.roo(['init', '--no-hooks']);
      await t.git(['add', '.ruru']);
      await t.git(['commit', '-q', '-m', 'roo config']);
      const r = await t.roo(['session', 'start', 'Fix the login']);
      expect(r.exitCode).toBe(0);
      const id = r.stdout.trim();
      expect(id).toMatch(/^SESSION-/);
      expect(await headRef(t)).toBe(`refs/heads/session/${id}`);
      expect(r.stderr).toContain(LFS_MESSAGE);
      expect(r.stderr).toContain("this repository's own post-checkout hook failed (git exited 1)");
      // The session folder is committed on the new branch: nothing untracked or modified is left.
      expect(await porcelain(t)).toBe('');
      const files = (await t.git(['ls-tree', '-r', '--name-only', 'HEAD', `.ruru/sessions/${id}`])).stdout;
      expect(files).toContain('session_log.md');
      expect(await branches(t)).toEqual(['refs/heads/main', `refs/heads/session/${id}`]);
    } finally {
      t.cleanup();
    }
  });

  it('continue switches back to a paused session and warns (exit 0)', async () => {
    const t = await repoWithFailingHook();
    try {
      await t.roo(['init', '--no-hooks']);
      await t.git(['add', '.ruru']);
      await t.git(['commit', '-q', '-m', 'roo config']);
      const id = (await t.roo(['session', 'start', 'First one'])).stdout.trim();
      expect((await t.roo(['session', 'pause'])).exitCode).toBe(0);
      await t.git(['switch', '-q', 'main'], { reject: false });
      expect(await headRef(t)).toBe('refs/heads/main');
      const r = await t.roo(['session', 'continue', id]);
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toContain(LFS_MESSAGE);
      expect(await headRef(t)).toBe(`refs/heads/session/${id}`);
      // Nothing outside the session's own folder (continue may leave the reopened log to its next commit point).
      const outside = (await porcelain(t))
        .split('\n')
        .filter((l) => l !== '' && !l.includes(`.ruru/sessions/${id}/`));
      expect(outside).toEqual([]);
      expect(await branches(t)).toEqual(['refs/heads/main', `refs/heads/session/${id}`]);
      const status = await t.roo(['session', 'current']);
      expect(status.stdout).toContain(id);
    } finally {
      t.cleanup();
    }
  });

  it('when git itself cannot switch, start rolls everything back and says what to run (exit 4)', async () => {
    const t = await repoWithFailingHook();
    try {
      // A branch named `session` makes `refs/heads/session/<ID>` impossible to create: git really fails.
      await t.git(['branch', 'session']);
      const before = await branches(t);
      const mainSha = (await t.git(['rev-parse', 'HEAD'])).stdout.trim();
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await t.roo(['session', 'start', 'Fix the login']);
        expect(r.exitCode).toBe(4);
        expect(r.stderr).toContain('git could not create and switch to branch `session/');
        expect(r.stderr).toContain('nothing was changed');
        expect(r.stderr).toContain('`roo session start <goal>`');
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(await headRef(t)).toBe('refs/heads/main');
        expect((await t.git(['rev-parse', 'HEAD'])).stdout.trim()).toBe(mainSha);
        expect(await branches(t)).toEqual(before);
        expect(await porcelain(t)).toBe('');
        expect(existsSync(join(t.dir, '.ruru'))).toBe(false);
      }
    } finally {
      t.cleanup();
    }
  });
});
