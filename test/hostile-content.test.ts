import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, expectRefused, git, logPath, rev, roo, rooOk, snapshot } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// Repository content is hostile data (docs/architecture.md, "Reading repository content"): what a careless or
// hostile teammate can push (symlinks out of the session folder, a log linked to /dev/zero, escape sequences in
// titles and folder names) is never followed, never read unbounded, never printed raw, and never a way to write
// outside the repository. Every command that could hang is one that must return: the tests give them a generous
// timeout rather than a tight one, and a hang fails the test.

const LONG = { timeout: 60_000 };
const EVIL = 'SESSION-evil-2611260905';
const OUTSIDE_MARK = 'OUTSIDE-SECRET-7f3a';

/** A V7 log, as roo writes one, for a session that is Active on `branch`. */
function v7Log(o: {
  id: string;
  title?: string;
  branch: string;
  status?: string;
  entries?: string[];
}): string {
  return [
    '+++',
    `id = "${o.id}"`,
    `title = ${JSON.stringify(o.title ?? 'evil')}`,
    `status = "${o.status ?? '🟢 Active'}"`,
    'start_time = "2026-11-26T09:05:12+00:00"',
    'end_time = ""',
    'coordinator = "roo-cli"',
    'related_tasks = []',
    'related_artifacts = []',
    'tags = ["session", "log"]',
    `branch = ${JSON.stringify(o.branch)}`,
    'base_commit = ""',
    '+++',
    '',
    '# Session Log',
    '',
    '## Goal',
    '',
    o.title ?? 'evil',
    '',
    '## Log Entries',
    '',
    '- [2026-11-26 09:05:12] Session initiated by `roo-cli` with goal: "evil"',
    ...(o.entries ?? []),
    '',
  ].join('\n');
}

