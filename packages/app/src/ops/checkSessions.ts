import {
  type Dirent,
  existsSync,
  lstatSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import {
  checkSession,
  decodeUtf8,
  type Finding,
  parseSessionLog,
  RooError,
  type SessionFolderFacts,
  type SessionLogDoc,
  sortFindings,
  UnsafeFileError,
  UsageError,
} from '@roo-session/core';
import {
  resolveCommitish,
  sessionFoldersChangedInWorktree,
  sessionFoldersChangedSince,
} from '@roo-session/git';
import { maskPaths, scanFolderForSecrets } from '../scan/secretScan.js';
import { describeFileKind, readRegularFile } from '../store/safeFiles.js';
import type { Workspace } from '../store/Workspace.js';
import { findArtifactFrontmatterProblems, listArtifactFiles } from './artifactFrontmatter.js';

/** What `roo session check` found. */
export type CheckResult = {
  /** The session folders checked, relative to the repository root. */
  sessions: string[];
  findings: Finding[];
};

/**
 * Runs the checks over the chosen session folders: each path may be a session folder, a file inside one, or the
 * sessions folder (every session in it); no paths: every session of this worktree. `changedSince` keeps only the
 * sessions touched since that ref (`git diff <ref>...HEAD`) or changed in the working tree. Adds the secret scan
 * (config `secretScan`) to core's `checkSession`.
 */
export async function checkSessions(
  ws: Workspace,
  paths: readonly string[],
  opts: { changedSince?: string } = {},
): Promise<CheckResult> {
  let folders =
    paths.length === 0 ? ws.store.listIds().map((id) => ws.sessionDir(id)) : resolveTargets(ws, paths);
  if (opts.changedSince !== undefined) {
    const since = await resolveCommitish(ws.repo, opts.changedSince, '--changed-since');
    const [committed, uncommitted] = await Promise.all([
      sessionFoldersChangedSince(ws.repo, since),
      sessionFoldersChangedInWorktree(ws.repo),
    ]);
    const touched = new Set([...committed, ...uncommitted].map((id) => ws.sessionDir(id)));
    // A folder the range deleted is gone from the worktree: nothing left to check.
    folders = folders.filter((dir) => touched.has(dir));
  }
  const unique = [...new Set(folders)].sort();
  const findings: Finding[] = paths.length === 0 ? linksAboveSessions(ws) : [];
  for (const dir of unique) findings.push(...(await checkFolder(ws, dir)));
  return {
    sessions: unique.map((dir) => toRepoRelative(ws, dir)),
    findings: sortFindings(findings),
  };
}

async function checkFolder(ws: Workspace, dir: string): Promise<Finding[]> {
  const folder = basename(dir);
  const folderPath = toRepoRelative(ws, dir);
  const logFile = `${folderPath}/session_log.md`;
  let doc: SessionLogDoc | undefined;
  let error: SessionFolderFacts['error'];
  try {
    const bytes = readRegularFile(join(dir, 'session_log.md'), { root: ws.repo.topLevel, display: logFile });
    doc = parseSessionLog(decodeUtf8(bytes, logFile), logFile);
  } catch (e) {
    error =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? { what: 'the folder has no session_log.md' }
        : e instanceof UnsafeFileError
          ? { what: `session_log.md ${e.detail}` }
          : e instanceof RooError
            ? e
            : { what: e instanceof Error ? e.message : String(e) };
  }
  const artifactFiles = listArtifactFiles(dir);
  const entries = walkFolder(dir);
  const findings = checkSession({
    folder,
    folderPath,
    ...(doc ? { doc } : {}),
    ...(error ? { error } : {}),
    exists: (rel) => existsSync(join(dir, rel)),
    artifactFiles,
    artifactErrors: await findArtifactFrontmatterProblems(dir, artifactFiles),
    // The log's own problem is reported once, as the log's.
    unsafeEntries: entries.unsafe.filter((e) => !(error && e.path === 'session_log.md')),
    files: entries.files,
  });
  if (ws.config.secretScan) {
    const scan = await scanFolderForSecrets(dir, ws.repo.topLevel);
    for (const s of scan.findings) {
      findings.push({
        severity: 'error',
        file: maskPaths(s.file, scan.maskedSegments),
        line: Math.max(1, s.line),
        rule: 'secret',
        message: `${s.ruleId}: ${s.message} (remove it; \`secretScan = false\` in .ruru/config.toml turns the scan off)`,
      });
    }
  }
  return findings;
}

/**
 * Links where session folders live: `.ruru` or `.ruru/sessions` itself (then no session is read at all), or an
 * entry of `.ruru/sessions` (a session folder that is a link is never read).
 */
function linksAboveSessions(ws: Workspace): Finding[] {
  const found: Finding[] = [];
  const report = (abs: string) => {
    let target = '?';
    try {
      target = readlinkSync(abs);
    } catch {}
    const file = toRepoRelative(ws, abs);
    found.push({
      severity: 'error',
      file,
      line: 1,
      rule: 'symlink',
      message: `\`${file}\` is a symbolic link (to ${target}); roo never follows it (replace it with a folder, or \`git rm\` it)`,
    });
  };
  for (const abs of [ws.ruruDir, ws.sessionsDir]) {
    if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
      report(abs);
      return found;
    }
  }
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(ws.sessionsDir, { withFileTypes: true });
  } catch {}
  for (const e of entries) if (e.isSymbolicLink()) report(join(ws.sessionsDir, e.name));
  return found;
}

