import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The workspace packages' entry points as their TypeScript sources (`@roo-session/core/journal` →
 * packages/core/src/journal/index.ts, from each package.json's `exports`): tests run and cover the sources, and a
 * module is never loaded twice (once built, once from source), so `instanceof` holds across packages.
 */
function sourceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; exports?: Record<string, unknown> };
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const built = typeof target === 'string' ? target : (target as { default?: string }).default;
      const m = /^\.\/dist\/(.+)\.js$/.exec(built ?? '');
      if (!m) continue;
      const source = resolve(root, 'packages', dir, 'src', `${m[1]}.ts`);
      const escaped = (pkg.name + sub.slice(1)).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      if (sub.includes('*')) {
        // A pattern (`"./*": "./dist/*.js"`): the subpath becomes the source file's path.
        aliases.push({
          find: new RegExp(`^${escaped.replace('\\*', '(.+)')}$`),
          replacement: source.replace('*', '$1'),
        });
      } else if (existsSync(source)) {
        aliases.push({ find: new RegExp(`^${escaped}$`), replacement: source });
      }
    }
  }
  return aliases;
}

// Two projects: fast pure unit tests beside the code, and end-to-end tests that run `roo` against real git
// repositories in temp folders, mostly in process from the sources, some as the built binary (test/helpers/tempRepo.ts).
// `npm test` builds first, then runs both.
// Timeouts are generous on purpose: they catch a hang, never slowness. On a loaded 2-core machine a test with a
// large fixture (10,000 sessions, a multi-MB log) can take many times its usual duration; no test asserts on speed
// (the benchmarks in bench/ measure that). Property tests run with a fixed fast-check seed (test/setup).
// Each project's own: an inline project does not inherit the root's `resolve`.
const sources = { alias: sourceAliases() };

export default defineConfig({
  test: {
    // `npm run coverage`: line coverage of the TypeScript sources as the tests run them in process (a spawned
    // `roo` is not seen); scripts/coverage-summary.mjs prints it per package.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
    projects: [
      {
        resolve: sources,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          environment: 'node',
          // clipanion's ESM build imports a folder (`../platform`), which Node's ESM loader refuses: let vite
          // resolve it (in-process command-line tests, packages/cli/src/help/help.test.ts).
          server: { deps: { inline: ['clipanion'] } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          setupFiles: ['test/setup/fastCheckSeed.ts'],
        },
      },
      {
        resolve: sources,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // roo runs in process (test/helpers/inProcess.ts), from its sources: clipanion as in the unit project.
          server: { deps: { inline: ['clipanion'] } },
          testTimeout: 180_000,
          hookTimeout: 180_000,
          setupFiles: ['test/setup/fastCheckSeed.ts', 'test/setup/isolateProcess.ts'],
          // Each file makes its own temp repos and runs roo in its worker or as real processes: forks isolate them
          // best (a file's modules, environment and working folder are its own).
          pool: 'forks',
        },
      },
    ],
  },
});
