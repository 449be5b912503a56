import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import {
  checkSession,
  type Finding,
  parseSessionLog,
  type SessionLogDoc,
  UsageError,
} from '@roo-session/core';
import { readUtf8 } from '../workspace/fsio.js';
import type { Workspace } from '../workspace/Workspace.js';
import { scanFolderForSecrets } from './secretScan.js';

/**
 * Runs `checkSession` over the chosen folders: each path may be a session folder, a file inside one, or a folder
 * holding session folders (`.ruru/sessions`). No paths: every session of this worktree. Also reports credentials.
 */
export async function checkSessions(
  ws: Workspace,
  paths: readonly string[],
): Promise<{ checked: number; findings: Finding[] }> {
  const folders = new Set<string>();
  if (paths.length === 0) for (const id of ws.store.listIds()) folders.add(ws.sessionDir(id));
  for (const p of paths) {
    const abs = resolve(ws.ctx.cwd, p);
    if (!existsSync(abs)) {
      throw new UsageError(
        `${p}: no such file or folder\nrun \`roo session check\` with session folders, or with no arguments`,
      );
    }
    const dir = statSync(abs).isDirectory() ? abs : resolve(abs, '..');
    if (existsSync(join(dir, 'session_log.md'))) folders.add(dir);
    else {
      const owner = findSessionFolder(dir);
      if (owner) folders.add(owner);
      else {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) folders.add(join(dir, e.name));
        }
      }
    }
  }
  const findings: Finding[] = [];
  for (const dir of [...folders].sort()) {
    const folder = basename(dir);
    const folderPath = relative(ws.repo.topLevel, dir).split(sep).join('/');
    let doc: SessionLogDoc | undefined;
    let error: Error | undefined;
    try {
      doc = parseSessionLog(readUtf8(join(dir, 'session_log.md')), `${folderPath}/session_log.md`);
    } catch (e) {
      error = e as Error;
    }
    findings.push(
      ...checkSession({ folder, folderPath, doc, error, exists: (rel) => existsSync(join(dir, rel)) }),
    );
    if (ws.config.secretScan) {
      for (const s of await scanFolderForSecrets(dir, ws.repo.topLevel)) {
        findings.push({
          severity: 'error',
          file: s.file,
          line: s.line,
          rule: 'secret',
          message: `${s.ruleId}: ${s.message}`,
        });
      }
    }
  }
  return { checked: folders.size, findings };
}

function findSessionFolder(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'session_log.md'))) return d;
    const up = resolve(d, '..');
    if (up === d) break;
    d = up;
  }
  return undefined;
}

/** A finding as a text line (`file:line: error rule: message`) or a GitHub Actions annotation. */
export function formatFinding(f: Finding, format: 'text' | 'github'): string {
  if (format === 'github') {
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
    return `::${f.severity} file=${prop(f.file)},line=${f.line},title=${prop(`roo ${f.rule}`)}::${esc(f.message)}`;
  }
  return `${f.file}:${f.line}: ${f.severity} ${f.rule}: ${f.message}`;
}