/**
 * Every entry of a session folder, without following links: its regular files, and the entries roo will not read
 * (symbolic links, FIFOs, devices, sockets) with what each is. A folder that is a link is one such entry: roo does
 * not look inside.
 */
function walkFolder(dir: string): { files: string[]; unsafe: { path: string; detail: string }[] } {
  const files: string[] = [];
  const unsafe: { path: string; detail: string }[] = [];
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel === '' ? dir : join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) files.push(child);
      else if (e.isSymbolicLink()) {
        let target = '?';
        try {
          target = readlinkSync(join(dir, child));
        } catch {}
        unsafe.push({ path: child, detail: `is a symbolic link (to ${target})` });
      } else {
        const st = lstatSync(join(dir, child), { throwIfNoEntry: false });
        unsafe.push({ path: child, detail: `is ${st ? describeFileKind(st) : 'not a regular file'}` });
      }
    }
  };
  walk('');
  return { files: files.sort(), unsafe: unsafe.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/** Session folders named by command-line paths (relative to the cwd). */
function resolveTargets(ws: Workspace, paths: readonly string[]): string[] {
  const folders: string[] = [];
  for (const p of paths) {
    const given = resolve(ws.ctx.cwd, p);
    if (!existsSync(given)) {
      throw new UsageError({
        what: `${p}: no such file or folder`,
        next: 'roo session check',
        hint: 'with session folders (.ruru/sessions/<ID>), or with no arguments',
      });
    }
    // git reports the worktree's real path; the cwd may come through a symlink (macOS /tmp).
    const abs = realpathSync(given);
    const isDir = statSync(abs).isDirectory();
    if (isDir && (abs === ws.sessionsDir || abs === ws.ruruDir)) {
      for (const id of ws.store.listIds()) folders.push(ws.sessionDir(id));
      continue;
    }
    const owner = sessionFolderOf(ws, isDir ? abs : dirname(abs));
    if (owner === undefined) {
      throw new UsageError({
        what: `${p} is not a session folder nor inside one`,
        next: 'roo session check .ruru/sessions/<ID>',
        hint: ', or `roo session check` for every session',
      });
    }
    folders.push(owner);
  }
  return folders;
}

/** The session folder holding `dir`: a child of `.ruru/sessions`, or the nearest folder with a session_log.md. */
function sessionFolderOf(ws: Workspace, dir: string): string | undefined {
  let d = dir;
  for (;;) {
    if (dirname(d) === ws.sessionsDir || existsSync(join(d, 'session_log.md'))) return d;
    const up = dirname(d);
    if (up === d || !`${up}${sep}`.startsWith(`${ws.repo.topLevel}${sep}`)) return undefined;
    d = up;
  }
}

function toRepoRelative(ws: Workspace, abs: string): string {
  return relative(ws.repo.topLevel, abs).split(sep).join('/');
}
