import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
} from './helpers/session.js';
import { makeTempRepo, projectRoot, type TempRepo } from './helpers/tempRepo.js';

// docs/commands.md: unusual but honest input is stored exactly; input that cannot be honoured gets exit 2/3, an error that
// names the problem and the next command, and leaves every file and ref as it was.

async function temp(options: { empty?: boolean; bare?: boolean } = {}): Promise<TempRepo> {
  const t = await makeTempRepo(options);
  return t;
}

/** Every path under `dir` named `name` (to prove a `touch` never ran anywhere). */
function findNamed(dir: string, name: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.name === name) hits.push(p);
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') walk(p);
    }
  };
  walk(dir);
  return hits;
}

describe('goals are stored verbatim, never interpreted', () => {
  it('accepts shell metacharacters, a 10 kB goal, and newlines, quotes and backslashes', async () => {
    const t = await temp();
    const cwdBefore = readdirSync(projectRoot).sort();

    // Shell metacharacters: nothing runs, the ID is sanitised, the title is the goal exactly.
    const hostile = '$(touch pwned); rm -rf ~';
    const id1 = await rooOk(t, ['session', 'start', hostile]);
    expect(id1).toBe('SESSION-touch_pwned_rm_-rf-2611260905');
    expect(findNamed(t.root, 'pwned')).toEqual([]);
    expect(readdirSync(projectRoot).sort()).toEqual(cwdBefore);
    expect(existsSync(t.env.HOME!)).toBe(true);
    expect(existsSync(join(t.env.HOME!, '.gitconfig'))).toBe(true);
    const log1 = t.read(logPath(id1));
    expect(frontmatter(log1).title).toBe(hostile);
    expect(log1).toContain(`Session initiated by \`roo-cli\` with goal: "${hostile}"`);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe(`session/${id1}\n`);

    // 10 kB of non-ASCII text: a short, valid ID; the whole goal in the title.
    const long = 'Überprüfe die Ratenbegrenzung für Anmeldungen – schnell! '.repeat(180);
    expect(Buffer.byteLength(long)).toBeGreaterThan(10_000);
    const id2 = await rooOk(t, ['session', 'start', long], { now: at(6) });
    expect(id2).toBe('SESSION-Uberprufe_die_Ratenbegrenzung_fur_Anmeldungen-2611260906');
    expect(id2.length).toBeLessThanOrEqual('SESSION-'.length + 48 + '-2611260906'.length);
    await t.git(['check-ref-format', '--branch', `session/${id2}`]);
    expect(frontmatter(t.read(logPath(id2))).title).toBe(long);

    // Newlines, both quotes, backslashes, a tab: the title round-trips and the log stays valid.
    const tricky = 'line one\n"double" and \'single\'\n C:\\path\\to\\x \\" \\n\ttab """ \'\'\' ]]';
    const id3 = await rooOk(t, ['session', 'start', tricky], { now: at(7) });
    expect(id3).toMatch(/^SESSION-line_one_double_and_single_C_path_to_x_n_tab-2611260907$/);
    await rooOk(t, ['session', 'log', 'after', 'the', 'tricky', 'goal'], { now: at(8) });
    await rooOk(t, ['session', 'artifact', 'new', 'note', 'still', 'fine'], { now: at(8) });
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const log3 = `${await rooOk(t, ['session', 'show'], { now: at(8) })}\n`;
    const fm = frontmatter(log3);
    expect(fm.title).toBe(tricky);
    expect(fm.related_artifacts).toEqual(['artifacts/notes/NOTE-still_fine-2611260908.md']);
    expect(log3).toMatch(/\n- \[2026-11-26 09:08:00\] after the tricky goal <!-- roo:j:[0-9a-z.-]+ -->\n/);
    expect(JSON.parse(await rooOk(t, ['session', 'show', '--format', 'json'], { now: at(8) })).title).toBe(
      tricky,
    );
    await rooOk(t, ['session', 'checkpoint'], { now: at(9) });
    expect(frontmatter(await git(t, ['show', `HEAD:${logPath(id3)}`])).title).toBe(tricky);

    // All three are valid session folders.
    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stderr).toBe('roo: checked 3 sessions: 0 errors, 0 warnings\n');
  });
});

