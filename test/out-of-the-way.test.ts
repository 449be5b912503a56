import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, commitAt, git, logPath, rev, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// roo never stands in git's way: its own writes go to the journal outside the working tree, and the log file is
// written only at commit points, where it is committed at once (docs/git-design.md). These tests run real git
// commands that refuse to work on a dirty tree right after roo's commands, and many roo processes at once.

const ID = 'SESSION-Stay_out_of_the_way-2611260905';
const BRANCH = `session/${ID}`;
const LOG = logPath(ID);

async function started(): Promise<TempRepo> {
  const t = await makeTempRepo();
  await rooOk(t, ['init']);
  await t.git(['add', '.ruru/config.toml']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  expect(await rooOk(t, ['session', 'start', 'Stay out of the way'])).toBe(ID);
  return t;
}

async function expectClean(t: TempRepo, cwd = t.dir): Promise<void> {
  expect(await git(t, ['status', '--porcelain', '--untracked-files=no'], cwd)).toBe('');
}

/** The log as `show` prints it: the file with every pending record and hook event folded in. */
async function shown(t: TempRepo, args: string[] = [], cwd = t.dir): Promise<string> {
  return `${await rooOk(t, ['session', 'show', ...args], { cwd, now: at(59) })}\n`;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('after every roo write, the tree is clean and git works as without roo', () => {
  it('log, task, artifact, sync, checkpoint, pause, continue, end leave no modified tracked file', async () => {
    const t = await started();
    t.write('.ruru/tasks/TASK-API-1.md', '+++\nid = "TASK-API-1"\n+++\n');
    await expectClean(t);
    const steps: string[][] = [
      ['session', 'log', 'first'],
      ['session', 'log', '--type', 'decision', 'second'],
      ['session', 'task', 'link', 'TASK-API-1'],
      ['session', 'task', 'delegate', 'TASK-API-1', '--to', 'dev', 'do it'],
      ['session', 'task', 'result', 'TASK-API-1', '--from', 'dev', 'done'],
      ['session', 'artifact', 'new', 'note', 'plan'],
      ['session', 'sync'],
      ['session', 'checkpoint'],
      ['session', 'log', 'third'],
      ['session', 'pause'],
      ['session', 'continue', ID],
      ['session', 'log', 'fourth'],
      ['session', 'end'],
    ];
    for (const [n, args] of steps.entries()) {
      await rooOk(t, args, { now: at(10 + n) });
      await expectClean(t);
    }
    const committed = await git(t, ['show', `HEAD:${LOG}`]);
    for (const text of ['first', '**Decision:** second', 'Linked task `TASK-API-1`', 'third', 'fourth']) {
      expect(count(committed, `] ${text}`), text).toBe(1);
    }
    expect(committed).toContain('related_tasks = ["TASK-API-1"]');
    expect(committed).toContain('related_artifacts = ["artifacts/notes/NOTE-plan-2611260915.md"]');
    expect(t.read(LOG)).toBe(committed);
  });

  it('switch, rebase, pull --rebase, stash pop and commit -a right after roo session log', async () => {
    const t = await started();
    const remote = join(t.root, 'remote.git');
    await t.git(['init', '-q', '--bare', remote], { cwd: t.root });
    await t.git(['remote', 'add', 'origin', remote]);
    await t.git(['push', '-q', '-u', 'origin', 'main', BRANCH]);

    // switch away and back
    await rooOk(t, ['session', 'log', 'before the switch'], { now: at(6) });
    expect((await t.git(['switch', '-q', 'main'], { reject: false })).exitCode).toBe(0);
    expect((await t.git(['switch', '-q', BRANCH], { reject: false })).exitCode).toBe(0);

    // rebase onto a moved main
    await t.git(['switch', '-q', 'main']);
    await commitAt(t, 'main.txt', 'main\n', 'main moves', at(7));
    await t.git(['switch', '-q', BRANCH]);
    await rooOk(t, ['session', 'log', 'before the rebase'], { now: at(8) });
    expect((await t.git(['rebase', '-q', 'main'], { reject: false })).exitCode).toBe(0);

    // a teammate pushes to the session branch; pull --rebase after a log entry
    await t.git(['push', '-q', '-f', 'origin', BRANCH]);
    const mate = join(t.root, 'mate');
    await t.git(['clone', '-q', '-b', BRANCH, remote, mate], { cwd: t.root });
    writeFileSync(join(mate, 'mate.txt'), 'from a teammate\n');
    await t.git(['add', 'mate.txt'], { cwd: mate });
    await t.git(['commit', '-q', '-m', 'teammate work'], { cwd: mate });
    await t.git(['push', '-q', 'origin', BRANCH], { cwd: mate });
    await commitAt(t, 'mine.txt', 'mine\n', 'my work', at(9));
    await rooOk(t, ['session', 'log', 'before the pull'], { now: at(10) });
    const pulled = await t.git(['pull', '-q', '--rebase', 'origin', BRANCH], { reject: false });
    expect(pulled.exitCode, pulled.stderr).toBe(0);
    expect(t.read('mate.txt')).toBe('from a teammate\n');

    // stash, log, stash pop
    t.write('README.md', '# my unstaged edit\n');
    await t.git(['stash', '-q']);
    await rooOk(t, ['session', 'log', 'while stashed'], { now: at(11) });
    expect((await t.git(['stash', 'pop', '-q'], { reject: false })).exitCode).toBe(0);
    expect(t.read('README.md')).toBe('# my unstaged edit\n');

    // commit -a takes the user's edit and nothing of roo's
    await rooOk(t, ['session', 'log', 'before commit -a'], { now: at(12) });
    await t.git(['commit', '-q', '-a', '-m', 'edit readme']);
    expect(await git(t, ['show', '--name-only', '--format=', 'HEAD'])).toBe('README.md\n');

    await expectClean(t);
    const log = await shown(t);
    for (const text of ['before the switch', 'before the rebase', 'before the pull', 'while stashed']) {
      expect(count(log, `] ${text} <!-- roo:j:`), text).toBe(1);
    }
  });
});

// Each writer is a roo process of its own, as in life (locks and temp files are per process): the built binary.
describe('parallel writers lose nothing', () => {
  it('4 × 50 session log at once: every entry in show and, once, in the committed log', async () => {
    const t = await started();
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let n = 0; n < 50; n++) {
          const r = await roo(t, ['session', 'log', `writer ${w} entry ${n}`], {
            now: at(10),
            process: true,
          });
          expect(r.exitCode, r.stderr).toBe(0);
        }
      }),
    );
    await expectClean(t);
    const log = await shown(t);
    await rooOk(t, ['session', 'end'], { now: at(11) });
    const committed = await git(t, ['show', `HEAD:${LOG}`]);
    for (let w = 0; w < 4; w++) {
      for (let n = 0; n < 50; n++) {
        expect(count(log, `writer ${w} entry ${n} <!--`)).toBe(1);
        expect(count(committed, `writer ${w} entry ${n} <!--`)).toBe(1);
      }
    }
  }, 240_000);

  it('4 × 10 artifact new at once: every file, registration and entry kept', async () => {
    const t = await started();
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let n = 0; n < 10; n++) {
          const r = await roo(t, ['session', 'artifact', 'new', 'note', `w${w} n${n}`], {
            now: at(10),
            process: true,
          });
          expect(r.exitCode, r.stderr).toBe(0);
        }
      }),
    );
    await expectClean(t);
    await rooOk(t, ['session', 'end'], { now: at(11) });
    const committed = await git(t, ['show', `HEAD:${LOG}`]);
    const files = await git(t, [
      'ls-tree',
      '-r',
      '--name-only',
      'HEAD',
      `.ruru/sessions/${ID}/artifacts/notes/`,
    ]);
    for (let w = 0; w < 4; w++) {
      for (let n = 0; n < 10; n++) {
        const rel = `artifacts/notes/NOTE-w${w}_n${n}-2611260910.md`;
        expect(count(committed, `"${rel}"`), rel).toBe(1);
        expect(count(committed, `Created artifact: \`${rel}\``), rel).toBe(1);
        expect(files).toContain(`.ruru/sessions/${ID}/${rel}\n`);
      }
    }
  }, 240_000);

  it('log racing checkpoint: no entry lost, no error, and the checkpoints coalesce into one commit', async () => {
    const t = await started();
    const start = await rev(t, 'HEAD');
    const logs = (async () => {
      for (let n = 0; n < 30; n++) {
        const r = await roo(t, ['session', 'log', `raced ${n}`], { now: at(10), process: true });
        expect(r.exitCode, r.stderr).toBe(0);
      }
    })();
    const checkpoints = (async () => {
      for (let n = 0; n < 10; n++) {
        const r = await roo(t, ['session', 'checkpoint'], { now: at(11), process: true });
        expect(r.exitCode, r.stderr).toBe(0);
      }
    })();
    await Promise.all([logs, checkpoints]);
    await rooOk(t, ['session', 'checkpoint'], { now: at(12) });
    const committed = await git(t, ['show', `HEAD:${LOG}`]);
    for (let n = 0; n < 30; n++) expect(count(committed, `raced ${n} <!--`)).toBe(1);
    // One roo commit between the start and now, however many checkpoints ran.
    expect(await git(t, ['rev-list', '--count', `${start}..HEAD`])).toBe('1\n');
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): checkpoint\n`);
    await expectClean(t);
  }, 240_000);
});

describe('checkpoints coalesce', () => {
  it('replaces the previous checkpoint only when nothing came between and nobody else has it', async () => {
    const t = await started();
    const start = await rev(t, 'HEAD');
    await rooOk(t, ['session', 'log', 'one'], { now: at(6) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(6) });
    const first = await rev(t, 'HEAD');
    await rooOk(t, ['session', 'log', 'two'], { now: at(7) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(7) });
    // Replaced: same parent (the start commit), the old checkpoint gone from the branch.
    expect(await rev(t, 'HEAD^')).toBe(start);
    expect(await rev(t, 'HEAD')).not.toBe(first);
    expect(await git(t, ['show', `HEAD:${LOG}`])).toContain('] two <!--');

    // A work commit between: a new checkpoint on top of it.
    const work = await commitAt(t, 'w.txt', 'w\n', 'work', at(8));
    await rooOk(t, ['session', 'log', 'three'], { now: at(8) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
    expect(await rev(t, 'HEAD^')).toBe(work);

    // Pushed (on a remote-tracking ref): never rewritten.
    const remote = join(t.root, 'remote.git');
    await t.git(['init', '-q', '--bare', remote], { cwd: t.root });
    await t.git(['remote', 'add', 'origin', remote]);
    await t.git(['push', '-q', '-u', 'origin', BRANCH]);
    const pushed = await rev(t, 'HEAD');
    await rooOk(t, ['session', 'log', 'four'], { now: at(9) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(9) });
    expect(await rev(t, 'HEAD^')).toBe(pushed);

    // On another local branch too: kept.
    await t.git(['branch', 'keep-this']);
    const kept = await rev(t, 'HEAD');
    await rooOk(t, ['session', 'log', 'five'], { now: at(10) });
    await rooOk(t, ['session', 'checkpoint'], { now: at(10) });
    expect(await rev(t, 'HEAD^')).toBe(kept);
    await expectClean(t);
  });

  it("keeps an agent's own edits of the log file and folds them in at the next commit point", async () => {
    const t = await started();
    await rooOk(t, ['session', 'log', 'by roo'], { now: at(6) });
    const text = t.read(LOG);
    const edited = text.replace(
      '## Log Entries\n',
      '## Log Entries\n\n> A note the agent wrote by hand, kept as written.\n',
    );
    t.write(LOG, `${edited}- [2026-11-26 09:05:30] written by the agent directly\n`);
    await rooOk(t, ['session', 'checkpoint'], { now: at(7) });
    const committed = await git(t, ['show', `HEAD:${LOG}`]);
    expect(committed).toContain('> A note the agent wrote by hand, kept as written.\n');
    expect(committed).toContain('- [2026-11-26 09:05:30] written by the agent directly\n');
    expect(count(committed, '] by roo <!-- roo:j:')).toBe(1);
    expect(committed.indexOf('written by the agent directly')).toBeLessThan(committed.indexOf('] by roo'));
    await expectClean(t);
  });
});

describe('pending records are visible at once, from any branch or worktree', () => {
  it('show --session from another worktree, and status here', async () => {
    const t = await started();
    await rooOk(t, ['session', 'log', 'not committed yet'], { now: at(6) });
    t.write('.ruru/tasks/TASK-SEEN-1.md', '+++\nid = "TASK-SEEN-1"\n+++\n');
    await rooOk(t, ['session', 'task', 'link', 'TASK-SEEN-1'], { now: at(6) });
    const other = join(t.root, 'other');
    await t.git(['worktree', 'add', '-q', other, 'main']);
    const there = await shown(t, ['--session', ID], other);
    expect(there).toContain('] not committed yet <!-- roo:j:');
    expect(there).toContain('related_tasks = ["TASK-SEEN-1"]');
    const json = JSON.parse(await rooOk(t, ['session', 'show', '--format', 'json', ID], { cwd: other }));
    expect(JSON.stringify(json)).toContain('TASK-SEEN-1');
    const status = JSON.parse(await rooOk(t, ['session', 'status', '--json'], { now: at(7) }));
    expect(status.pendingEntries).toBe(2);
  });
});

describe('finished stays finished; every command idempotent and recoverable', () => {
  it('end twice and pause twice: exit 0, no commit, times kept; no entries after the end', async () => {
    const t = await started();
    await rooOk(t, ['session', 'pause'], { now: at(6) });
    const paused = await rev(t, 'HEAD');
    expect(await rooOk(t, ['session', 'pause'], { now: at(7) })).toContain(`${ID}: already paused`);
    expect(await rev(t, 'HEAD')).toBe(paused);
    await rooOk(t, ['session', 'continue', ID], { now: at(8) });
    await rooOk(t, ['session', 'end'], { now: at(9) });
    const ended = await rev(t, 'HEAD');
    const log = t.read(LOG);
    expect(await rooOk(t, ['session', 'end', ID], { now: at(10) })).toBe(`${ID}: already completed`);
    expect(await rooOk(t, ['session', 'end'], { now: at(11) })).toBe(`${ID}: already completed`);
    expect(await rev(t, 'HEAD')).toBe(ended);
    expect(t.read(LOG)).toBe(log);
    expect(count(log, 'Session status changed to: `🏁 Completed`')).toBe(1);
    expect(log).toContain('end_time = "2026-11-26T09:09:00+00:00"');

    // Switching away and back, and committing, add nothing to a finished session.
    await t.git(['switch', '-q', 'main']);
    await t.git(['switch', '-q', BRANCH]);
    await commitAt(t, 'late.txt', 'late\n', 'after the end', at(12));
    expect(await shown(t)).toBe(`${log.trimEnd()}\n`);
    const refused = await roo(t, ['session', 'log', 'too late'], { now: at(13) });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('a finished session takes no more entries');
    // Right after the end, the README's PR-body command works on the session's own branch.
    const md = await roo(t, ['session', 'show', '--format', 'markdown']);
    expect(md.exitCode, md.stderr).toBe(0);
    expect(md.stdout).toContain(ID);
  });

  for (const point of ['after-write', 'before-update-ref', 'after-update-ref', 'before-cursor']) {
    it(`end killed at ${point}: running it again completes it once`, async () => {
      const t = await started();
      await rooOk(t, ['session', 'log', 'logged before the end'], { now: at(6) });
      const work = await commitAt(t, 'w.txt', 'w\n', 'work before the end', at(7));
      // SIGKILLed at the crash point: a process of its own.
      const killed = await roo(t, ['session', 'end'], {
        now: at(8),
        env: { ROO_TEST_CRASH: point },
        process: true,
      });
      expect(killed.exitCode).not.toBe(0);
      const again = await roo(t, ['session', 'end'], { now: at(9) });
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`^${ID}: (already )?completed`));
      const third = await roo(t, ['session', 'end'], { now: at(10) });
      expect(third).toMatchObject({ exitCode: 0, stdout: `${ID}: already completed\n` });

      await expectClean(t);
      expect(existsSync(join(t.dir, '.git', 'roo-index-repair'))).toBe(false);
      expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): end\n`);
      expect(await rev(t, 'HEAD^')).toBe(work);
      const committed = await git(t, ['show', `HEAD:${LOG}`]);
      expect(count(committed, 'Session status changed to: `🏁 Completed`')).toBe(1);
      expect(count(committed, '] logged before the end <!--')).toBe(1);
      expect(count(committed, `roo:c:${work}`)).toBe(1);
      expect(committed).toContain('end_time = "2026-11-26T09:08:00+00:00"');
      expect(t.read(LOG)).toBe(committed);
    }, 120_000);
  }

  it('a checkpoint whose index update fails is reported (exit 4) and repaired by the next roo command', async () => {
    const t = await started();
    await rooOk(t, ['session', 'log', 'checkpointed'], { now: at(6) });
    const lock = join(t.dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    const r = await roo(t, ['session', 'checkpoint'], { now: at(7) });
    rmSync(lock);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/could not update the index/);
    expect(r.stderr).toMatch(/the commit stands; the next roo command updates the index/);
    const checkpoint = await rev(t, 'HEAD');
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): checkpoint\n`);
    // Before the repair the index still holds the old log: a `git commit` now would undo the checkpoint.
    expect(await git(t, ['diff', '--cached', '--name-only'])).toBe(`${LOG}\n`);

    const next = await roo(t, ['session', 'current']);
    expect(next.exitCode).toBe(0);
    expect(next.stderr).toContain(`roo: updated the index for .ruru/sessions/${ID}`);
    await expectClean(t);
    expect(await git(t, ['diff', '--cached', '--name-only'])).toBe('');

    // The user's next commit keeps roo's checkpoint.
    await commitAt(t, 'user.txt', 'u\n', 'user work', at(8));
    expect(await git(t, ['show', `HEAD:${LOG}`])).toBe(await git(t, ['show', `${checkpoint}:${LOG}`]));
    expect(await git(t, ['show', `HEAD:${LOG}`])).toContain('] checkpointed <!--');
  });
});
