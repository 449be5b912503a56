import { defineConfig } from 'vitest/config';

// Two projects: fast pure unit tests beside the code, and end-to-end tests that run the built `roo` against
// real git repositories in temp folders. `npm test` builds first, then runs both.
// Timeouts are generous on purpose: they catch a hang, never slowness. On a loaded 2-core machine a test with a
// large fixture (10,000 sessions, a multi-MB log) can take many times its usual duration; no test asserts on speed
// (the benchmarks in bench/ measure that). Property tests run with a fixed fast-check seed (test/setup).
export default defineConfig({
  test: {
    projects: [
      {
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
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          setupFiles: ['test/setup/fastCheckSeed.ts'],
          // Each file makes its own temp repos and runs real processes: forks isolate them best.
          pool: 'forks',
        },
      },
    ],
  },
});
