// Bundles the compiled CLI into one ESM file. `roo session current` must start within 1.5x of a bare `node`
// (SPEC 6); resolving and linking ~100 separate modules costs more than that, one file does not.
// secretlint and simple-git stay external: each is loaded lazily, only by the commands that need it (and
// simple-git's CommonJS internals expect __filename, which an ESM bundle does not have). execa is bundled into
// its own lazily loaded chunk: as ~100 separate modules it takes ~95 ms to load, as one chunk ~25 ms.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: last build's chunks would otherwise pile up beside this build's.
rmSync('dist/bundle', { recursive: true, force: true });

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
  external: ['@secretlint/*', 'simple-git'],
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins, and write-file-atomic reads
  // __filename (its temp-file names): give both an ESM definition. `define` renames only free references, so no
  // bundled module that declares its own __filename can clash with the banner's.
  define: { __filename: '__rooFilename' },
  banner: {
    js:
      "import { createRequire as __rooCreateRequire } from 'node:module';\n" +
      "import { fileURLToPath as __rooFileURLToPath } from 'node:url';\n" +
      'const require = __rooCreateRequire(import.meta.url);\n' +
      'const __rooFilename = __rooFileURLToPath(import.meta.url);',
  },
});
