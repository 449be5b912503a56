import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  at,
  commitAt,
  expectRefused,
  frontmatter,
  git,
  logPath,
  rev,
  roo,
  rooOk,
  STATUS_BYTES,
  snapshot,
  statusBytes,
} from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// docs/commands.md: `roo session continue` checkpoints the session being left, refuses when uncommitted changes would be
// overwritten (unless --autostash), checks out a local or remote-tracking branch, and reopens only with --reopen.

const A = 'SESSION-Session_A-2611260905';
const B = 'SESSION-Session_B-2611260910';

/** Session A changed shared.txt on its branch and is paused; we are on main. */
async function pausedSessionA(): Promise<TempRepo> {
  const t = await makeTempRepo();
  await commitAt(t, 'shared.txt', 'base\n', 'shared base', at(1));
  expect(await rooOk(t, ['session', 'start', 'Session A'])).toBe(A);
  await commitAt(t, 'shared.txt', 'A version\n', 'A changes shared', at(6));
  await rooOk(t, ['session', 'pause'], { now: at(7) });
  await t.git(['switch', '-q', 'main']);
  return t;
}

describe('continue with uncommitted changes', () => {
  it('refuses (exit 3, names the file) without checkpointing anything; --autostash stashes and says how to get them back', async () => {
    const t = await pausedSessionA();
    expect(await rooOk(t, ['session', 'start', 'Session B'], { now: at(10) })).toBe(B);
    await rooOk(t, ['session', 'log', 'B is half done'], { now: at(11) });
    t.write('shared.txt', 'my local edit\n');
    t.write('notes.txt', 'untracked, blocks nothing\n');
    const bTip = await rev(t, `session/${B}`);
    const aTip = await rev(t, `session/${A}`);
    const bLog = readFileSync(join(t.dir, logPath(B)));

    const r = await expectRefused(
      t,
      ['session', 'continue', 'Session_A'],
      3,
      /uncommitted changes would be overwritten by switching to `session\/SESSION-Session_A-2611260905` \(nothing was changed\):\n {2}shared\.txt\nrun `roo session continue/,
      { now: at(12) },
    );
    expect(r.stderr).toContain(`\`roo session continue ${A} --autostash\``);
    expect(r.stderr).not.toContain('notes.txt');
    // Not even the checkpoint of the session being left: B's branch and log are as they were.
    expect(await rev(t, `session/${B}`)).toBe(bTip);
    expect(readFileSync(join(t.dir, logPath(B))).equals(bLog)).toBe(true);

    // --autostash: B is checkpointed, the changes are stashed under a name that mentions A, A is Active.
    const ok = await roo(t, ['session', 'continue', '--autostash', 'Session_A'], { now: at(13) });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`${A}: active on branch session/${A}\n`);
    expect(ok.stderr).toContain(`roo: checkpointed ${B}\n`);
    expect(ok.stderr).toMatch(/stashed as "[^"]*SESSION-Session_A-2611260905[^"]*"/);
    expect(ok.stderr).toContain('`git stash pop`');
    const stashes = await git(t, ['stash', 'list', '--format=%gs']);
    expect(stashes.trim().split('\n')).toHaveLength(1);
    expect(stashes).toContain(A);

    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe(`session/${A}\n`);
    // Continuing is a commit point for the session resumed too: its status change is committed on its branch.
    expect(await rev(t, `session/${A}~1`)).toBe(aTip);
    expect(await git(t, ['log', '-1', '--format=%s', `session/${A}`])).toBe(`session(${A}): continue\n`);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    expect(t.read('shared.txt')).toBe('A version\n');
    const aLog = t.read(logPath(A));
    expect(statusBytes(aLog).equals(STATUS_BYTES.active)).toBe(true);
    expect(frontmatter(aLog).end_time).toBe('');
    expect(aLog).toContain('- [2026-11-26 09:13:00] Session status changed to: `🟢 Active`\n');
    expect(existsSync(join(t.dir, logPath(B)))).toBe(false);

    // B's checkpoint: one commit, its folder only, holding the entry that was uncommitted.
    expect(await rev(t, `session/${B}^`)).toBe(bTip);
    expect(await git(t, ['log', '-1', '--format=%s', `session/${B}`])).toBe(`session(${B}): checkpoint\n`);
    expect(await git(t, ['diff-tree', '--no-commit-id', '--name-only', '-r', `session/${B}`])).toBe(
      `${logPath(B)}\n`,
    );
    expect(await git(t, ['show', `session/${B}:${logPath(B)}`])).toContain('B is half done');
    // B stays Active on its own branch: `continue` does not pause what it leaves.
    expect(await git(t, ['show', `session/${B}:${logPath(B)}`])).toContain('status = "🟢 Active"');

    // Getting them back, as the message says, after going back to B. Leaving A checkpoints it, and as nothing
    // happened on A since its `continue` commit, that checkpoint has nothing to commit.
    const aResumed = await rev(t, `session/${A}`);
    await rooOk(t, ['session', 'continue', B], { now: at(14) });
    expect(await rev(t, `session/${A}`)).toBe(aResumed);
    await t.git(['stash', 'pop', '-q']);
    expect(t.read('shared.txt')).toBe('my local edit\n');
    expect(t.read('notes.txt')).toBe('untracked, blocks nothing\n');
    expect(await git(t, ['stash', 'list'])).toBe('');
    expect(await rooOk(t, ['session', 'current'])).toBe(B);
  });
});

