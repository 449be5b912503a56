import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AmbiguousSessionIdError,
  parseSessionLog,
  resolveSessionId,
  type SessionCandidate,
} from '@roo-session/core';
import { CatFileBatch } from '@roo-session/git';
import { describe, expect, it } from 'vitest';
import { sessionLogsAtRefs } from '../../../../test/helpers/sessionLogsAtRefs.js';
import { makeTempRepo, type TempRepo } from '../../../../test/helpers/tempRepo.js';
import type { AppContext } from '../context.js';
import { type BlobReader, RefSessions } from './remoteSessions.js';
import { resolveSessionQuery } from './resolveSessionQuery.js';
import { Workspace } from './Workspace.js';

const S = '.ruru/sessions';

function log(id: string, title: string, extra = ''): string {
  return `+++\nid = "${id}"\ntitle = "${title}"\nstatus = "⏸️ Paused"\nbranch = "session/${id}"\n${extra}+++\n\n# Session Log\n`;
}

function writeBytes(t: TempRepo, rel: string, bytes: string | Buffer): void {
  mkdirSync(dirname(join(t.dir, rel)), { recursive: true });
  writeFileSync(join(t.dir, rel), bytes);
}

async function commitAll(t: TempRepo, message: string): Promise<void> {
  await t.git(['add', '-A']);
  await t.git(['commit', '-q', '-m', message]);
}

/**
 * Sessions on main (worktree), on two branches and on remote-tracking refs, with the cases ID resolution has to
 * get right: copies with other titles, folders without a log, a log that is not UTF-8 and one that is not TOML,
 * folder names whose git tree order differs from JavaScript's, a plain ref named HEAD, and more than enough
 * logs for titles to go through the frontmatter cache.
 */
async function trickyRepo(): Promise<TempRepo> {
  const t = await makeTempRepo();
  t.write(`${S}/SESSION-A/session_log.md`, log('SESSION-A', 'Alpha widget'));
  t.write(`${S}/SESSION-B/session_log.md`, log('SESSION-B', 'Beta'));
  t.write(`${S}/SESSION-Café-1/session_log.md`, log('SESSION-Café-1', 'Ünïcode Straße'));
  t.write(`${S}/SESSION-NoLog/notes.md`, 'no log here\n');
  t.write(`${S}/SESSION-Legacy/session_log.md`, log('SESSION-Other', 'Legacy widget, id differs'));
  for (let n = 0; n < 80; n++) {
    t.write(`${S}/SESSION-Fill-${n}/session_log.md`, log(`SESSION-Fill-${n}`, `Filler ${n} widget`));
  }
  await commitAll(t, 'main sessions');
  await t.git(['switch', '-q', '-c', 'feat1']);
  t.write(`${S}/SESSION-B/session_log.md`, log('SESSION-B', 'Beta renamed gamma'));
  t.write(`${S}/SESSION-D/session_log.md`, log('SESSION-D', 'Delta widget'));
  await commitAll(t, 'feat1');
  await t.git(['switch', '-q', '-c', 'feat2', 'main']);
  writeBytes(
    t,
    `${S}/SESSION-E/session_log.md`,
    Buffer.concat([
      Buffer.from('+++\nid = "SESSION-E"\ntitle = "Eps'),
      Buffer.from([0xff]),
      Buffer.from(' zeta"\n+++\n'),
    ]),
  );
  t.write(`${S}/SESSION-F/session_log.md`, '+++\nid = "SESSION-F\ntitle = "Phi zeta"\n+++\n');
  t.write(`${S}/SESSION-A-b/session_log.md`, log('SESSION-A-b', 'A dash b'));
  t.write(`${S}/SESSION-Ärger/session_log.md`, log('SESSION-Ärger', 'Umlaut zeta'));
  t.write(`${S}/SESSION-Zeta/session_log.md`, log('SESSION-Zeta', 'Zeta proper'));
  t.write(`${S}/SESSION-B/session_log.md`, log('SESSION-B', 'Beta on feat2 zeta'));
  await commitAll(t, 'feat2');
  // First in ref order, but not the most common sessions tree: its changed folders come last in its list.
  await t.git(['switch', '-q', '-c', 'aaa', 'main']);
  t.write(`${S}/SESSION-A/session_log.md`, log('SESSION-A', 'Alpha on aaa'));
  await commitAll(t, 'aaa');
  await t.git(['switch', '-q', '-c', 'hidden', 'main']);
  t.write(`${S}/SESSION-G/session_log.md`, log('SESSION-G', 'Only under a ref named HEAD'));
  await commitAll(t, 'hidden');
  await t.git(['switch', '-q', 'main']);
  await t.git(['update-ref', 'refs/remotes/up/HEAD', 'hidden']);
  await t.git(['branch', '-q', '-D', 'hidden']);
  await t.git(['update-ref', 'refs/remotes/origin/feat2', 'feat2']);
  await t.git(['update-ref', 'refs/remotes/origin/feat1', 'feat1']);
  await t.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feat2']);
  return t;
}

async function openWorkspace(t: TempRepo): Promise<Workspace> {
  const ctx: AppContext = {
    env: t.env,
    cwd: t.dir,
    now: () => new Date('2026-11-26T09:05:00Z'),
    note: () => {},
  };
  return Workspace.open(ctx);
}

