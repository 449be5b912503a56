import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseJournal, SessionStatus } from '@roo-session/core';
import { hooksStatus, proveCapture } from '@roo-session/git';
import { hooksDir } from '../workspace/assets.js';
import type { Workspace } from '../workspace/Workspace.js';
import { journalPath } from './journalCursor.js';

export type DoctorCheck = { name: string; ok: boolean; detail: string; fix?: string; warning?: boolean };

/**
 * `roo doctor`: proves the hooks fire in this worktree, that the journal is readable and writable, reports hook
 * errors, unreadable session logs and branch-map entries that no longer match a branch or session.
 */
export async function runDoctor(ws: Workspace, opts: { fix: boolean }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const proof = await proveCapture(ws.repo, hooksDir);
  const failing = proof.hooks.filter((h) => !h.fires);
  checks.push({
    name: 'hooks fire in this worktree',
    ok: proof.ok,
    detail: proof.ok
      ? `${proof.hooks.length} hooks reach the capture (${proof.method})`
      : failing.map((h) => `${h.name}: ${h.detail}`).join('; ') || 'the capture is not reached',
    ...(proof.fix ? { fix: proof.fix } : {}),
  });
  const st = await hooksStatus(ws.repo, hooksDir);
  for (const p of st.problems) checks.push({ name: 'hooks', ok: false, detail: p.message, fix: p.fix });
  for (const w of st.warnings) checks.push({ name: 'hooks', ok: true, warning: true, detail: w });
  checks.push({
    name: 'journal writable',
    ok: st.journal.writable,
    detail: st.journal.path,
    ...(st.journal.writable ? {} : { fix: `chmod u+w ${join(ws.repo.commonDir, 'roo')}` }),
  });
  let journalText = '';
  try {
    journalText = readFileSync(journalPath(ws), 'utf8');
  } catch {
    journalText = '';
  }
  const parsed = parseJournal(journalText);
  checks.push({
    name: 'journal readable',
    ok: true,
    warning: parsed.bad.length > 0,
    detail:
      parsed.bad.length === 0
        ? `${parsed.events.length} events`
        : `${parsed.events.length} events, ${parsed.bad.length} unreadable line(s) skipped (first: line ${parsed.bad[0]!.line}, ${parsed.bad[0]!.reason})`,
  });
  const errors = st.hookErrors.text.trim();
  checks.push({
    name: 'hook errors',
    ok: errors === '',
    detail:
      errors === ''
        ? 'none'
        : `${errors.split('\n').length} line(s) in ${st.hookErrors.path}: ${errors.split('\n').at(-1)}`,
    ...(errors === '' ? {} : { fix: `cat ${st.hookErrors.path} && rm ${st.hookErrors.path}` }),
  });
  const records = ws.store.readAll();
  const broken = records.filter((r) => r.error);
  checks.push({
    name: 'sessions parse',
    ok: broken.length === 0,
    detail:
      broken.length === 0
        ? `${records.length} session(s) in this worktree`
        : broken.map((r) => r.error!.message.split('\n')[0]).join('; '),
    ...(broken.length === 0 ? {} : { fix: 'roo session check' }),
  });
  checks.push(await checkBranchMap(ws, opts.fix));
  return checks;
}

async function checkBranchMap(ws: Workspace, fix: boolean): Promise<DoctorCheck> {
  const root = join(ws.repo.commonDir, 'roo', 'branches');
  const head = await ws.repo.head();
  const stale: string[] = [];
  let count = 0;
  for (const file of walk(root)) {
    count++;
    const branch = relative(root, file).split(sep).join('/');
    const id = readFileSync(file, 'utf8').trim();
    let ok = await ws.repo.refExists(`refs/heads/${branch}`);
    if (ok && branch === head.branch) {
      const here = ws.store.readAll().find((r) => r.id === id);
      ok = here?.doc?.meta.status === SessionStatus.Active && here.doc.meta.branch === branch;
    }
    if (!ok) {
      stale.push(`${branch} → ${id}`);
      if (fix) rmSync(file, { force: true });
    }
  }
  return {
    name: 'branch map consistent',
    ok: stale.length === 0 || fix,
    detail:
      stale.length === 0
        ? `${count} active branch mapping(s)`
        : `${fix ? 'removed' : 'stale'}: ${stale.join(', ')}`,
    ...(stale.length > 0 && !fix ? { fix: 'roo doctor --fix' } : {}),
  };
}

function* walk(dir: string): Generator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}
