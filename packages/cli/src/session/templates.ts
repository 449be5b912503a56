import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../workspace/assets.js';
import type { Workspace } from '../workspace/Workspace.js';

/**
 * Loads a template by file name: `.ruru/templates/<name>` in the repository overrides the one shipped in roo's
 * `templates/` folder (SPEC 1.1).
 */
export function loadTemplate(ws: Workspace, name: string): string {
  const override = join(ws.ruruDir, 'templates', name);
  if (existsSync(override)) return readFileSync(override, 'utf8');
  return readFileSync(join(templatesDir, name), 'utf8');
}
