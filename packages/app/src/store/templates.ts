import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from './assets.js';
import { readRegularFile } from './safeFiles.js';
import type { Workspace } from './Workspace.js';

/**
 * Loads a template by file name: `.ruru/templates/<name>` in the repository overrides the one shipped in roo's
 * `templates/` folder (docs/formats.md).
 */
export function loadTemplate(ws: Workspace, name: string): string {
  const override = join(ws.ruruDir, 'templates', name);
  // Repository content: a link (to a key file, to /dev/zero) or a FIFO is refused, never copied into a session.
  if (lstatSync(override, { throwIfNoEntry: false }) !== undefined) {
    return readRegularFile(override, {
      root: ws.repo.topLevel,
      display: `.ruru/templates/${name}`,
    }).toString('utf8');
  }
  return readFileSync(join(templatesDir, name), 'utf8');
}
