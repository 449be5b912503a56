import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding roo's `templates/` and `hooks/`, found from this module's own file by walking up: the top of
 * the checkout (their source) when roo runs from `src/` (vitest) or from tsc's `packages/app/dist/store/`;
 * `dist/bundle/` when it runs from the CLI's bundle, in the checkout or as an installed `@roo-session/cli` (the
 * build copies both folders there, packages/cli/bundle.mjs).
 */
export const rooHome: string = (() => {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'templates')) && existsSync(join(dir, 'hooks'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(
    `roo cannot find its templates/ and hooks/ folders: neither is beside ${start} or the folders above it; ` +
      'reinstall roo (`npm install -g @roo-session/cli`)',
  );
})();

export const templatesDir = join(rooHome, 'templates');
export const hooksDir = join(rooHome, 'hooks');
