import {
  type Dirent,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isAtomicWriteLeftover, parseJournal, SessionStatus, whatOf } from '@roo-session/core';
import {
  hooksStatus,
  installCaptureScript,
  listLocalBranches,
  proveCapture,
  readHead,
  refExists,
} from '@roo-session/git';
import { hooksDir } from '../store/assets.js';
import { journalPath } from '../store/journalCursor.js';
import { describeFileKind } from '../store/safeFiles.js';
import type { Workspace } from '../store/Workspace.js';

export type DoctorCheck = { name: string; ok: boolean; detail: string; fix?: string; warning?: boolean };

/**
 * `roo doctor`: proves the hooks fire in this worktree, that the journal is readable and writable, reports hook
 * errors, unreadable session logs and branch-map entries that no longer match a branch or session.
 */
export async function runDoctor(ws: Workspace, opts: { fix: boolean }): Promise<DoctorCheck[]> {
  // State first: with --fix, what it repairs (a journal folder moved aside, the capture script written again) is
  // then seen repaired by the checks below.
  const checks: DoctorCheck[] = await checkStateFiles(ws, opts.fix);
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
    // Only a regular file is read: a FIFO would block here, a folder is reported by the state check above.
    if (statSync(journalPath(ws.repo), { throwIfNoEntry: false })?.isFile()) {
      journalText = readFileSync(journalPath(ws.repo), 'utf8');
    }
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
        : broken.map((r) => whatOf(r.error)).join('; '),
    ...(broken.length === 0 ? {} : { fix: 'roo session check' }),
  });
  checks.push(await checkBranchMap(ws, opts.fix));
  return checks;
}

