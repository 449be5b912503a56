import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from '../../../test/helpers/tempRepo.js';
import { CatFileBatch, parseCommit, parseTree } from './catFileBatch.js';
import { GitRepo } from './GitRepo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

async function newRepo(): Promise<{ repo: TempRepo; git: GitRepo }> {
  const repo = await makeTempRepo();
  repos.push(repo);
  return { repo, git: await GitRepo.discover(repo.dir, repo.env) };
}

async function commitAll(repo: TempRepo, message: string): Promise<void> {
  await repo.git(['add', '-A']);
  await repo.git(['commit', '-q', '-m', message]);
}

const S = '.ruru/sessions';

describe('GitRepo.readSessionLogsFromRefs', () => {
  it('reads every session log at several ref tips without checkout, once per distinct log', async () => {
    const { repo, git } = await newRepo();
    const cafe = 'SESSION-Café_日本-2611260905';
    // Bigger than a pipe chunk, with bytes that look like cat-file headers and NULs.
    const big = `+++\nid = "big"\n+++\n${'line\n0123 blob 12\n\0'.repeat(20_000)}`;
    await repo.git(['switch', '-q', '-c', 'session/a']);
    repo.write(`${S}/SESSION-One-2611260905/session_log.md`, 'one\n');
    repo.write(`${S}/${cafe}/session_log.md`, 'café ✓\n');
    repo.write(`${S}/${cafe}/artifacts/notes/bin.dat`, '\0\x01\x02');
    repo.write(`${S}/SESSION-Big-2611260905/session_log.md`, big);
    repo.write(`${S}/README.md`, 'not a session\n');
    await commitAll(repo, 'a');
    await repo.git(['switch', '-q', '-c', 'session/b']);
    repo.write(`${S}/${cafe}/session_log.md`, 'café changed\n');
    repo.write(`${S}/SESSION-NoLog-2611260905/artifacts/notes/README.md`, 'x\n');
    repo.write(`${S}/SESSION-Link-2611260905/real.md`, 'x\n');
    symlinkSync('real.md', join(repo.dir, S, 'SESSION-Link-2611260905', 'session_log.md'));
    await commitAll(repo, 'b');
    const tipA = (await repo.git(['rev-parse', 'session/a'])).stdout.trim();

    const logs = await git.readSessionLogsFromRefs([
      'main',
      'refs/heads/session/a',
      'session/b',
      'nope',
      tipA,
    ]);
    expect(logs.map((log) => [log.id, log.ref, log.refs, log.text === big ? '<big>' : log.text])).toEqual([
      // Git's tree order: bytewise by name.
      [
        'SESSION-Big-2611260905',
        'refs/heads/session/a',
        ['refs/heads/session/a', 'session/b', tipA],
        '<big>',
      ],
      [cafe, 'refs/heads/session/a', ['refs/heads/session/a', tipA], 'café ✓\n'],
      [
        'SESSION-One-2611260905',
        'refs/heads/session/a',
        ['refs/heads/session/a', 'session/b', tipA],
        'one\n',
      ],
      [cafe, 'session/b', ['session/b'], 'café changed\n'],
    ]);
    const blob = (await repo.git(['rev-parse', `session/b:${S}/${cafe}/session_log.md`])).stdout.trim();
    expect(logs[3]?.blobSha).toBe(blob);
    expect(await git.readSessionLogsFromRefs([])).toEqual([]);
    expect(await git.readSessionLogsFromRefs(['main'])).toEqual([]);
  });

  it('handles 10,000 sessions across several refs', { timeout: 180_000 }, async () => {
    const { repo, git } = await newRepo();
    // fast-import writes the 10,000 folders in one process; a real `git add` would take seconds.
    const lines: string[] = [
      'commit refs/heads/many',
      'committer T <t@t> 1700000000 +0000',
      'data 4',
      'many',
    ];
    lines.push('from refs/heads/main');
    for (let i = 0; i < 10_000; i++) {
      const text = `log ${i}\n`;
      lines.push(
        `M 100644 inline ${S}/SESSION-N${i}-2611260905/session_log.md`,
        `data ${Buffer.byteLength(text)}`,
        text,
      );
    }
    lines.push(
      'commit refs/heads/more',
      'committer T <t@t> 1700000001 +0000',
      'data 4',
      'more',
      'from refs/heads/many',
    );
    lines.push(`M 100644 inline ${S}/SESSION-N0-2611260905/session_log.md`, 'data 8', 'changed\n', '');
    await repo.git(['fast-import', '--quiet'], { input: `${lines.join('\n')}\n` });

    const logs = await git.readSessionLogsFromRefs(['refs/heads/many', 'refs/heads/more', 'refs/heads/main']);
    expect(logs).toHaveLength(10_001);
    expect(logs.filter((log) => log.refs.length === 2)).toHaveLength(9_999);
    const n0 = logs.filter((log) => log.id === 'SESSION-N0-2611260905').map((log) => log.text);
    expect(n0).toEqual(['log 0\n', 'changed\n']);
    expect(logs.find((log) => log.id === 'SESSION-N9999-2611260905')?.text).toBe('log 9999\n');
  });
});

describe('CatFileBatch', () => {
  it('answers pipelined requests in order, binary-safe, with null for missing names', async () => {
    const { repo } = await newRepo();
    const bytes = Buffer.from([0, 10, 13, 255, 0x20, 10]);
    writeFileSync(join(repo.root, 'bytes.bin'), bytes);
    const blob = (await repo.git(['hash-object', '-w', join(repo.root, 'bytes.bin')])).stdout.trim();
    const batch = new CatFileBatch(repo.dir, repo.env);
    try {
      const [commit, missing, tree, raw, nl, spaced] = await Promise.all([
        batch.get('HEAD'),
        batch.get('refs/heads/none'),
        batch.get('HEAD^{tree}'),
        batch.get(blob),
        batch.get('a\nb'),
        batch.get('HEAD:a folder 0 blob 12'),
      ]);
      expect(spaced).toBeNull();
      expect(commit?.type).toBe('commit');
      expect(parseCommit(commit!.data).subject).toBe('initial commit');
      expect(missing).toBeNull();
      expect(nl).toBeNull();
      expect(parseTree(tree!.data, 20).map((e) => [e.mode, e.name, e.isTree])).toEqual([
        ['100644', 'README.md', false],
      ]);
      expect(raw?.size).toBe(bytes.length);
      expect(raw?.data.equals(bytes)).toBe(true);
    } finally {
      await batch.close();
      await batch.close();
    }
  });

  it('parses commit objects with multi-line headers and a folded subject', () => {
    const raw = Buffer.from(
      'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent aaaa\nparent bbbb\n' +
        'author A <a@x> 1700000000 +0100\ncommitter C D <c@x> 1700000500 -0230\n' +
        'gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\n' +
        'Merge branch x\n into y\n\nbody\n',
    );
    expect(parseCommit(raw)).toMatchObject({
      tree: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      parents: ['aaaa', 'bbbb'],
      committedAt: new Date(1700000500 * 1000),
      subject: 'Merge branch x into y',
    });
  });
});
