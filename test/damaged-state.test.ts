import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, expectRefused, git, logPath, rev, roo, rooOk, snapshot } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// Damaged state gives a clear error (what, where, the command that repairs it) and exit 3, never a stack; a FIFO
// anywhere roo or its hooks read is refused without blocking; `roo doctor` reports damage (exit 5) and
// `roo doctor --fix` repairs what it safely can and says what it did. Commands that could hang must return: the
// tests give them a generous timeout, and a hang fails the test.

const LONG = { timeout: 60_000 };

/** The journal refused as damaged state: by the fold's reader or by the state check, whichever comes first. */
const JOURNAL_REFUSED = (kind: string) =>
  new RegExp(
    `cannot read the session journal .*roo/journal\\nseen: not a regular file|roo/journal is ${kind}, where roo keeps the journal`,
  );

async function withSession(): Promise<{ t: TempRepo; id: string; roo: string }> {
  const t = await makeTempRepo();
  await rooOk(t, ['init']);
  const id = await rooOk(t, ['session', 'start', 'damage'], { now: at(5) });
  const common = (await git(t, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
  return { t, id, roo: join(common, 'roo') };
}

function expectNoStack(r: { stderr: string; stdout: string }): void {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stdout).not.toMatch(/internal error|\n\s+at /);
}

/** The name `doctor --fix` printed for what it moved aside, checked to exist. */
function movedAside(stdout: string, from: string): string {
  const m = new RegExp(`moved aside: [^\\n]*${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} → (\\S+)`).exec(
    stdout,
  );
  expect(m, stdout).not.toBeNull();
  expect(existsSync(m![1]!)).toBe(true);
  return m![1]!;
}

describe('the journal is a folder or a FIFO', () => {
  it('a folder: commands exit 3 naming it and `roo doctor --fix`, which moves it aside', LONG, async () => {
    const { t, roo: state } = await withSession();
    rmSync(join(state, 'journal'), { force: true });
    mkdirSync(join(state, 'journal'));
    writeFileSync(join(state, 'journal', 'keep'), 'x');
    for (const args of [
      ['session', 'status'],
      ['session', 'checkpoint'],
      ['session', 'show'],
    ]) {
      await expectRefused(t, args, 3, JOURNAL_REFUSED('a folder'), {
        next: /`roo doctor --fix`/,
      });
    }
    // A commit still works (the hook records its failure instead of blocking or failing git).
    writeFileSync(join(t.dir, 'work.txt'), 'work\n');
    await t.git(['add', 'work.txt']);
    await t.git(['commit', '-q', '-m', 'work']);

    const doctor = await roo(t, ['doctor']);
    expect(doctor.exitCode).toBe(5);
    expect(doctor.stdout).toMatch(
      /FAIL {2}roo state files: the journal is a folder \(.*roo\/journal\)\n {6}fix: `roo doctor --fix`/,
    );
    const fixed = await roo(t, ['doctor', '--fix']);
    expectNoStack(fixed);
    const aside = movedAside(fixed.stdout, 'roo/journal');
    expect(readFileSync(join(aside, 'keep'), 'utf8')).toBe('x');
    expect(statSync(join(state, 'journal'), { throwIfNoEntry: false })).toBeUndefined();
    // Repaired: the commit made meanwhile comes back from history.
    const status = await roo(t, ['session', 'status']);
    expect(status.exitCode).toBe(0);
    await rooOk(t, ['session', 'checkpoint'], { now: at(9) });
    expect(t.read(logPath((await rooOk(t, ['session', 'current'])).trim()))).toMatch(
      /Commit `[0-9a-f]+` .*: work/,
    );
  });

  it(
    'a FIFO: `git commit` does not hang (the hook checks with builtins), roo refuses without blocking',
    LONG,
    async () => {
      const { t, roo: state } = await withSession();
      rmSync(join(state, 'journal'), { force: true });
      await execa('mkfifo', [join(state, 'journal')]);
      writeFileSync(join(t.dir, 'work.txt'), 'work\n');
      await t.git(['add', 'work.txt']);
      const commit = await t.git(['commit', '-q', '-m', 'work'], { reject: false });
      expect(commit.exitCode).toBe(0);
      expect(readFileSync(join(state, 'hook-errors.log'), 'utf8')).toMatch(
        /post-commit hook in worktree \.: cannot append to .*roo\/journal: not a regular file; run `roo doctor --fix`/,
      );
      await expectRefused(t, ['session', 'status'], 3, JOURNAL_REFUSED('a FIFO \\(named pipe\\)'), {
        next: /`roo doctor --fix`/,
      });
      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(/the journal is a FIFO/);
      const fixed = await roo(t, ['doctor', '--fix']);
      movedAside(fixed.stdout, 'roo/journal');
      expect((await roo(t, ['session', 'status'])).exitCode).toBe(0);
    },
  );
});

describe('a FIFO in the branch map', () => {
  it(
    'git commit does not hang on it (prepare-commit-msg tests it with builtins), doctor --fix moves it aside',
    LONG,
    async () => {
      const { t, id, roo: state } = await withSession();
      const branch = (await git(t, ['symbolic-ref', '--short', 'HEAD'])).trim();
      const entry = join(state, 'branches', branch);
      expect(readFileSync(entry, 'utf8')).toBe(`${id}\n`);
      rmSync(entry);
      await execa('mkfifo', [entry]);
      writeFileSync(join(t.dir, 'work.txt'), 'work\n');
      await t.git(['add', 'work.txt']);
      const commit = await t.git(['commit', '-q', '-m', 'work'], { reject: false });
      expect(commit.exitCode).toBe(0);
      // No trailer: the entry could not be read, and nothing waited for it.
      expect(await git(t, ['log', '-1', '--format=%B'])).toBe('work\n\n');
      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(new RegExp(`the branch map entry of \`${branch}\` is a FIFO`));
      const fixed = await roo(t, ['doctor', '--fix']);
      movedAside(fixed.stdout, `roo/branches/${branch}`);
      // The next command maps the branch again.
      expect(await rooOk(t, ['session', 'current'])).toBe(id);
    },
  );
});

describe('a branch-map entry or a cursor that is a folder', () => {
  it(
    'start refuses before touching anything when the new branch entry is a folder; doctor --fix repairs',
    LONG,
    async () => {
      const { t, roo: state } = await withSession();
      await rooOk(t, ['session', 'end'], { now: at(6) });
      await t.git(['switch', '-q', 'main']);
      await t.git(['branch', 'feature']);
      mkdirSync(join(state, 'branches', 'feature', 'stale'), { recursive: true });
      await t.git(['switch', '-q', 'feature']);
      await expectRefused(
        t,
        ['session', 'start', '--here', 'next'],
        3,
        /roo\/branches\/feature is a folder, where roo keeps the branch map entry of `feature`/,
        {
          now: at(7),
          next: /`roo doctor --fix`/,
        },
      );
      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(/FAIL {2}roo state files: the branch map entry of `feature` is a folder/);
      const fixed = await roo(t, ['doctor', '--fix']);
      movedAside(fixed.stdout, 'roo/branches/feature');
      const id = await rooOk(t, ['session', 'start', '--here', 'next'], { now: at(7) });
      expect(readFileSync(join(state, 'branches', 'feature'), 'utf8')).toBe(`${id}\n`);
    },
  );

  it(
    'checkpoint refuses before its commit when the cursor is a folder; doctor --fix repairs',
    LONG,
    async () => {
      const { t, id, roo: state } = await withSession();
      rmSync(join(state, 'cursors', id), { force: true });
      mkdirSync(join(state, 'cursors', id));
      const head = await rev(t, 'HEAD');
      await expectRefused(
        t,
        ['session', 'checkpoint'],
        3,
        new RegExp(`roo/cursors/${id} is a folder, where roo keeps the journal cursor`),
        {
          next: /`roo doctor --fix`/,
        },
      );
      expect(await rev(t, 'HEAD')).toBe(head);
      const fixed = await roo(t, ['doctor', '--fix']);
      movedAside(fixed.stdout, `roo/cursors/${id}`);
      await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
      expect(await rev(t, 'HEAD')).not.toBe(head);
      expect(statSync(join(state, 'cursors', id)).isFile()).toBe(true);
    },
  );

  it('a session_log.md that is a folder is a clear per-session error, never a stack', LONG, async () => {
    const { t, id } = await withSession();
    rmSync(join(t.dir, logPath(id)));
    mkdirSync(join(t.dir, logPath(id)));
    const list = await roo(t, ['session', 'list']);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/unreadable[\s\S]*is a folder, not a regular file/);
    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode).toBe(5);
    expect(check.stdout).toMatch(/session_log\.md:1: error unreadable: session_log\.md is a folder/);
    const doctor = await roo(t, ['doctor']);
    expect(doctor.exitCode).toBe(5);
    expect(doctor.stdout).toMatch(
      /FAIL {2}sessions parse: .*session_log\.md is a folder, not a regular file/,
    );
    await expectRefused(t, ['session', 'show', id], 3, /session_log\.md is a folder, not a regular file/);
    for (const r of [list, check, doctor]) expectNoStack(r);
  });
});

