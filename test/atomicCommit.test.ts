import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { at, commitAt, expectRefused, git, logPath, rev, roo, rooOk, snapshot } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// docs/git-design.md: `end` (and every roo commit) makes one commit of the session folder alone, leaves the user's index and
// worktree exactly as they were, and refuses without changing anything when the branch moves under it.

const ID = 'SESSION-Atomic_end-2611260905';
const BRANCH = `session/${ID}`;
const FOLDER = `.ruru/sessions/${ID}`;

async function sessionWithWork(): Promise<TempRepo> {
  const t = await makeTempRepo();
  await commitAt(t, 'app.txt', 'v0\n', 'app v0', at(1));
  expect(await rooOk(t, ['session', 'start', 'Atomic end'])).toBe(ID);
  await commitAt(t, 'app.txt', 'v0\nwork\n', 'session work', at(6));
  await rooOk(t, ['session', 'log', 'before the end'], { now: at(7) });
  return t;
}

/** What the user has in the index and the worktree, outside roo's folder, byte for byte. */
async function userState(t: TempRepo) {
  const [cached, unstaged, status, files] = await Promise.all([
    git(t, ['diff', '--cached', '--binary']),
    git(t, ['diff', '--binary']),
    git(t, ['status', '--porcelain=v1', '--untracked-files=all']),
    git(t, ['ls-files', '-s', '--', '.', `:(exclude)${FOLDER}`]),
  ]);
  return { cached, unstaged, status, files };
}