/** Every file under `dir`: path, kind and a hash of the bytes (links not followed). */
function fingerprint(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out.push(`${r}/`);
        walk(p, r);
      } else if (st.isFile()) {
        out.push(`${r} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
      } else out.push(`${r} (other)`);
    }
  };
  walk(dir, '');
  return out;
}

/**
 * A repository with a teammate's branch `session/<EVIL>` holding a session folder built by `build` (committed with
 * real `git add`, symlinks as symlinks), and a folder outside the repository with a file a link may point to.
 */
async function hostileRepo(
  build: (t: TempRepo, folder: string, outside: string) => void,
): Promise<{ t: TempRepo; outside: string; outsideLog: string; branch: string }> {
  const t = await makeTempRepo();
  const outside = join(t.root, 'outside');
  mkdirSync(join(outside, 'dir', 'notes'), { recursive: true });
  const branch = `session/${EVIL}`;
  // The file a link points to is itself a valid Active log of that branch: the worst case, roo would act on it.
  const outsideLog = join(outside, 'session_log.md');
  writeFileSync(outsideLog, v7Log({ id: EVIL, branch, title: `outside ${OUTSIDE_MARK}` }));
  writeFileSync(join(outside, 'dir', 'notes', 'private.md'), `${OUTSIDE_MARK}\n`);
  await t.git(['switch', '-q', '-c', branch]);
  const folder = join(t.dir, '.ruru', 'sessions', EVIL);
  mkdirSync(folder, { recursive: true });
  build(t, folder, outside);
  await t.git(['add', '-A', '--', '.ruru']);
  await t.git(['commit', '-q', '-m', 'teammate: session']);
  await t.git(['switch', '-q', 'main']);
  return { t, outside, outsideLog, branch };
}

function expectNoStack(r: { stderr: string; stdout: string }): void {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stdout).not.toMatch(/internal error|\n\s+at /);
}

describe('a symlinked session_log.md is never followed, read or written', () => {
  it(
    'list --all, show --pr and check do not publish the outside file; log, sync, checkpoint, end refuse',
    LONG,
    async () => {
      const { t, outside, outsideLog, branch } = await hostileRepo((_t, folder, out) => {
        symlinkSync(join(out, 'session_log.md'), join(folder, 'session_log.md'));
      });
      const outsideBefore = fingerprint(outside);
      // Committed as a link (mode 120000), not as the file's content.
      expect(await git(t, ['ls-tree', branch, `.ruru/sessions/${EVIL}/session_log.md`])).toMatch(/^120000 /);

      // From main: the branch's copy is listed as unreadable, never with the outside file's title.
      const list = await roo(t, ['session', 'list', '--all']);
      expect(list.exitCode).toBe(0);
      expect(list.stdout).toContain(EVIL);
      expect(list.stdout + list.stderr).not.toContain(OUTSIDE_MARK);
      const listJson = await roo(t, ['session', 'list', '--all', '--json']);
      expect(listJson.stdout).not.toContain(OUTSIDE_MARK);

      // Checked out (a reviewer's `git switch`): the working tree now holds the link.
      await t.git(['switch', '-q', branch]);
      expect(lstatSync(join(t.dir, logPath(EVIL))).isSymbolicLink()).toBe(true);
      const pr = await roo(t, ['session', 'show', '--pr', '--base', 'main']);
      expectNoStack(pr);
      expect(pr.exitCode).toBe(0);
      expect(pr.stdout + pr.stderr).not.toContain(OUTSIDE_MARK);
      expect(pr.stdout).toMatch(/symbolic link/);
      const prJson = await roo(t, ['session', 'show', '--pr', '--base', 'main', '--format', 'json']);
      expect(prJson.stdout).not.toContain(OUTSIDE_MARK);

      const listHere = await roo(t, ['session', 'list']);
      expect(listHere.exitCode).toBe(0);
      expect(listHere.stdout).toMatch(/unreadable[\s\S]*is a symbolic link/);
      expect(listHere.stdout).not.toContain(OUTSIDE_MARK);

      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toMatch(/session_log\.md:1: error unreadable: session_log\.md is a symbolic link/);
      expect(check.stdout).not.toContain(OUTSIDE_MARK);

      // The outside file is an Active log of this branch, yet roo finds no active session: it was not read.
      const current = await roo(t, ['session', 'current']);
      expect(current.exitCode).toBe(3);
      expect(current.stderr).toMatch(
        /no active session on branch .*\nseen: roo did not read .*session_log\.md a symbolic link/,
      );
      expect(current.stdout).toBe('');

      // Writers, by ID: refused (exit 3) before anything is written; the outside file keeps every byte.
      for (const args of [
        ['session', 'log', '--session', EVIL, 'hello'],
        ['session', 'sync', EVIL],
        ['session', 'checkpoint', EVIL],
        ['session', 'end', EVIL],
        ['session', 'show', EVIL],
      ]) {
        await expectRefused(
          t,
          args,
          3,
          /session_log\.md is a symbolic link \(to .*outside\/session_log\.md\)/,
        );
      }
      expect(fingerprint(outside)).toEqual(outsideBefore);
      expect(readFileSync(outsideLog, 'utf8')).toContain(OUTSIDE_MARK);
    },
  );
});

describe('a linked session folder or .ruru/sessions', () => {
  it('is reported by check and never read or written through', LONG, async () => {
    for (const where of ['folder', 'sessions'] as const) {
      const t = await makeTempRepo();
      const outside = join(t.root, 'outside');
      const outsideSession = join(outside, EVIL);
      mkdirSync(outsideSession, { recursive: true });
      writeFileSync(
        join(outsideSession, 'session_log.md'),
        v7Log({ id: EVIL, branch: 'main', title: OUTSIDE_MARK }),
      );
      mkdirSync(join(t.dir, '.ruru', 'sessions'), { recursive: true });
      if (where === 'folder') symlinkSync(outsideSession, join(t.dir, '.ruru', 'sessions', EVIL));
      else {
        rmSync(join(t.dir, '.ruru', 'sessions'), { recursive: true });
        symlinkSync(outside, join(t.dir, '.ruru', 'sessions'));
      }
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'teammate: link']);
      const before = fingerprint(outside);
      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toMatch(
        where === 'folder'
          ? new RegExp(`^\\.ruru/sessions/${EVIL}:1: error symlink: .* is a symbolic link`, 'm')
          : /^\.ruru\/sessions:1: error symlink: `\.ruru\/sessions` is a symbolic link/m,
      );
      expect(check.stdout).not.toContain(OUTSIDE_MARK);
      const list = await roo(t, ['session', 'list']);
      expect(list.stdout + list.stderr).not.toContain(OUTSIDE_MARK);
      const current = await roo(t, ['session', 'current']);
      expect(current.exitCode).toBe(3);
      await expectRefused(
        t,
        ['session', 'log', '--session', EVIL, 'x'],
        // A linked folder is not a session of this worktree: its ID is unknown here; nothing is written.
        2,
        /session/,
      );
      // A linked `.ruru/sessions` would take a new session's folder outside: refused. (A linked folder of
      // another session does not stop a new one.)
      if (where === 'sessions') {
        await expectRefused(
          t,
          ['session', 'start', '--here', 'x'],
          3,
          /\.ruru\/sessions.* is a symbolic link|is a symbolic link/,
        );
      }
      expect(fingerprint(outside)).toEqual(before);
    }
  });
});

describe('a session_log.md linked to /dev/zero', () => {
  it(
    'every reader finishes with a clear error for that session and goes on with the others',
    LONG,
    async () => {
      const { t, branch } = await hostileRepo((_t, folder) => {
        symlinkSync('/dev/zero', join(folder, 'session_log.md'));
      });
      // A healthy session next to it, committed on the same branch.
      await t.git(['switch', '-q', branch]);
      const good = await rooOk(t, ['session', 'start', '--here', 'good one']);

      const list = await roo(t, ['session', 'list']);
      expect(list.exitCode).toBe(0);
      expect(list.stdout).toContain(good);
      expect(list.stdout).toMatch(
        new RegExp(`${EVIL}  unreadable[\\s\\S]*is a symbolic link \\(to /dev/zero\\)`),
      );

      const all = await roo(t, ['session', 'list', '--all']);
      expect(all.exitCode).toBe(0);
      expect(all.stdout).toContain(good);
      expect(all.stdout).toContain(EVIL);

      // The active session is the healthy one; current and status answer for it.
      expect(await rooOk(t, ['session', 'current'])).toBe(good);
      const status = await roo(t, ['session', 'status']);
      expect(status.exitCode).toBe(0);
      expect(status.stdout).toContain(good);

      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toMatch(/error unreadable: session_log\.md is a symbolic link \(to \/dev\/zero\)/);
      expectNoStack(check);

      const doctor = await roo(t, ['doctor']);
      expect(doctor.exitCode).toBe(5);
      expect(doctor.stdout).toMatch(
        /FAIL {2}sessions parse: .*session_log\.md is a symbolic link \(to \/dev\/zero\)/,
      );
      expectNoStack(doctor);

      const pr = await roo(t, ['session', 'show', '--pr', '--base', 'main']);
      expect(pr.exitCode).toBe(0);
      expect(pr.stdout).toContain(good);
      expect(pr.stdout).toMatch(/symbolic link/);
      expectNoStack(pr);

      await expectRefused(t, ['session', 'show', EVIL], 3, /is a symbolic link \(to \/dev\/zero\)/);
    },
  );

  it('a FIFO in place of a log is refused without blocking (read side)', LONG, async () => {
    const t = await makeTempRepo();
    const good = await rooOk(t, ['session', 'start', 'good']);
    const fifoDir = join(t.dir, '.ruru', 'sessions', EVIL);
    mkdirSync(fifoDir, { recursive: true });
    await execa('mkfifo', [join(fifoDir, 'session_log.md')]);
    const list = await roo(t, ['session', 'list']);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain(good);
    expect(list.stdout).toMatch(/is a FIFO \(named pipe\), not a regular file/);
    const check = await roo(t, ['session', 'check', `.ruru/sessions/${EVIL}`]);
    expect(check.exitCode).toBe(5);
    expect(check.stdout).toMatch(/session_log\.md is a FIFO/);
    expect((await roo(t, ['doctor'])).stdout).toMatch(/FAIL {2}sessions parse: .*is a FIFO/);
    await expectRefused(t, ['session', 'show', EVIL], 3, /is a FIFO \(named pipe\), not a regular file/);
    expect(await rooOk(t, ['session', 'current'])).toBe(good);
  });
});

describe('a symlinked artifacts folder, artifacts subfolder or artifact file', () => {
  for (const variant of ['artifacts', 'artifacts/notes'] as const) {
    it(`artifact new never writes through a linked ${variant}`, LONG, async () => {
      const { t, outside, branch } = await hostileRepo((_t, folder, out) => {
        writeFileSync(join(folder, 'session_log.md'), v7Log({ id: EVIL, branch: `session/${EVIL}` }));
        if (variant === 'artifacts') symlinkSync(join(out, 'dir'), join(folder, 'artifacts'));
        else {
          mkdirSync(join(folder, 'artifacts'));
          symlinkSync(join(out, 'dir', 'notes'), join(folder, 'artifacts', 'notes'));
        }
      });
      await t.git(['switch', '-q', branch]);
      expect(await rooOk(t, ['session', 'current'])).toBe(EVIL);
      const before = fingerprint(outside);
      await expectRefused(
        t,
        ['session', 'artifact', 'new', 'note', 'plan'],
        3,
        new RegExp(`\\.ruru/sessions/${EVIL}/${variant} is a symbolic link \\(to .*outside/dir`),
      );
      expect(fingerprint(outside)).toEqual(before);

      // Listing and summaries never walk into it.
      const listed = await roo(t, ['session', 'artifact', 'list']);
      expect(listed.stdout).not.toContain('private.md');
      const md = await roo(t, ['session', 'show', '--format', 'markdown']);
      expect(md.exitCode).toBe(0);
      expect(md.stdout).not.toContain('private.md');
      expect(md.stdout).not.toContain(OUTSIDE_MARK);
      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toContain(
        `.ruru/sessions/${EVIL}/${variant}:1: error symlink: \`${variant}\` is a symbolic link (to ${join(outside, variant === 'artifacts' ? 'dir' : 'dir/notes')})`,
      );
      expect(check.stdout).not.toContain(OUTSIDE_MARK);
    });
  }

  it('a linked artifact file is reported, never read', LONG, async () => {
    const { t, branch } = await hostileRepo((_t, folder, out) => {
      writeFileSync(join(folder, 'session_log.md'), v7Log({ id: EVIL, branch: `session/${EVIL}` }));
      mkdirSync(join(folder, 'artifacts', 'notes'), { recursive: true });
      symlinkSync(
        join(out, 'dir', 'notes', 'private.md'),
        join(folder, 'artifacts', 'notes', 'NOTE-x-2611260905.md'),
      );
      symlinkSync('/dev/zero', join(folder, 'artifacts', 'notes', 'NOTE-zero-2611260905.md'));
    });
    await t.git(['switch', '-q', branch]);
    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode).toBe(5);
    expect(check.stdout).toMatch(
      /NOTE-x-2611260905\.md:1: error symlink: .* is a symbolic link \(to .*private\.md\)/,
    );
    expect(check.stdout).toMatch(/NOTE-zero-2611260905\.md:1: error symlink: .* \(to \/dev\/zero\)/);
    expect(check.stdout).not.toContain(OUTSIDE_MARK);
    const md = await roo(t, ['session', 'show', '--format', 'markdown']);
    expect(md.exitCode).toBe(0);
    expect(md.stdout).not.toContain(OUTSIDE_MARK);
  });

  it(
    'a linked .ruru/templates override and a linked config are refused, not copied into a session',
    LONG,
    async () => {
      const t = await makeTempRepo();
      const secret = join(t.root, 'id_rsa');
      writeFileSync(secret, `${OUTSIDE_MARK}\n`);
      mkdirSync(join(t.dir, '.ruru', 'templates'), { recursive: true });
      symlinkSync(secret, join(t.dir, '.ruru', 'templates', 'session_log.md'));
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'teammate: templates']);
      await expectRefused(
        t,
        ['session', 'start', 'x'],
        3,
        /\.ruru\/templates\/session_log\.md is a symbolic link/,
      );

      await t.git(['rm', '-q', '-r', '.ruru/templates']);
      mkdirSync(join(t.dir, '.ruru'), { recursive: true });
      symlinkSync('/dev/zero', join(t.dir, '.ruru', 'config.toml'));
      await t.git(['add', '-A']);
      await t.git(['commit', '-q', '-m', 'teammate: config']);
      await expectRefused(
        t,
        ['session', 'start', 'x'],
        3,
        /\.ruru\/config\.toml is a symbolic link \(to \/dev\/zero\)/,
      );
      const list = await roo(t, ['session', 'list']);
      expect(list.exitCode).toBe(3);
      expect(list.stderr).toMatch(/config\.toml is a symbolic link/);
    },
  );
});