describe('continue across clones and after the end', () => {
  it('creates the local branch from origin/<branch> when only the remote-tracking branch has it', async () => {
    const t = await pausedSessionA();
    const clone = join(t.root, 'clone');
    await t.git(['clone', '-q', t.dir, clone], { cwd: t.root });
    expect(await git(t, ['branch', '--format=%(refname:short)'], clone)).toBe('main\n');
    const remoteTip = await rev(t, `origin/session/${A}`, clone);
    expect(remoteTip).toBe(await rev(t, `session/${A}`));

    // Not in the clone's worktree, but --all finds it on the remote-tracking branch.
    expect(await rooOk(t, ['session', 'list'], { cwd: clone })).toContain('no sessions in this worktree');
    const all = JSON.parse(await rooOk(t, ['session', 'list', '--all', '--json'], { cwd: clone })).sessions;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: A, status: '⏸️ Paused' });
    expect(all[0].locations.join(' ')).toContain(`origin/session/${A}`);
    // A command that needs the folder here says where it lives and what to run.
    await expectRefused(t, ['session', 'log', '--session', A, 'x'], 3, /lives on `.*origin\/session\//, {
      cwd: clone,
    });

    const r = await roo(t, ['session', 'continue', 'Session A'], { cwd: clone, now: at(20) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${A}: active on branch session/${A}\n`);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'], clone)).toBe(`session/${A}\n`);
    expect(await git(t, ['rev-parse', '--abbrev-ref', '@{upstream}'], clone)).toBe(`origin/session/${A}\n`);
    expect(await rev(t, 'HEAD~1', clone)).toBe(remoteTip);
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'], clone)).toBe('');
    expect(readFileSync(join(clone, 'shared.txt'), 'utf8')).toBe('A version\n');
    const log = readFileSync(join(clone, logPath(A)), 'utf8');
    expect(statusBytes(log).equals(STATUS_BYTES.active)).toBe(true);
    expect(await rooOk(t, ['session', 'current'], { cwd: clone })).toBe(A);
    // The original repository was not touched.
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('main\n');
  });

  it('a Completed session needs --reopen', async () => {
    const t = await pausedSessionA();
    await rooOk(t, ['session', 'continue', A], { now: at(8) });
    await rooOk(t, ['session', 'end'], { now: at(9) });
    await t.git(['switch', '-q', 'main']);
    const before = await snapshot(t);

    for (const query of [A, 'Session A']) {
      const r = await expectRefused(t, ['session', 'continue', query], 2, /`🏁 Completed`/, { now: at(10) });
      expect(r.stderr).toContain('--reopen');
    }
    expect(await snapshot(t)).toBe(before);

    const ok = await roo(t, ['session', 'continue', '--reopen', A], { now: at(11) });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe(`session/${A}\n`);
    const log = t.read(logPath(A));
    expect(statusBytes(log).equals(STATUS_BYTES.active)).toBe(true);
    expect(frontmatter(log).end_time).toBe('');
    expect(log).toContain('- [2026-11-26 09:11:00] Session status changed to: `🟢 Active`\n');
    // Reopened, it ends again normally.
    await rooOk(t, ['session', 'end'], { now: at(12) });
    expect(statusBytes(t.read(logPath(A))).equals(STATUS_BYTES.completed)).toBe(true);
  });
});
