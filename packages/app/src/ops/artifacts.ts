import { copyFileSync, existsSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  artifactEntry,
  artifactTemplateName,
  assertTakesEntries,
  makeArtifactPath,
  renderArtifact,
  resolveArtifactType,
  UnsafePathError,
  UsageError,
} from '@roo-session/core';
import { writeTextAtomic } from '../store/fsio.js';
import type { LoadedSession } from '../store/SessionStore.js';
import { loadTemplate } from '../store/templates.js';
import type { Workspace } from '../store/Workspace.js';
import { recordEntry } from './recordEntry.js';

export type NewArtifact = {
  type: string;
  description: string;
  ext?: string;
  fromFile?: string;
  /** The file's content instead of the template (the MCP server's `artifact` tool). */
  content?: string;
};

/**
 * `roo session artifact new`: a file under `artifacts/<folder>/`, from the type's template or `--from-file`,
 * listed in `related_artifacts` and logged. Names are checked before anything is written: nothing may land
 * outside the session folder, and an existing file is never overwritten.
 */
export async function createArtifact(ws: Workspace, s: LoadedSession, a: NewArtifact): Promise<string> {
  assertTakesEntries(s.id, s.doc.meta.status);
  const type = resolveArtifactType(a.type, ws.config.artifactDirs);
  const now = ws.ctx.now();
  const rel = makeArtifactPath(type, a.description, now, a.ext ?? 'md');
  const sessionDir = ws.sessionDir(s.id);
  const target = resolve(sessionDir, rel);
  if (!target.startsWith(sessionDir + sep)) {
    throw new UnsafePathError({
      what: `artifact path \`${rel}\` would leave the session folder; nothing was written`,
      next: 'roo session artifact new <type> <plain words>',
    });
  }
  if (existsSync(target)) {
    throw new UsageError({
      what: `${relative(ws.repo.topLevel, target)} already exists; roo never overwrites an artifact`,
      next: 'roo session artifact new <type> <description>',
      hint: 'with another description, or edit that file',
    });
  }
  let source: string | undefined;
  if (a.fromFile !== undefined) {
    source = isAbsolute(a.fromFile) ? a.fromFile : resolve(ws.ctx.cwd, a.fromFile);
    if (!existsSync(source) || !statSync(source).isFile()) {
      throw new UsageError({
        what: `--from-file ${a.fromFile}: no such file`,
        next: 'roo session artifact new <type> --from-file <path> <description>',
        hint: 'with the path of a readable file',
      });
    }
  }
  ws.store.assertWritable(s.id);
  if (a.content !== undefined) writeTextAtomic(target, a.content);
  else if (source !== undefined) {
    writeTextAtomic(target, '');
    copyFileSync(source, target);
  } else if ((a.ext ?? 'md') === 'md') {
    writeTextAtomic(
      target,
      renderArtifact(loadTemplate(ws, artifactTemplateName(type)), {
        sessionId: s.id,
        type,
        description: a.description,
        date: now,
      }),
    );
  } else writeTextAtomic(target, '');
  try {
    await recordEntry(ws, s, {
      entry: artifactEntry(rel, type.typeWord),
      type: 'artifact',
      artifacts: [rel],
    });
  } catch (error) {
    // The journal could not take it: leave no orphan file behind.
    rmSync(target, { force: true });
    throw error;
  }
  return relative(ws.repo.topLevel, target).split(sep).join('/');
}

export type ArtifactItem = { path: string; type: string; exists: boolean; related: boolean };

/** Every artifact file of a session plus the `related_artifacts` entries whose file is missing. */
export function listArtifacts(ws: Workspace, s: LoadedSession): ArtifactItem[] {
  const dir = ws.sessionDir(s.id);
  const related = new Set(s.doc.meta.relatedArtifacts);
  const found: ArtifactItem[] = [];
  const seen = new Set<string>();
  const walk = (abs: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((x, y) => x.name.localeCompare(y.name))) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'README.md') {
        const rel = relative(dir, p).split(sep).join('/');
        seen.add(rel);
        found.push({ path: rel, type: rel.split('/')[1] ?? '', exists: true, related: related.has(rel) });
      }
    }
  };
  // An `artifacts` folder that is a link is not walked: its names are of files outside the session folder.
  if (lstatSync(join(dir, 'artifacts'), { throwIfNoEntry: false })?.isDirectory())
    walk(join(dir, 'artifacts'));
  for (const rel of related) {
    if (!seen.has(rel))
      found.push({ path: rel, type: rel.split('/')[1] ?? '', exists: false, related: true });
  }
  return found;
}
