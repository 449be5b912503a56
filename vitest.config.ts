import { defineConfig } from 'vitest/config';

// Two projects: fast pure unit tests beside the code, and end-to-end tests that run the built `roo` against
// real git repositories in temp folders. `npm test` builds first, then runs both.
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
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file makes its own temp repos and runs real processes: forks isolate them best.
          pool: 'forks',
        },
      },
    ],
  },
});