async function checkBranchMap(ws: Workspace, fix: boolean): Promise<DoctorCheck> {
  const root = join(ws.repo.commonDir, 'roo', 'branches');
  const head = await readHead(ws.repo);
  const stale: string[] = [];
  let count = 0;
  for (const file of walk(root)) {
    count++;
    const branch = relative(root, file).split(sep).join('/');
    const id = readFileSync(file, 'utf8').trim();
    let ok = await refExists(ws.repo, `refs/heads/${branch}`);
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

/** A file of roo's own state that is not a regular file, or a stale temp file. */
type Damage = { path: string; what: string };

/**
 * roo's own state under `<common>/roo/` as roo wrote it: the journal, the capture script, the flag files, each
 * cursor and each branch-map entry a regular file (a folder or a FIFO there makes commands fail or block), and no
 * temp file left by a killed write, there or in this worktree's session folders. With `fix`: damaged files are
 * moved aside to `<common>/roo/damaged/` (named in the output; nothing is deleted), stale temp files removed, and
 * a missing or stale capture script written again.
 */
async function checkStateFiles(ws: Workspace, fix: boolean): Promise<DoctorCheck[]> {
  const roo = join(ws.repo.commonDir, 'roo');
  const damaged: Damage[] = [];
  const notFile = (path: string, what: string) => {
    const st = lstatSync(path, { throwIfNoEntry: false });
    // A link to a regular file is someone's setup (stat follows it); anything else that is not a file is damage.
    if (st !== undefined && !st.isFile() && !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      damaged.push({ path, what: `${what} is ${describeFileKind(st)}` });
    }
  };
  notFile(join(roo, 'journal'), 'the journal');
  notFile(join(roo, 'capture.sh'), 'the capture script');
  notFile(join(roo, 'no-trailer'), 'the no-trailer flag');
  notFile(join(roo, 'hook-errors.log'), 'the hook error log');
  const cursors = join(roo, 'cursors');
  for (const e of readdirSafe(cursors)) {
    if (!e.isFile()) notFile(join(cursors, e.name), `the journal cursor of ${e.name}`);
  }
  // A folder of the branch map is fine when it holds the entries of `a/b`-style branches; it is damage when a
  // branch of that very name exists (its entry cannot be written), or when it is a FIFO or device.
  const branchesDir = join(roo, 'branches');
  const branches = new Set(await listLocalBranches(ws.repo));
  const walkMap = (dir: string) => {
    for (const e of readdirSafe(dir)) {
      const abs = join(dir, e.name);
      const branch = relative(branchesDir, abs).split(sep).join('/');
      if (e.isDirectory()) {
        if (branches.has(branch))
          damaged.push({ path: abs, what: `the branch map entry of \`${branch}\` is a folder` });
        else walkMap(abs);
      } else if (!e.isFile()) notFile(abs, `the branch map entry of \`${branch}\``);
    }
  };
  walkMap(branchesDir);

  const stale = findStaleTempFiles(ws, roo);
  const checks: DoctorCheck[] = [];
  if (fix && damaged.length > 0) {
    const aside = join(roo, 'damaged');
    mkdirSync(aside, { recursive: true });
    const stamp = ws.ctx.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const moved: string[] = [];
    for (const d of damaged) {
      const name = `${relative(roo, d.path).split(sep).join('%2F')}.${stamp}`;
      let target = join(aside, name);
      for (let n = 2; lstatSync(target, { throwIfNoEntry: false }) !== undefined; n++)
        target = join(aside, `${name}.${n}`);
      renameSync(d.path, target);
      moved.push(`${d.path} → ${target}`);
    }
    checks.push({ name: 'roo state files', ok: true, detail: `moved aside: ${moved.join(', ')}` });
  } else {
    checks.push({
      name: 'roo state files',
      ok: damaged.length === 0,
      detail:
        damaged.length === 0
          ? `regular files under ${roo}`
          : damaged.map((d) => `${d.what} (${d.path})`).join('; '),
      ...(damaged.length === 0 ? {} : { fix: 'roo doctor --fix' }),
    });
  }
  if (fix && stale.length > 0) {
    for (const file of stale) rmSync(file, { force: true });
    checks.push({ name: 'temp files', ok: true, detail: `removed: ${stale.join(', ')}` });
  } else {
    checks.push({
      name: 'temp files',
      ok: stale.length === 0,
      detail:
        stale.length === 0
          ? 'none left by interrupted writes'
          : `left by interrupted writes (never committed): ${stale.join(', ')}`,
      ...(stale.length === 0 ? {} : { fix: 'roo doctor --fix' }),
    });
  }
  // The capture script is roo's own file: with --fix it is written again when it is missing or stale (after a
  // damaged one was moved aside above). Hook files are `roo hooks install`'s business (reported by hooksStatus).
  if (fix) {
    const change = installCaptureScript(ws.repo, hooksDir);
    if (change.action !== 'unchanged') {
      checks.push({ name: 'capture script', ok: true, detail: `${change.action}: ${change.file}` });
    }
  }
  return checks;
}

/**
 * Temp files of writes that were killed before their rename (write-file-atomic's `<file>.<n>`), in this
 * worktree's session folders (links never followed) and under `<common>/roo/`. Only files older than a minute: a
 * younger one may belong to a roo command running right now.
 */
function findStaleTempFiles(ws: Workspace, roo: string): string[] {
  const found: string[] = [];
  const cutoff = ws.ctx.now().getTime() - 60_000;
  const walkDir = (dir: string, skip?: string) => {
    for (const e of readdirSafe(dir)) {
      const abs = join(dir, e.name);
      if (abs === skip) continue;
      if (e.isDirectory()) walkDir(abs, skip);
      else if (e.isFile() && isAtomicWriteLeftover(e.name)) {
        const st = lstatSync(abs, { throwIfNoEntry: false });
        if (st !== undefined && st.mtimeMs < cutoff) found.push(abs);
      }
    }
  };
  for (const id of ws.store.listIds()) walkDir(ws.sessionDir(id));
  walkDir(roo, join(roo, 'damaged'));
  return found.sort();
}

function readdirSafe(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
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
