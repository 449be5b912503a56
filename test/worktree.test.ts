import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  at,
  commitAt,
  expectRefused,
  git,
  logPath,
  rev,
  roo,
  rooOk,
  STATUS_BYTES,
  snapshot,
  statusBytes,
} from './helpers/session.js';
import { makeTempRepo } from './helpers/tempRepo.js';

// Sessions (docs/git-design.md) with `git worktree add`: each linked worktree has its own active session, commands work from a
// subfolder of one, and a branch checked out in another worktree is never checked out twice.

const ID = 'SESSION-Worktree_work-2611260905';
const BRANCH = `session/${ID}`;

describe('sessions in linked worktrees', () => {
  it('a whole session in a linked worktree, the main worktree untouched; continue there is refused', async () => {
    const t = await makeTempRepo();
    await rooOk(t, ['init']);
    const wt = join(t.root, 'wt');
    await t.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    const sub = join(wt, 'pkg', 'src');
    mkdirSync(sub, { recursive: true });
    const main0 = await rev(t, 'HEAD');

    // start from a subfolder of the linked worktree: its HEAD moves to the new branch, the main one stays.
    expect(await rooOk(t, ['session', 'start', 'Worktree work'], { cwd: sub })).toBe(ID);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'], wt)).toBe(`${BRANCH}\n`);
    expect(await rev(t, `${BRANCH}^`)).toBe(main0);
    expect(existsSync(join(wt, logPath(ID)))).toBe(true);
    expect(existsSync(join(t.dir, '.ruru', 'sessions', ID))).toBe(false);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('main\n');

    // Each worktree has its own active session.
    expect(await rooOk(t, ['session', 'current'], { cwd: sub })).toBe(ID);
    const none = await roo(t, ['session', 'current']);
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain('no active session on branch `main`');

    // Work in the linked worktree: commit, show (pending), log, artifact, checkpoint.
    const c = await commitAt(t, 'pkg/src/a.ts', 'export {};\n', 'work in the worktree', at(6), wt);
    expect(await rooOk(t, ['session', 'show'], { cwd: sub, now: at(7) })).toContain(
      `Commit \`${c.slice(0, 7)}\` on \`${BRANCH}\`: work in the worktree`,
    );
    await rooOk(t, ['session', 'log', '--type', 'decision', 'keep it here'], { cwd: sub, now: at(7) });
    const note = await rooOk(t, ['session', 'artifact', 'new', 'note', 'wt', 'plan'], {
      cwd: sub,
      now: at(7),
    });
    // Printed from the folder it ran in (a subfolder of the linked worktree), so it opens from there.
    const noteRel = relative(wt, join(sub, note));
    expect(noteRel).toBe(`.ruru/sessions/${ID}/artifacts/notes/NOTE-wt_plan-2611260907.md`);
    expect(existsSync(join(sub, note))).toBe(true);
    await rooOk(t, ['session', 'checkpoint'], { cwd: sub, now: at(8) });
    expect(await git(t, ['show', '--name-only', '--format=%s', BRANCH])).toBe(
      `session(${ID}): checkpoint\n\n${noteRel}\n${logPath(ID)}\n`,
    );
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'], wt)).toBe('');

    // From the main worktree: not here, but --all and show read it from the branch.
    expect(await rooOk(t, ['session', 'list'])).toContain('no sessions in this worktree');
    const all = JSON.parse(await rooOk(t, ['session', 'list', '--all', '--json'])).sessions;
    expect(all).toEqual([expect.objectContaining({ id: ID, status: '🟢 Active', branch: BRANCH })]);
    expect(await rooOk(t, ['session', 'show', 'Worktree'])).toContain('keep it here');

    // continue from the main worktree: the branch is checked out in wt, so exit 3 naming it; nothing changes in
    // either worktree.
    const wtBefore = await snapshot(t, wt);
    const r = await expectRefused(t, ['session', 'continue', ID], 3, /is checked out in another worktree/, {
      now: at(9),
    });
    expect(r.stderr).toContain(wt);
    expect(r.stderr).toContain(`\`cd ${wt} && roo session continue ${ID}\``);
    expect(await snapshot(t, wt)).toBe(wtBefore);

    // A second session in the main worktree, alongside.
    const other = await rooOk(t, ['session', 'start', 'Main side'], { now: at(10) });
    expect(await rooOk(t, ['session', 'current'])).toBe(other);
    expect(await rooOk(t, ['session', 'current'], { cwd: sub })).toBe(ID);

    // end in the linked worktree: one commit on its branch; the main worktree's HEAD, index and files stay.
    // roo's state in the shared <common>/roo (journal, cursors, branch map) belongs to every worktree: left out.
    const mainBefore = await snapshot(t, t.dir, { rooState: false });
    const tip = await rev(t, BRANCH);
    await rooOk(t, ['session', 'end'], { cwd: sub, now: at(11) });
    expect(await rev(t, `${BRANCH}^`)).toBe(tip);
    expect(await git(t, ['log', '-1', '--format=%s', BRANCH])).toBe(`session(${ID}): end\n`);
    expect(statusBytes(readFileSync(join(wt, logPath(ID)), 'utf8')).equals(STATUS_BYTES.completed)).toBe(
      true,
    );
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'], wt)).toBe('');
    const mainAfter = await snapshot(t, t.dir, { rooState: false });
    // Only the shared refs and worktree list differ (the session branch moved).
    expect(mainAfter.replaceAll(await rev(t, BRANCH), tip)).toBe(mainBefore);
    expect(await rooOk(t, ['session', 'current'])).toBe(other);

    // `git worktree add` of an existing session branch: that worktree's active session is the branch's.
    await t.git(['switch', '-q', 'feature'], { cwd: wt });
    const wt2 = join(t.root, 'wt2');
    await t.git(['worktree', 'add', '-q', wt2, `session/${other}`], { cwd: t.dir, reject: false });
    // The branch is checked out in the main worktree already: git refuses, like roo does.
    expect(existsSync(wt2)).toBe(false);
    await t.git(['switch', '-q', 'main']);
    await t.git(['worktree', 'add', '-q', wt2, `session/${other}`]);
    // Its folder and log came with the branch at the start commit.
    expect(await rooOk(t, ['session', 'current'], { cwd: wt2 })).toBe(other);
    expect((await roo(t, ['session', 'current'])).exitCode).toBe(3);
  });
});
