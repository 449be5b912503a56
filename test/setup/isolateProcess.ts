import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// roo runs inside the test worker (test/helpers/inProcess.ts). Every run gets its own environment, but as a safety
// net the worker's own HOME and git configuration point at an empty temp folder too: nothing that slips past the
// context (a git process started without the context's environment, say) can read or write the developer's git
// setup. Local time is the process's: UTC, as every test environment says (test/helpers/tempRepo.ts).
// Inherited ROO_* and GIT_* variables (tests run from a hook, a crash point set by hand) are the worker's no more:
// `ROO_TEST_CRASH` in particular is read from the process (packages/git/src/crashPoint.ts) and would kill it.
for (const key of Object.keys(process.env)) {
  if (key.startsWith('ROO_') || key.startsWith('GIT_')) delete process.env[key];
}
const home = mkdtempSync(join(tmpdir(), 'roo-worker-'));
mkdirSync(join(home, '.config'));
writeFileSync(join(home, '.gitconfig'), '');
Object.assign(process.env, {
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
  GIT_CONFIG_NOSYSTEM: '1',
  TZ: 'UTC',
});
afterAll(() => rmSync(home, { recursive: true, force: true }));