/** What resolution saw before RefSessions: every log on every ref, parsed (the former `findSessionsOnRefs`). */
async function everyLogParsed(
  ws: Workspace,
): Promise<(SessionCandidate & { ref: string; isReadable: boolean })[]> {
  return (await sessionLogsAtRefs(ws.repo.topLevel, { ...ws.repo.env })).map((l) => {
    const at = { id: l.id, ref: l.ref };
    try {
      return { ...at, title: parseSessionLog(l.text, 'session_log.md').meta.title, isReadable: true };
    } catch {
      return { ...at, title: '', isReadable: false };
    }
  });
}

function outcome(resolve: () => string): string {
  try {
    return `id ${resolve()}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function asyncOutcome(resolve: () => Promise<string>): Promise<string> {
  try {
    return `id ${await resolve()}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** A BlobReader that records what it is asked for. */
function recordingReader(ws: Workspace, asked: string[][]): BlobReader {
  return async (shas) => {
    asked.push([...shas]);
    const out = new Map<string, Buffer>();
    const batch = new CatFileBatch(ws.repo);
    try {
      for (const sha of shas) {
        const object = await batch.get(sha);
        if (object !== null) out.set(sha, object.data);
      }
    } finally {
      await batch.close();
    }
    return out;
  };
}

const QUERIES = [
  'SESSION-A',
  'alpha',
  'SESSION-A-',
  'SESSION-B',
  'SESSION-D',
  'SESSION-E',
  'SESSION-G',
  'SESSION-NoLog',
  'SESSION-Legacy',
  'SESSION-Other',
  'SESSION-Fill-7',
  'SESSION-Fill-',
  'SESSION-',
  'SESSION-Z',
  'SESSION-Ä',
  '  SESSION-D  ',
  'widget',
  'delta',
  'gamma',
  'zeta',
  'eps',
  'phi',
  'straße',
  'ÜNÏ',
  'legacy',
  'nolog',
  'filler 42',
  'nothing at all',
  '',
];

describe('RefSessions + resolveSessionQuery', () => {
  it('resolve every query exactly as parsing every log on every ref did', async () => {
    const t = await trickyRepo();
    const ws = await openWorkspace(t);
    const parsed = await everyLogParsed(ws);
    const local = ws.store.readAll().map((r) => ({ id: r.id, title: r.doc?.meta.title ?? '' }));
    const refs = await RefSessions.read(ws.repo);
    for (const q of QUERIES) {
      // `continue`: this worktree's sessions, then every branch's.
      expect(await asyncOutcome(() => resolveSessionQuery(q, [ws.store.idSource(), refs])), q).toBe(
        outcome(() => resolveSessionId(q, [...local, ...parsed])),
      );
      // The hint, and the worktree alone.
      expect(await asyncOutcome(() => resolveSessionQuery(q, [refs])), q).toBe(
        outcome(() => resolveSessionId(q, parsed)),
      );
      expect(await asyncOutcome(() => resolveSessionQuery(q, [ws.store.idSource()])), q).toBe(
        outcome(() => resolveSessionId(q, local)),
      );
    }
    for (const id of new Set(parsed.map((p) => p.id))) {
      expect(refs.firstRef(id), id).toBe(parsed.find((p) => p.id === id)?.ref);
      const copies = await refs.copiesOf(id);
      expect(
        copies.map((c) => [c.ref, c.title, c.error === undefined]),
        id,
      ).toEqual(parsed.filter((p) => p.id === id).map((p) => [p.ref, p.title, p.isReadable]));
    }
    expect(refs.has('SESSION-G')).toBe(false);
    expect(refs.has('SESSION-NoLog')).toBe(false);
  });

  it('read no log for an exact ID or a unique prefix, and only the listed ones when a prefix is ambiguous', async () => {
    const t = await trickyRepo();
    const ws = await openWorkspace(t);
    const asked: string[][] = [];
    const refs = await RefSessions.read(ws.repo, recordingReader(ws, asked));
    const blobOf = async (ref: string, id: string) =>
      (await t.git(['rev-parse', `${ref}:${S}/${id}/session_log.md`])).stdout.trim();

    expect(await resolveSessionQuery('SESSION-D', [refs])).toBe('SESSION-D');
    expect(await resolveSessionQuery('SESSION-Zet', [refs])).toBe('SESSION-Zeta');
    expect(asked).toEqual([]);

    await expect(resolveSessionQuery('SESSION-A', [ws.store.idSource(), refs])).resolves.toBe('SESSION-A');
    await expect(resolveSessionQuery('SESSION-Ä', [refs])).resolves.toBe('SESSION-Ärger');
    expect(asked).toEqual([]);

    // 80 IDs start with SESSION-Fil: the titles of the 20 an ambiguity error lists are read, no other.
    const error = await resolveSessionQuery('SESSION-Fil', [refs]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousSessionIdError);
    const listed = (error as AmbiguousSessionIdError).candidates.slice(0, 20);
    expect(listed[1]).toBe('SESSION-Fill-1');
    expect(asked).toEqual([await Promise.all(listed.map((id) => blobOf('main', id)))]);

    // The copies of one session: its distinct logs only.
    asked.length = 0;
    const copies = await refs.copiesOf('SESSION-B');
    expect(copies.map((c) => [c.ref, c.title])).toEqual([
      ['refs/heads/aaa', 'Beta'],
      ['refs/heads/feat1', 'Beta renamed gamma'],
      ['refs/heads/feat2', 'Beta on feat2 zeta'],
    ]);
    // main's copy is aaa's (the same blob): read once, under the first ref that holds it.
    expect(asked).toEqual([
      [
        await blobOf('main', 'SESSION-B'),
        await blobOf('feat1', 'SESSION-B'),
        await blobOf('feat2', 'SESSION-B'),
      ],
    ]);
  });
});
