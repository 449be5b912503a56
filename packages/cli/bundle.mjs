// Bundles the compiled CLI into one ESM file. `roo session current` must start within 1.5x of a bare `node`
// (SPEC 6); resolving and linking ~100 separate modules costs more than that, one file does not.
// secretlint stays external: it is loaded lazily, only by the commands that scan.
import { build } from 'esbuild';

await build({
  entryPoints: { roo: 'dist/bin.js' },
  outdir: 'dist/bundle',
  // Split so the fast path (`roo session current`) never loads clipanion and the command modules.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@secretlint/*'],
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __rooCreateRequire } from 'node:module';\nconst require = __rooCreateRequire(import.meta.url);",
  },
});