describe('input that cannot be honoured changes nothing', () => {
  it('bad artifact names and types, IDs, flags and values: exit 2', async () => {
    const t = await temp();
    const login = await rooOk(t, ['session', 'start', '--here', 'Fix login']);
    await t.git(['switch', '-q', '-c', 'other']);
    await rooOk(t, ['session', 'start', '--here', 'Fix logout'], { now: at(6) });
    // Both folders are in this worktree; uncommitted work too, which must survive every refusal.
    t.write('wip.txt', 'work in progress\n');
    t.write('README.md', '# scratch, edited\n');

    for (const desc of ['../../x', '..', 'a/../../b']) {
      await expectRefused(t, ['session', 'artifact', 'new', 'note', desc], 2, /leave the session folder/);
    }
    const unknownType = await expectRefused(
      t,
      ['session', 'artifact', 'new', 'bogus', 'plan'],
      2,
      /unknown artifact type `bogus`/,
    );
    for (const type of ['note', 'learning', 'research', 'blocker', 'snippet', 'deferred']) {
      expect(unknownType.stderr).toContain(type);
    }
    await expectRefused(
      t,
      ['session', 'artifact', 'new', 'note', '--from-file', join(t.root, 'missing.txt'), 'plan'],
      2,
      /missing\.txt: no such file/,
    );
    await expectRefused(t, ['session', 'task', 'link', 'TASK-../../etc'], 2, /TASK-\.\.\/\.\.\/etc/);

    // Ambiguous and unknown IDs, for show and continue, and through ROO_SESSION_ID.
    for (const cmd of ['show', 'continue']) {
      const amb = await expectRefused(
        t,
        ['session', cmd, 'Fix'],
        2,
        /session `Fix` is ambiguous: 2 sessions match/,
        {
          // The ambiguity message comes from packages/core (resolveSessionId) and names no backticked command.
          next: /run the command again with one of the IDs above/,
        },
      );
      expect(amb.stderr).toContain(`  ${login}  Fix login\n`);
      expect(amb.stderr).toContain('  SESSION-Fix_logout-2611260906  Fix logout\n');
      await expectRefused(t, ['session', cmd, 'nope'], 2, /no session matches `nope`/);
    }
    await expectRefused(t, ['session', 'log', 'x'], 2, /no session matches `nope`/, {
      env: { ROO_SESSION_ID: 'nope' },
    });

    // Unknown flag, bad enum values, flags that do not go together.
    await expectRefused(t, ['session', 'start', '--bogus', 'x'], 2, /Unsupported option name \("--bogus"\)/);
    await expectRefused(t, ['session', 'log', '--type', 'bad', 'x'], 2, /Invalid value for --type/);
    await expectRefused(
      t,
      ['session', 'list', '--status', 'sleeping'],
      2,
      /--status sleeping is not a session status/,
    );
    await expectRefused(t, ['session', 'show', '--format', 'pdf'], 2, /Invalid value for --format/);
    await expectRefused(t, ['session', 'start', '--here', '--branch', 'b', 'x'], 2, /do not go together/);
    await expectRefused(t, ['session', 'frobnicate'], 2, /`roo session frobnicate` is not a command/);
  });

  it('a malformed or non-UTF-8 log: exit 2 with file and line; list and check go on', async () => {
    const t = await temp();
    const id = await rooOk(t, ['session', 'start', 'Broken log']);
    const file = join(t.dir, logPath(id));
    const good = readFileSync(file, 'utf8');
    const broken = good.replace(/^status = "🟢 Active"/m, 'status = "🟢 Active');
    const line = good.split('\n').findIndex((l) => l.startsWith('status = ')) + 1;
    expect(line).toBeGreaterThan(1);
    writeFileSync(file, broken);

    const where = new RegExp(`${logPath(id).replaceAll('.', '\\.')}:${line}: invalid TOML`);
    await expectRefused(t, ['session', 'show', id], 2, where);
    await expectRefused(t, ['session', 'log', '--session', id, 'x'], 2, where);
    // Without an ID the branch's (unreadable) session is still the one named.
    await expectRefused(t, ['session', 'log', 'x'], 2, where);
    await expectRefused(t, ['session', 'end'], 2, where);
    const list = await roo(t, ['session', 'list']);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain(`${id}  unreadable`);
    expect(list.stdout).toMatch(where);
    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode).toBe(5);
    expect(check.stdout).toMatch(new RegExp(`${logPath(id).replaceAll('.', '\\.')}:${line}: error`));

    // Invalid UTF-8: refused, never "repaired" with U+FFFD.
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(good.replace('## Goal', '## Go')), Buffer.from([0xff, 0xfe, 0x0a])]),
    );
    const bytes = readFileSync(file);
    await expectRefused(t, ['session', 'log', '--session', id, 'x'], 2, /is not valid UTF-8/);
    await expectRefused(t, ['session', 'show', id], 2, /is not valid UTF-8/);
    await expectRefused(t, ['session', 'checkpoint', id], 2, /is not valid UTF-8/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect((await roo(t, ['session', 'check'])).exitCode).toBe(5);
  });

  it('a bad config value is exit 2; an unknown key is a warning', async () => {
    const t = await temp();
    t.write('.ruru/config.toml', 'branchPrefix = 42\n');
    // The message teaches with a correct line rather than a command.
    const example = { next: /e\.g\. `branchPrefix = "session\/"`/ };
    await expectRefused(
      t,
      ['session', 'start', 'x'],
      2,
      /config\.toml: `branchPrefix` must be a string.*\nseen: 42\n/,
      example,
    );
    await expectRefused(t, ['session', 'list'], 2, /config\.toml: `branchPrefix`/, example);
    t.write('.ruru/config.toml', 'secretScan = "yes please"\n');
    await expectRefused(t, ['session', 'start', 'x'], 2, /`secretScan` must be/, {
      next: /e\.g\. `secretScan = /,
    });
    t.write('.ruru/config.toml', 'branchPrefix = "work/"\ncolour = "blue"\n');
    const r = await roo(t, ['session', 'start', 'Config ok']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^roo: warning: .*colour/);
    expect(await git(t, ['symbolic-ref', '--short', 'HEAD'])).toBe('work/SESSION-Config_ok-2611260905\n');
  });

  it('a read-only .ruru/ (owner-write bit off, even for root): exit 3', async () => {
    const t = await temp();
    const id = await rooOk(t, ['session', 'start', 'Read only']);
    const ruru = join(t.dir, '.ruru');
    chmodSync(ruru, 0o555);
    try {
      expect(statSync(ruru).mode & 0o777).toBe(0o555);
      // An entry goes to the journal under .git, not into .ruru/: it is taken, and .ruru/ stays as it was.
      const before = t.read(logPath(id));
      expect(await rooOk(t, ['session', 'log', 'x'])).toBe(`logged to ${id}`);
      expect(t.read(logPath(id))).toBe(before);
      expect(await git(t, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
      await expectRefused(t, ['session', 'artifact', 'new', 'note', 'plan'], 3, /read-only/);
      await expectRefused(t, ['session', 'end'], 3, /read-only/);
      await expectRefused(t, ['session', 'start', 'Another'], 3, /read-only/);
      chmodSync(ruru, 0o755);
      chmodSync(join(ruru, 'sessions', id), 0o555);
      await expectRefused(t, ['session', 'pause'], 3, new RegExp(`${id} is read-only`));
    } finally {
      chmodSync(ruru, 0o755);
      chmodSync(join(ruru, 'sessions', id), 0o755);
    }
    await rooOk(t, ['session', 'end']);
  });
});

describe('repositories where a session cannot be started or committed', () => {
  it('no commits, bare, not a repository, detached HEAD with --here: exit 3', async () => {
    const empty = await temp({ empty: true });
    await expectRefused(empty, ['session', 'start', 'x'], 3, /no commits yet/);
    const none = await roo(empty, ['session', 'current']);
    expect(none.exitCode).toBe(3);

    const bare = await temp({ bare: true });
    await expectRefused(bare, ['session', 'start', 'x'], 3, /bare/);
    await expectRefused(bare, ['session', 'list'], 3, /bare/);

    const plain = join(bare.root, 'plain', 'sub');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'file.txt'), 'not a repo\n');
    await expectRefused(bare, ['session', 'start', 'x'], 3, /not a git repository|not inside a git/i, {
      cwd: plain,
      snapshotDir: join(bare.root, 'plain'),
    });
    await expectRefused(bare, ['init'], 3, /not a git repository|not inside a git/i, {
      cwd: plain,
      snapshotDir: join(bare.root, 'plain'),
    });

    const t = await temp();
    await t.git(['switch', '-q', '--detach']);
    await expectRefused(t, ['session', 'start', '--here', 'x'], 3, /HEAD is detached/);
  });

  it('a merge or a rebase in progress: start, checkpoint and end exit 3', async () => {
    const t = await temp();
    const id = await rooOk(t, ['session', 'start', 'Conflicts']);
    const branch = `session/${id}`;
    await commitAt(t, 'README.md', '# session side\n', 'session edit', at(6));
    await t.git(['switch', '-q', 'main']);
    await commitAt(t, 'README.md', '# main side\n', 'main edit', at(6));
    await t.git(['switch', '-q', branch]);
    await rooOk(t, ['session', 'log', 'uncommitted entry'], { now: at(7) });

    const merge = await t.git(['merge', 'main'], { reject: false });
    expect(merge.exitCode).toBe(1);
    expect(await git(t, ['status', '--porcelain'])).toContain('UU README.md');
    for (const cmd of ['checkpoint', 'end', 'pause']) {
      await expectRefused(t, ['session', cmd], 3, /a merge is in progress/, { now: at(8) });
    }
    await expectRefused(t, ['session', 'start', 'y'], 3, /a merge is in progress.*\n.*`git merge --abort`/);
    await t.git(['merge', '--abort']);

    // A stopped rebase detaches HEAD; the session branch is named in rebase-merge/head-name. The entry logged
    // above left the tree clean, so git rebases without a stash.
    expect(await git(t, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    const rebase = await t.git(['rebase', 'main'], { reject: false });
    expect(rebase.exitCode).toBe(1);
    expect(existsSync(join(t.dir, '.git', 'rebase-merge'))).toBe(true);
    for (const args of [['checkpoint'], ['end'], ['checkpoint', id], ['start', 'z'], ['continue', id]]) {
      await expectRefused(t, ['session', ...args], 3, /a rebase is in progress.*\n.*`git rebase --abort`/, {
        now: at(8),
      });
    }
    await t.git(['rebase', '--abort']);
    expect(await rev(t, 'HEAD')).toBe(await rev(t, branch));
    await rooOk(t, ['session', 'end'], { now: at(9) });
  });
});
