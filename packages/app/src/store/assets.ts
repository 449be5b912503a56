import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The roo checkout this CLI runs from: `templates/` and `hooks/` ship beside the packages, so the built file
 * `packages/app/dist/store/assets.js` finds them four levels up.
 */
export const rooHome: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'templates')) && existsSync(join(dir, 'hooks'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('roo cannot find its templates/ and hooks/ folders next to its packages');
})();

export const templatesDir = join(rooHome, 'templates');
export const hooksDir = join(rooHome, 'hooks');
