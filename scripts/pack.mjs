// `npm run pack`: after the build, writes the installable tarball of @roo-session/cli to pack/ (ignored by git) and
// prints its path. Install it with `npm install -g ./pack/roo-session-cli-<version>.tgz` (the `./` matters: npm
// reads `pack/…` as a GitHub repository). No network is needed: the package has no dependencies, as the build puts
// every module, the templates and the hook scripts in packages/cli/dist/bundle (see packages/cli/bundle.mjs). The
// tarball is what `npm pack` makes of packages/cli.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dest = join(root, 'pack');
mkdirSync(dest, { recursive: true });
// Run by `npm run`: npm_execpath is the npm that runs us (no shell needed to find it, on Windows too).
const npm = process.env.npm_execpath;
const [file, args] = npm ? [process.execPath, [npm]] : ['npm', []];
const r = spawnSync(
  file,
  [...args, 'pack', '--workspace', '@roo-session/cli', '--pack-destination', dest, '--json'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  },
);
if (r.status !== 0) {
  console.error(`npm pack failed (exit ${r.status ?? r.signal}); run \`npm run build\` and try again`);
  process.exit(1);
}
const [{ filename, size, entryCount }] = JSON.parse(r.stdout);
console.log(`${join(dest, filename)}  (${entryCount} files, ${(size / 1024).toFixed(0)} kB)`);
console.log(`install: npm install -g ./${join('pack', filename)}`);
