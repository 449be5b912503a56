import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// docs/journal.md "The log describes the branch as it is": after every history change, the log's commit lines
// (`c:` and `m:` keys) are exactly the session branch's first-parent commits after its start commit, minus roo's
// own, with their current SHAs; and one entry says what happened. Real git, real hooks, the built `roo`.

type Flow = {
  t: TempRepo;
  id: string;
  branch: string;
  roo(args: string[], opts?: { cwd?: string }): Promise<string>;
  /** Commits one new file in `cwd` (hooks on unless `env` turns them off); returns the new HEAD. */
  commit(message: string, opts?: { cwd?: string; env?: Record<string, string> }): Promise<string>;
  git(args: string[], opts?: { cwd?: string; env?: Record<string, string> }): Promise<string>;
  head(cwd?: string): Promise<string>;
};

async function flow(): Promise<Flow> {
  const t = await makeTempRepo();
  const roo = async (args: string[], opts: { cwd?: string } = {}) => {
    const r = await t.roo(args, opts);
    if (r.exitCode !== 0) throw new Error(`roo ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r.stdout;
  };
  await roo(['init']);
  await t.git(['add', '-A']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  const id = (await roo(['session', 'start', 'Keep the log true'])).trim();
  let n = 0;
  const f: Flow = {
    t,
    id,
    branch: `session/${id}`,
    roo,
    async git(args, opts = {}) {
      return (await t.git(args, opts)).stdout;
    },
    async commit(message, opts = {}) {
      const cwd = opts.cwd ?? t.dir;
      const file = `work-${++n}-${message.replace(/\W+/g, '_')}.txt`;
      writeFileSync(join(cwd, file), `${message}\n`);
      await t.git(['add', '--', file], { cwd, ...(opts.env ? { env: opts.env } : {}) });
      await t.git(['commit', '-q', '-m', message], { cwd, ...(opts.env ? { env: opts.env } : {}) });
      return f.head(cwd);
    },
    async head(cwd) {
      return (await t.git(['rev-parse', 'HEAD'], cwd ? { cwd } : {})).stdout.trim();
    },
  };
  return f;
}

type Shown = { lines: string[]; texts: string[]; json: Record<string, unknown> };

/** `roo session show <ID> --format json`: the SHAs of its commit and merge lines, and every entry's text. */
async function show(f: Flow, opts: { cwd?: string } = {}): Promise<Shown> {
  const json = JSON.parse(await f.roo(['session', 'show', '--session', f.id, '--format', 'json'], opts));
  const entries = json.entries as { text: string; key: string | null }[];
  const lines = entries.flatMap((e) =>
    e.key?.startsWith('c:') || e.key?.startsWith('m:') ? [e.key.slice(2)] : [],
  );
  return { lines, texts: entries.map((e) => e.text), json };
}

/**
 * `git rev-list --first-parent` of `branch` after the session's start commit, minus roo's own commits (subject
 * `session(<ID>): …` with the `Roo-Session: <ID>` trailer), oldest first.
 */
async function truth(f: Flow, branch = f.branch, cwd = f.t.dir): Promise<string[]> {
  const start = (
    await f.git(['log', '--format=%H', '--fixed-strings', `--grep=session(${f.id}): start`, branch], { cwd })
  )
    .trim()
    .split('\n')[0]!;
  expect(start).toMatch(/^[0-9a-f]{40}$/);
  const revs = (await f.git(['rev-list', '--first-parent', '--reverse', `${start}..${branch}`], { cwd }))
    .trim()
    .split('\n')
    .filter((sha) => sha !== '');
  const own: string[] = [];
  for (const sha of revs) {
    const subject = (await f.git(['log', '-1', '--format=%s', sha], { cwd })).trim();
    const trailers = (
      await f.git(['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly,separator=%x2C)', sha], {
        cwd,
      })
    ).trim();
    if (!(subject.startsWith(`session(${f.id}): `) && trailers.split(',').includes(f.id))) own.push(sha);
  }
  return own;
}

const short = (sha: string) => `\`${sha.slice(0, 7)}\``;
const sorted = (list: readonly string[]) => [...list].sort();

/** The log's commit lines are the branch, each once. */
function expectTrue(shown: Shown, expected: readonly string[]): void {
  expect(new Set(shown.lines).size, 'no commit listed twice').toBe(shown.lines.length);
  expect(sorted(shown.lines)).toEqual(sorted(expected));
}

const HOOKS_OFF = { ROO_HOOKS: '0' };

/** `git rebase -i` with the todo list edited by `sed` (no terminal). */
async function rebaseInteractive(f: Flow, onto: string, sed: string, env: Record<string, string> = {}) {
  const editor = join(f.t.root, 'todo.sh');
  writeFileSync(editor, `#!/bin/sh\nsed -i -e '${sed}' "$1"\n`, { mode: 0o755 });
  await f.git(['rebase', '-q', '-i', onto], { env: { GIT_SEQUENCE_EDITOR: editor, ...env } });
}

async function startCommit(f: Flow): Promise<string> {
  return (await f.git(['log', '--format=%H', '--fixed-strings', `--grep=session(${f.id}): start`, f.branch]))
    .trim()
    .split('\n')[0]!;
}

describe('the log describes the branch as it is', () => {
  it('rebase -i drop: the dropped line goes, "Dropped 1 commit `x` (rebase)"', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    const b = await f.commit('add b');
    await f.commit('add c');
    await f.roo(['session', 'checkpoint']);
    expect((await show(f)).lines).toContain(b);
    // todo: a, b, c, checkpoint: drop b.
    await rebaseInteractive(f, await startCommit(f), '2s/^pick/drop/');
    const after = await truth(f);
    expect(after).not.toContain(b);
    expect(after).toContain(a);
    const shown = await show(f);
    expectTrue(shown, after);
    expect(shown.texts).toContain(`Dropped 1 commit ${short(b)} (rebase)`);
    expect(shown.texts).toContain('Rewrote 1 commit (rebase)');
    // Written and folded again: the same.
    await f.roo(['session', 'checkpoint']);
    const again = await show(f);
    expectTrue(again, after);
    expect(again.texts.filter((t) => t.startsWith('Dropped'))).toHaveLength(1);
  });

  it.each(['keep', 'soft', 'mixed'])(
    'reset --%s past a checkpoint: "Branch reset: 2 commits dropped"',
    async (mode) => {
      const f = await flow();
      await f.commit('add a');
      await f.commit('add b');
      await f.roo(['session', 'checkpoint']);
      const c = await f.commit('add c');
      const d = await f.commit('add d');
      await f.roo(['session', 'checkpoint']);
      expect((await show(f)).lines).toEqual(expect.arrayContaining([c, d]));
      // The checkpoint's index update leaves the folder's stat data stale, which `reset --keep` (unlike `status`)
      // does not refresh: refreshed here, as this test is about the log, not the index.
      await f.git(['update-index', '-q', '--refresh'], { env: {} }).catch(() => undefined);
      // HEAD~3: before the checkpoint, d and c.
      await f.git(['reset', '-q', `--${mode}`, 'HEAD~3']);
      const after = await truth(f);
      expect(after).toHaveLength(2);
      const shown = await show(f);
      expectTrue(shown, after);
      expect(shown.texts).toContain(`Branch reset: 2 commits dropped (${short(c)}, ${short(d)})`);
      expect(shown.texts.join('\n')).not.toContain('(from history)');
    },
  );

  it('reset --hard past a checkpoint and back: commits the hooks saw are not "(from history)"', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    const b = await f.commit('add b');
    await f.roo(['session', 'checkpoint']);
    // Back to b: the log in the tree is the first checkpoint's (a only); b's hook line is before the cursor.
    await f.git(['reset', '-q', '--hard', 'HEAD~1']);
    expect(await f.head()).toBe(b);
    const shown = await show(f);
    expectTrue(shown, await truth(f));
    expect(shown.lines).toEqual([a, b]);
    expect(shown.texts.join('\n')).not.toContain('(from history)');
    expect(shown.texts.join('\n')).not.toMatch(/Dropped|Branch reset/);
    await f.git(['reset', '-q', '--hard', 'ORIG_HEAD']);
    const back = await show(f);
    expectTrue(back, await truth(f));
    expect(back.texts.join('\n')).not.toContain('(from history)');
    // Folded into the file and committed from the older log: still no "(from history)".
    await f.git(['reset', '-q', '--hard', 'HEAD~1']);
    await f.roo(['session', 'checkpoint']);
    const log = f.t.read(`.ruru/sessions/${f.id}/session_log.md`);
    expect(log).toContain(`roo:c:${b}`);
    expect(log).not.toContain('(from history)');
  });

  it('amend with hooks off (ROO_HOOKS=0): one line, new SHA, "Rewrote 1 commit (found in history)"', async () => {
    const f = await flow();
    await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    const b = await f.commit('add b');
    expect((await show(f)).lines).toContain(b);
    await f.git(['commit', '-q', '--amend', '-m', 'add b, better'], { env: HOOKS_OFF });
    const b2 = await f.head();
    const after = await truth(f);
    expect(after).toContain(b2);
    const shown = await show(f);
    expectTrue(shown, after);
    expect(shown.texts).toContain('Rewrote 1 commit (found in history)');
    expect(shown.texts.join('\n')).not.toMatch(/Dropped|Branch reset/);
  });

  it('rebase with hooks off (ROO_HOOKS=0): the logged lines follow, "Rewrote 2 commits (found in history)"', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    const b = await f.commit('add b');
    await f.roo(['session', 'checkpoint']);
    await f.git(['switch', '-q', 'main']);
    await f.commit('main moves');
    await f.git(['switch', '-q', f.branch]);
    await f.git(['rebase', '-q', 'main'], { env: HOOKS_OFF });
    const after = await truth(f);
    expect(after).toHaveLength(2);
    expect(after).not.toContain(a);
    expect(after).not.toContain(b);
    const shown = await show(f);
    expectTrue(shown, after);
    expect(shown.texts).toContain('Rewrote 2 commits (found in history)');
    expect(shown.texts.join('\n')).not.toMatch(/Dropped|Branch reset/);
  });

  it("a teammate's force-push, fetched with reset --hard: the work is listed once, under the new SHA", async () => {
    const f = await flow();
    const remote = join(f.t.root, 'remote.git');
    await f.git(['init', '-q', '--bare', remote]);
    await f.git(['remote', 'add', 'origin', remote]);
    await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    const c = await f.commit('add c');
    await f.git(['push', '-q', '-u', 'origin', f.branch]);
    expect((await show(f)).lines).toContain(c);

    const mate = join(f.t.root, 'mate');
    await f.git(['clone', '-q', '-b', f.branch, remote, mate]);
    await f.git(['commit', '-q', '--amend', '-m', 'add c (teammate reworded)'], { cwd: mate });
    await f.git(['push', '-q', '--force', 'origin', f.branch], { cwd: mate });
    const c2 = await f.head(mate);

    await f.git(['fetch', '-q', 'origin']);
    await f.git(['reset', '-q', '--hard', `origin/${f.branch}`]);
    expect(await f.head()).toBe(c2);
    const after = await truth(f);
    const shown = await show(f);
    expectTrue(shown, after);
    expect(shown.lines).toContain(c2);
    expect(shown.lines).not.toContain(c);
    expect(shown.texts).toContain('Rewrote 1 commit (found in history)');
  });

  it('git branch -m keeps the session: current, sync, sync --session, checkpoint, continue', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    const renamed = 'feature/keep-log-true';
    await f.git(['branch', '-m', f.branch, renamed]);
    const b = await f.commit('add b');
    expect((await f.roo(['session', 'current'])).trim()).toBe(f.id);
    await f.roo(['session', 'sync', '--session', f.id]);
    await f.roo(['session', 'sync']);
    const shown = await show(f);
    expectTrue(shown, await truth(f, renamed));
    expect(shown.lines).toEqual([a, b]);
    expect((shown.json as { branch: string }).branch).toBe(renamed);
    const common = (await f.git(['rev-parse', '--git-common-dir'])).trim();
    const mapDir = join(f.t.dir, common, 'roo', 'branches');
    expect(readFileSync(join(mapDir, renamed), 'utf8').trim()).toBe(f.id);
    expect(existsSync(join(mapDir, f.branch))).toBe(false);
    await f.roo(['session', 'checkpoint']);
    const committed = await f.git(['show', `HEAD:.ruru/sessions/${f.id}/session_log.md`]);
    expect(committed).toContain(`branch = "${renamed}"`);
    expect(committed).toContain(`roo:c:${b}`);
    await f.git(['switch', '-q', 'main']);
    await f.roo(['session', 'continue', f.id]);
    expect((await f.git(['symbolic-ref', '--short', 'HEAD'])).trim()).toBe(renamed);
    expectTrue(await show(f), await truth(f, renamed));
  });

  it("a user's commit titled `session(api): …` is work; only roo's own commits are skipped", async () => {
    const f = await flow();
    const api = await f.commit('session(api): add the endpoint');
    // The hook gave it this session's trailer, as it does every commit on the branch.
    expect((await f.git(['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).trim()).toBe(f.id);
    await f.roo(['session', 'checkpoint']);
    const shown = await show(f);
    expectTrue(shown, await truth(f));
    expect(shown.lines).toEqual([api]);
    expect(shown.texts).toContain(`Commit ${short(api)} on \`${f.branch}\`: session(api): add the endpoint`);
  });

  it('a fast-forward merge is one "Merged `topic` into `branch` (2 commits)" entry', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    await f.git(['switch', '-q', '-c', 'topic']);
    const t1 = await f.commit('topic one');
    const t2 = await f.commit('topic two');
    await f.git(['switch', '-q', f.branch]);
    await f.git(['merge', '-q', '--ff-only', 'topic']);
    expect(await f.head()).toBe(t2);
    const shown = await show(f);
    const branch = await truth(f);
    expect(branch).toEqual([a, t1, t2]);
    expectTrue(shown, [a]);
    expect(shown.texts).toContain(`Merged \`topic\` into \`${f.branch}\` (2 commits)`);
    await f.roo(['session', 'checkpoint']);
    const again = await show(f);
    expectTrue(again, [a]);
    expect(again.texts.filter((t) => t.startsWith('Merged'))).toHaveLength(1);
  });

  it('a fast-forward pull is one "Fast-forwarded `branch` to `x` (2 commits)" entry', async () => {
    const f = await flow();
    const remote = join(f.t.root, 'remote.git');
    await f.git(['init', '-q', '--bare', remote]);
    await f.git(['remote', 'add', 'origin', remote]);
    const a = await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    await f.git(['push', '-q', '-u', 'origin', f.branch]);
    const mate = join(f.t.root, 'mate');
    await f.git(['clone', '-q', '-b', f.branch, remote, mate]);
    await f.commit('mate one', { cwd: mate });
    const m2 = await f.commit('mate two', { cwd: mate });
    await f.git(['push', '-q', 'origin', f.branch], { cwd: mate });
    await f.git(['pull', '-q', '--ff-only']);
    expect(await f.head()).toBe(m2);
    const branch = await truth(f);
    expect(branch).toHaveLength(3);
    const shown = await show(f);
    expectTrue(shown, [a]);
    expect(shown.texts).toContain(`Fast-forwarded \`${f.branch}\` to ${short(m2)} (2 commits)`);
    expect(shown.texts.join('\n')).not.toContain('(from history)');
  });

  it('show --session from another worktree and from another branch lists the session commits', async () => {
    const f = await flow();
    await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    await f.commit('add b');
    const wt = join(f.t.root, 'wt2');
    await f.git(['worktree', 'add', '-q', wt, 'main']);
    const there = await show(f, { cwd: wt });
    const expected = await truth(f);
    expect(expected).toHaveLength(2);
    expectTrue(there, expected);
    await f.git(['switch', '-q', '-c', 'elsewhere', 'main']);
    expectTrue(await show(f), expected);
  });

  it('show --pr counts only session work: a merge from main is not "not in the log yet"', async () => {
    const f = await flow();
    const a = await f.commit('add a');
    await f.roo(['session', 'checkpoint']);
    await f.git(['switch', '-q', 'main']);
    await f.commit('main moves');
    await f.git(['switch', '-q', f.branch]);
    await f.git(['merge', '-q', '--no-ff', '--no-edit', 'main']);
    const merge = await f.head();
    // The hook gave the merge this session's trailer: without the fix it would count as work.
    expect((await f.git(['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)'])).trim()).toBe(f.id);
    const pr = JSON.parse(await f.roo(['session', 'show', '--pr', '--base', 'main', '--format', 'json']));
    const session = (pr.sessions as { id: string; commits: { sha: string; source: string }[] }[]).find(
      (s) => s.id === f.id,
    )!;
    const work = (await truth(f)).filter((sha) => sha !== merge);
    expect(work).toEqual([a]);
    expect(session.commits.map((c) => c.sha)).toEqual(work);
    expect(session.commits.filter((c) => c.source === 'range')).toEqual([]);
  });
});
