import { describe, expect, it } from 'vitest';
import { SessionStatus } from '../status.js';
import {
  type CopyLocation,
  copyMetaOf,
  mergeSessionCopies,
  type SessionCopy,
  unreadableCopyMeta,
} from './mergeSessionCopies.js';

const ID = 'SESSION-Fix_login-2611260905';
const BRANCH = `session/${ID}`;

const meta = (status: SessionStatus, endTime = '', extra: { title?: string; startTime?: string } = {}) =>
  copyMetaOf({
    id: ID,
    title: extra.title ?? 'Fix login',
    status,
    statusRaw: status,
    branch: BRANCH,
    startTime: extra.startTime ?? '2026-11-26T09:05:12+00:00',
    endTime,
  });
const worktree = (branch: string | null): CopyLocation => ({
  location: 'worktree',
  kind: 'worktree',
  branch,
  tipMs: null,
});
const local = (name: string, tipMs = 0): CopyLocation => ({
  location: name,
  kind: 'local',
  branch: name,
  tipMs,
});
const remote = (name: string, tipMs = 0): CopyLocation => ({
  location: `origin/${name}`,
  kind: 'remote',
  branch: name,
  tipMs,
});
const copy = (m: ReturnType<typeof meta>, ...locations: CopyLocation[]): SessionCopy => ({
  id: ID,
  meta: m,
  locations,
});

describe('mergeSessionCopies', () => {
  it('one content in many places is one row, not diverged', () => {
    const [row] = mergeSessionCopies([
      copy(meta(SessionStatus.Active), remote('main'), worktree('main'), local('main')),
    ]);
    expect(row).toMatchObject({
      id: ID,
      status: SessionStatus.Active,
      locations: ['worktree', 'main', 'origin/main'],
      diverged: false,
    });
    expect(row?.copies).toBeUndefined();
  });

  it('a finished copy beats an open one wherever it lives', () => {
    const [row] = mergeSessionCopies([
      copy(meta(SessionStatus.Active), worktree(BRANCH)),
      copy(meta(SessionStatus.Completed, '2026-11-26T10:00:00+00:00'), remote(BRANCH, 5)),
    ]);
    expect(row).toMatchObject({
      newest: `origin/${BRANCH}`,
      status: SessionStatus.Completed,
      diverged: true,
    });
    expect(row?.copies?.map((c) => c.status)).toEqual([SessionStatus.Completed, SessionStatus.Active]);
  });

  it('between finished copies the later end_time wins', () => {
    const [row] = mergeSessionCopies([
      copy(meta(SessionStatus.Completed, '2026-11-26T10:00:00+00:00'), local(BRANCH, 9)),
      copy(meta(SessionStatus.Error, '2026-11-27T10:00:00+00:00'), local('main', 1)),
    ]);
    expect(row?.newest).toBe('main');
  });

  it("an open copy on the session's own branch beats a snapshot on main, and the worktree beats a commit", () => {
    const onMain = copy(
      meta(SessionStatus.Paused, '2026-11-26T10:00:00+00:00'),
      local('main', 99),
      worktree('main'),
    );
    const onOwn = copy(meta(SessionStatus.Active), local(BRANCH, 1));
    expect(mergeSessionCopies([onMain, onOwn])[0]?.newest).toBe(BRANCH);
    const live = copy(meta(SessionStatus.Active, '', { title: 'edited' }), worktree(BRANCH));
    expect(mergeSessionCopies([onOwn, live])[0]).toMatchObject({ newest: 'worktree', title: 'edited' });
  });

  it('then the newer tip, then local before remote', () => {
    const a = copy(meta(SessionStatus.Active), remote(BRANCH, 5));
    const b = copy(meta(SessionStatus.Active, '', { title: 'b' }), local(BRANCH, 3));
    expect(mergeSessionCopies([a, b])[0]?.newest).toBe(`origin/${BRANCH}`);
    const c = copy(meta(SessionStatus.Active, '', { title: 'c' }), local(BRANCH, 5));
    expect(mergeSessionCopies([a, c])[0]?.newest).toBe(BRANCH);
  });

  it('a readable copy beats an unreadable one; an unreadable session is still listed', () => {
    const bad = { id: ID, meta: unreadableCopyMeta(ID, 'x:3: invalid TOML'), locations: [worktree(BRANCH)] };
    expect(
      mergeSessionCopies([bad, copy(meta(SessionStatus.Active), remote(BRANCH))])[0]?.error,
    ).toBeUndefined();
    expect(mergeSessionCopies([bad])[0]).toMatchObject({
      id: ID,
      error: 'x:3: invalid TOML',
      status: undefined,
    });
  });

  it('sorts newest session first, undated last, then by ID', () => {
    const at = (id: string, startTime: string): SessionCopy => ({
      id,
      meta: { ...meta(SessionStatus.Active, '', { startTime }), id },
      locations: [worktree(null)],
    });
    const rows = mergeSessionCopies([
      at('B', ''),
      at('OLD', '2025-01-01 10:00:00'),
      at('A', ''),
      at('NEW', '2026-01-01T10:00:00Z'),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['NEW', 'OLD', 'A', 'B']);
  });
});