describe('bounded reads', () => {
  it(
    'a log over 8 MiB is refused by name, in the worktree and on a branch, and the others are listed',
    LONG,
    async () => {
      const big = `${v7Log({ id: EVIL, branch: `session/${EVIL}` })}${'- [2026-11-26 09:05:13] filler\n'.repeat(300_000)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(8 * 1024 * 1024);
      const { t, branch } = await hostileRepo((_t, folder) => {
        writeFileSync(join(folder, 'session_log.md'), big);
      });
      const good = await rooOk(t, ['session', 'start', 'good']);
      const all = await roo(t, ['session', 'list', '--all']);
      expect(all.exitCode).toBe(0);
      expect(all.stdout).toContain(good);
      expect(all.stdout).toMatch(/is \d+ bytes, more than the 8 MiB roo reads of one session file/);
      await expectRefused(t, ['session', 'show', EVIL], 3, /is \d+ bytes, more than the 8 MiB roo reads/);

      await t.git(['switch', '-q', branch]);
      const here = await roo(t, ['session', 'list']);
      expect(here.stdout).toMatch(/unreadable[\s\S]*more than the 8 MiB/);
      const check = await roo(t, ['session', 'check']);
      expect(check.exitCode).toBe(5);
      expect(check.stdout).toMatch(/error unreadable: session_log\.md is \d+ bytes, more than the 8 MiB/);
    },
  );
});

describe('terminal escapes and forged lines from repository content', () => {
  // ESC sequences (clear screen, OSC 52 clipboard write, OSC 8 link), a C1 CSI, a bidi override, a lone CR.
  const nasty = 'T\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\u009b31m\u202eevil\rFAKE';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
  const RAW = /[\u001b\u0007\u009b\u202e]|\r(?!\n)/;

  it('list, show, status, check, doctor and errors print no control character raw', LONG, async () => {
    const t = await makeTempRepo();
    const id = await rooOk(t, ['session', 'start', nasty]);
    await rooOk(t, ['session', 'log', `log \u001b]0;pwned\u0007 text \u202e`]);
    // A teammate's folder whose name holds a newline and an escape, committed next to it.
    const forged = 'SESSION-x\nfake.md:1: error forged \u001b[31m!';
    mkdirSync(join(t.dir, '.ruru', 'sessions', forged), { recursive: true });
    writeFileSync(join(t.dir, '.ruru', 'sessions', forged, 'session_log.md'), 'no frontmatter\n');

    const outputs: { name: string; stdout: string; stderr: string }[] = [];
    for (const args of [
      ['session', 'list'],
      ['session', 'list', '--all'],
      ['session', 'show'],
      ['session', 'show', '--format', 'markdown'],
      ['session', 'status'],
      ['session', 'current'],
      ['session', 'check'],
      ['session', 'check', '--format', 'github'],
      ['doctor'],
      ['session', 'show', 'no such \u001b[2J id'],
    ]) {
      const r = await roo(t, args);
      expectNoStack(r);
      outputs.push({ name: args.join(' '), stdout: r.stdout, stderr: r.stderr });
    }
    for (const o of outputs) {
      expect(RAW.test(o.stdout), `${o.name} stdout: ${JSON.stringify(o.stdout)}`).toBe(false);
      expect(RAW.test(o.stderr), `${o.name} stderr: ${JSON.stringify(o.stderr)}`).toBe(false);
    }
    const show = outputs.find((o) => o.name === 'session show')!;
    expect(show.stdout).toContain('T\\u001b[2J\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u009b31m\\u202eevil\\rFAKE');
    // The file itself keeps the title exactly: only the printing is escaped.
    expect(readFileSync(join(t.dir, logPath(id)), 'utf8')).toContain('title = "T\\u001b[2J\\u001b]52;c;');

    // Every line of `check` is a finding of a real file, or the forged name escaped inside one line.
    const check = outputs.find((o) => o.name === 'session check')!;
    for (const line of check.stdout.trimEnd().split('\n'))
      expect(line).toMatch(/^\.ruru\/sessions\/SESSION-/);
    expect(check.stdout).toContain(
      '.ruru/sessions/SESSION-x\\nfake.md:1: error forged \\u001b[31m!/session_log.md:1: error',
    );
    const github = outputs.find((o) => o.name === 'session check --format github')!;
    for (const line of github.stdout.trimEnd().split('\n'))
      expect(line).toMatch(/^::(error|warning) file=\.ruru\/sessions\/SESSION-/);
    expect(github.stdout).toContain(
      'file=.ruru/sessions/SESSION-x%0Afake.md%3A1%3A error forged \\u001b[31m!/session_log.md,',
    );
    // One row per session in `list`.
    const list = outputs.find((o) => o.name === 'session list')!;
    expect(list.stdout.split('\n').filter((l) => l.startsWith('SESSION-'))).toHaveLength(2);

    // JSON stays JSON with the same values.
    const json = await roo(t, ['session', 'status', '--json']);
    expect(RAW.test(json.stdout)).toBe(false);
    expect(JSON.parse(json.stdout).title).toBe(nasty);
  });
});

describe('--branch is validated before anything is touched', () => {
  for (const bad of [
    'refs/heads/x',
    'heads/x',
    '-x',
    '--orphan',
    'a..b',
    'HEAD',
    'x y',
    'a~1',
    '@{-1}',
    'x.lock',
  ]) {
    it(`refuses --branch ${JSON.stringify(bad)} (exit 2, repository byte-identical)`, LONG, async () => {
      const t = await makeTempRepo();
      const head = await rev(t, 'HEAD');
      // `--branch=<value>`: a value starting with `-` given as its own word is refused by the parser already.
      await expectRefused(t, ['session', 'start', `--branch=${bad}`, 'goal'], 2, /invalid branch name/, {
        now: at(6),
      });
      expect(await rev(t, 'HEAD')).toBe(head);
      expect(await git(t, ['branch', '--format=%(refname)'])).toBe('refs/heads/main\n');
      expect(existsSync(join(t.dir, '.ruru'))).toBe(false);
    });
  }

  it('continue refuses a session whose log names a ref or an option as its branch', LONG, async () => {
    for (const bad of ['refs/heads/main', '--orphan=x']) {
      const { t } = await hostileRepo((_t, folder) => {
        writeFileSync(join(folder, 'session_log.md'), v7Log({ id: EVIL, branch: bad, status: '⏸️ Paused' }));
      });
      const refs = await git(t, ['for-each-ref']);
      await expectRefused(
        t,
        ['session', 'continue', EVIL],
        3,
        /names the branch .* which is not a branch name git accepts/,
      );
      expect(await git(t, ['for-each-ref'])).toBe(refs);
      expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('main\n');
    }
  });

  it('a plain --branch still works', LONG, async () => {
    const t = await makeTempRepo();
    const before = await snapshot(t);
    const id = await rooOk(t, ['session', 'start', '--branch', 'feature/login', 'goal']);
    expect(before).not.toBe(await snapshot(t));
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('feature/login\n');
    expect(id).toMatch(/^SESSION-goal-/);
  });
});