describe('end: one commit, the session folder only, the user index untouched', () => {
  it('keeps a staged new file, a partially staged file and an untracked file exactly as they were', async () => {
    const t = await sessionWithWork();
    // The session folder is committed first, so whatever `end` changes is its own doing.
    await rooOk(t, ['session', 'checkpoint'], { now: at(8) });
    expect(await git(t, ['status', '--porcelain', '--untracked-files=all'])).toBe('');

    t.write('new-feature.ts', 'export const staged = true;\n');
    await t.git(['add', 'new-feature.ts']);
    t.write('app.txt', 'v0\nwork\nv1 staged\n');
    await t.git(['add', 'app.txt']);
    t.write('app.txt', 'v0\nwork\nv1 staged\nv2 unstaged\n');
    t.write('scratch.log', 'untracked\n');
    const before = await userState(t);
    expect(before.status).toBe('MM app.txt\nA  new-feature.ts\n?? scratch.log\n');
    const old = await rev(t, 'HEAD');
    const refsBefore = await git(t, ['for-each-ref', '--format=%(refname) %(objectname)']);

    expect(await rooOk(t, ['session', 'end'], { now: at(9) })).toMatch(
      new RegExp(`^${ID}: completed \\([0-9a-f]{7}\\)$`),
    );

    // Exactly one new commit, child of the old tip, touching only the session folder.
    const neu = await rev(t, 'HEAD');
    expect(await git(t, ['rev-list', `${old}..${neu}`])).toBe(`${neu}\n`);
    expect(await rev(t, 'HEAD^')).toBe(old);
    expect(await git(t, ['log', '-1', '--format=%B'])).toBe(`session(${ID}): end\n\nRoo-Session: ${ID}\n\n`);
    expect(await git(t, ['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).toBe(`${ID}\n\n`);
    expect(await git(t, ['diff-tree', '--no-commit-id', '--name-only', '-r', old, neu])).toBe(
      `${logPath(ID)}\n`,
    );
    expect(await git(t, ['show', `HEAD:${logPath(ID)}`])).toBe(t.read(logPath(ID)));
    // Only the session branch moved.
    expect(await git(t, ['for-each-ref', '--format=%(refname) %(objectname)'])).toBe(
      refsBefore.replace(`refs/heads/${BRANCH} ${old}`, `refs/heads/${BRANCH} ${neu}`),
    );

    // The user's staged and unstaged changes are byte-identical; the folder is clean in the index.
    expect(await userState(t)).toEqual(before);
    expect(await git(t, ['diff', '--cached', '--name-only', '--', FOLDER])).toBe('');
    expect(t.read('app.txt')).toBe('v0\nwork\nv1 staged\nv2 unstaged\n');
    expect(await git(t, ['show', ':app.txt'])).toBe('v0\nwork\nv1 staged\n');

    // The user's next commit takes exactly what they had staged.
    await t.git(['commit', '-q', '-m', 'user commit']);
    expect(await git(t, ['show', '--name-only', '--format=', 'HEAD'])).toBe('app.txt\nnew-feature.ts\n');
    expect(await git(t, ['status', '--porcelain=v1', '--untracked-files=all'])).toBe(
      ' M app.txt\n?? scratch.log\n',
    );
  });
});

describe('a racing commit', () => {
  it('makes end refuse with exit 4: log restored byte for byte, refs as the racer left them', async () => {
    const t = await sessionWithWork();
    t.write('new-feature.ts', 'staged\n');
    await t.git(['add', 'new-feature.ts']);
    t.write('app.txt', 'v0\nwork\nunstaged\n');
    const logBefore = readFileSync(join(t.dir, logPath(ID)));
    const old = await rev(t, 'HEAD');

    // A `git` earlier on PATH, for the roo process only: when roo runs `update-ref refs/heads/…` (its
    // compare-and-swap), another commit lands on the branch first, the way a concurrent `git commit` would.
    const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
    const bin = join(t.root, 'racebin');
    mkdirSync(bin);
    const racer = join(t.root, 'racer-sha');
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh
if [ "$1" = update-ref ] && [ ! -e '${racer}' ]; then
  for a in "$@"; do
    case "$a" in
      refs/heads/*)
        tip=$('${realGit}' rev-parse "$a") &&
        new=$(echo racing commit | '${realGit}' commit-tree "$tip^{tree}" -p "$tip") &&
        '${realGit}' update-ref "$a" "$new" "$tip" && echo "$new" > '${racer}'
        break;;
    esac
  done
fi
exec '${realGit}' "$@"
`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    const before = await snapshot(t);

    const r = await roo(t, ['session', 'end'], {
      now: at(9),
      env: { PATH: `${bin}:${t.env.PATH}` },
    });
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stdout).toBe('');
    const raced = readFileSync(racer, 'utf8').trim();
    expect(r.stderr).toMatch(/^roo: HEAD moved while roo was committing; nothing was changed/);
    expect(r.stderr).toContain(`was at ${old.slice(0, 12)} and is now at ${raced.slice(0, 12)}`);
    expect(r.stderr).toMatch(/run `roo session end` again/);

    // The branch is where the racer put it, the log is back to its bytes, nothing else moved.
    expect(await rev(t, BRANCH)).toBe(raced);
    expect(await rev(t, `${raced}^`)).toBe(old);
    expect(readFileSync(join(t.dir, logPath(ID))).equals(logBefore)).toBe(true);
    const after = await snapshot(t);
    expect(after.replaceAll(raced, old)).toBe(before);
    // The session is still Active, and the next `end` goes through on top of the racer's commit.
    expect(await rooOk(t, ['session', 'current'])).toBe(ID);
    await rooOk(t, ['session', 'end'], { now: at(10) });
    expect(await rev(t, 'HEAD^')).toBe(raced);
    expect(await git(t, ['diff', '--cached', '--name-only'])).toBe('new-feature.ts\n');
    expect(await git(t, ['diff', '--name-only'])).toBe('app.txt\n');
  });
});

describe('credentials in the session folder', () => {
  it('make end refuse (exit 3, file:line) without changing anything; --allow-secrets commits', async () => {
    const t = await sessionWithWork();
    const note = await rooOk(t, ['session', 'artifact', 'new', 'note', 'creds'], { now: at(8) });
    // Built at run time so this source file holds no token-shaped string.
    const token = ['ghp', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('_');
    writeFileSync(join(t.dir, note), `${t.read(note)}token = ${token}\n`);
    const line = t.read(note).split('\n').length - 1;

    const r = await expectRefused(t, ['session', 'end'], 3, /holds a credential, so roo will not commit it/, {
      now: at(9),
    });
    expect(r.stderr).toContain(`${note}:${line}:`);
    expect(r.stderr).not.toContain(token);
    expect(r.stderr).toContain('`roo session end --allow-secrets`');

    const tip = await rev(t, 'HEAD');
    await rooOk(t, ['session', 'end', '--allow-secrets'], { now: at(10) });
    expect(await rev(t, 'HEAD^')).toBe(tip);
    expect(await git(t, ['show', `HEAD:${note}`])).toContain(token);
  });
});