describe('leftovers and odd names in a session folder', () => {
  it(
    'a temp file of a killed write is never committed, check flags it, doctor --fix removes it',
    LONG,
    async () => {
      const { t, id } = await withSession();
      const dir = join(t.dir, '.ruru', 'sessions', id);
      const temp = join(dir, 'session_log.md.3021589934');
      writeFileSync(temp, '+++\nid = "half a log');
      const artTemp = join(dir, 'artifacts', 'notes', 'NOTE-plan-2611260905.md.17');
      writeFileSync(artTemp, 'partial');
      await rooOk(t, ['session', 'log', 'after the crash'], { now: at(7) });
      await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
      const tree = await git(t, ['ls-tree', '-r', '--name-only', 'HEAD', `.ruru/sessions/${id}`]);
      expect(tree).toContain('session_log.md\n');
      expect(tree).not.toContain('session_log.md.3021589934');
      expect(tree).not.toContain('.md.17');

      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toContain(
        `.ruru/sessions/${id}/session_log.md.3021589934:1: error temp-file: \`session_log.md.3021589934\` is the temp file of a write that was interrupted`,
      );
      expect(check.stdout).toContain('NOTE-plan-2611260905.md.17:1: error temp-file');

      // A young temp file may belong to a command running now: left alone. An old one is removed.
      const young = await roo(t, ['doctor', '--fix'], {
        now: new Date(statSync(temp).mtimeMs + 5_000).toISOString(),
      });
      expect(young.stdout).toMatch(/ok {4}temp files: none left/);
      expect(existsSync(temp)).toBe(true);
      // Older than a minute by roo's clock (ROO_NOW, 26 Nov 2026 09:05 in these tests).
      const old = new Date('2026-11-26T08:00:00Z');
      utimesSync(temp, old, old);
      utimesSync(artTemp, old, old);
      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(
        /FAIL {2}temp files: left by interrupted writes \(never committed\): .*session_log\.md\.3021589934/,
      );
      const fixed = await roo(t, ['doctor', '--fix']);
      expect(fixed.stdout).toMatch(
        /ok {4}temp files: removed: .*NOTE-plan-2611260905\.md\.17.*session_log\.md\.3021589934/,
      );
      expect(existsSync(temp)).toBe(false);
      expect(existsSync(artTemp)).toBe(false);
      expect(existsSync(join(dir, 'session_log.md'))).toBe(true);
    },
  );

  it(
    'a newline in an artifact file name is a finding, not a crash; checkpoint commits it',
    LONG,
    async () => {
      const { t, id } = await withSession();
      const name = 'NOTE-a\nb-2611260905.md';
      writeFileSync(join(t.dir, '.ruru', 'sessions', id, 'artifacts', 'notes', name), 'note\n');
      const check = await roo(t, ['session', 'check']);
      expectNoStack(check);
      expect(check.exitCode).toBe(0);
      expect(check.stdout).toContain('NOTE-a\\nb-2611260905.md:1: warning artifact-name');
      expect(check.stdout.trimEnd().split('\n')).toHaveLength(1);
      const github = await roo(t, ['session', 'check', '--format', 'github']);
      expect(github.stdout).toContain('NOTE-a%0Ab-2611260905.md');
      expect(github.stdout.trimEnd().split('\n')).toHaveLength(1);
      await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
      const tree = await git(t, [
        'ls-tree',
        '-r',
        '-z',
        '--name-only',
        'HEAD',
        `.ruru/sessions/${id}/artifacts/notes`,
      ]);
      expect(tree.split('\0')).toContain(`.ruru/sessions/${id}/artifacts/notes/${name}`);
    },
  );

  it('a UTF-8 BOM survives log, checkpoint and end, in the file and in the commit', LONG, async () => {
    const { t, id } = await withSession();
    const file = join(t.dir, logPath(id));
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]));
    await rooOk(t, ['session', 'log', 'with a BOM'], { now: at(6) });
    expect([...readFileSync(file).subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x2b]);
    await rooOk(t, ['session', 'checkpoint'], { now: at(7) });
    await rooOk(t, ['session', 'end'], { now: at(8) });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x2b]);
    expect(bytes.toString('utf8')).toContain('with a BOM');
    expect(bytes.toString('utf8')).toContain('status = "🏁 Completed"');
    const blob = await execa('git', ['show', `HEAD:${logPath(id)}`], {
      cwd: t.dir,
      env: t.env,
      encoding: 'buffer',
    });
    expect([...Buffer.from(blob.stdout).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('roo doctor --fix', () => {
  it(
    'without --fix reports and exits 5; with it writes the capture script again and says so',
    LONG,
    async () => {
      const { t, roo: state } = await withSession();
      rmSync(join(state, 'capture.sh'));
      const before = await snapshot(t);
      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(/capture\.sh is missing/);
      // Reporting changes nothing.
      expect(await snapshot(t)).toBe(before);
      const fixed = await roo(t, ['doctor', '--fix']);
      expect(fixed.stdout).toMatch(/ok {4}capture script: created: .*roo\/capture\.sh/);
      expect(fixed.exitCode).toBe(0);
      expect(readFileSync(join(state, 'capture.sh'), 'utf8')).toContain('roo_capture()');
      expect((await roo(t, ['doctor'])).exitCode).toBe(0);
      expect(readdirSync(state)).not.toContain('damaged');
    },
  );
});
