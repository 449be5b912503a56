// Bundles the compiled CLI in two parts. `roo session current` and `status` must start within 1.5x of a bare
// `node` (docs/performance.md); resolving and linking ~100 separate modules costs more than that, and so do several chunks.
//
// - dist/bundle/bin.cjs, the process entry (bin/roo.js requires it): `bin.ts` with the fast paths and what they
//   use, in one CommonJS file. Node runs it without starting its ESM loader and reads one file: for the fast
//   paths, ~10 ms less than the same code as ESM chunks. Everything else is imported from the second part, which
//   has its own copies of the modules both use (the fast paths report no errors, so no `instanceof` ever compares
//   classes from both).
// - dist/bundle/cli.js, the full command line (`cli.ts`): ESM, split so that each command loads only what it
//   needs. execa is bundled into one lazily loaded file, dist/bundle/execa.js, which both parts import: as ~100
//   separate modules it takes ~95 ms to load, as one file ~25 ms.
//
// Nothing is external: every dependency (the workspace packages, secretlint, simple-git, the MCP server SDK, …) is
// inside dist/bundle, so the published package has no dependencies and installs without the network. Those the
// code imports with `import()` inside a function (secretlint, simple-git, the MCP server) become chunks of their own,
// read only by the commands that call them; what a command loads up front is the same as with them external.
//
// dist/bundle also gets a copy of the checkout's templates/*.md and hooks/*.sh (their one source), so that the
// folder is the whole of roo: the npm package is bin/ and dist/bundle/ (package.json `files`), and `rooHome`
// (src/workspace/assets.ts) finds the copies beside the bundle, in the checkout and in an installed package alike.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Chunk names carry content hashes: last build's chunks would otherwise pile up beside this build's.
rmSync('dist/bundle', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { cli: 'dist/cli.js', execa: fileURLToPath(import.meta.resolve('execa')) },
  outdir: 'dist/bundle',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
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

/**
 * bin.ts's `import('./cli.js')` and catFileBatch's `import('execa')` stay imports, of the ESM bundle's files above
 * (they sit beside bin.cjs), instead of being inlined and read on every start.
 */
const esmParts = {
  name: 'esm-parts',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\.js$/ }, (args) =>
      args.importer.endsWith('bin.js') ? { path: './cli.js', external: true } : undefined,
    );
    b.onResolve({ filter: /^execa$/ }, () => ({ path: './execa.js', external: true }));
  },
};

await build({
  ...common,
  entryPoints: ['dist/bin.js'],
  outfile: 'dist/bundle/bin.cjs',
  format: 'cjs',
  plugins: [esmParts],
  // Minified (names kept): V8 parses the file on every start, and half the bytes is a few ms of the budget.
  minify: true,
  keepNames: true,
  // `workspace/assets.ts` finds roo's folders from its own URL: in CommonJS, from __filename.
  define: { 'import.meta.url': '__rooImportMetaUrl' },
  banner: { js: "const __rooImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

for (const [dir, ext] of [
  ['templates', '.md'],
  ['hooks', '.sh'],
]) {
  const from = fileURLToPath(new URL(`../../${dir}/`, import.meta.url));
  const names = readdirSync(from).filter((name) => name.endsWith(ext));
  if (names.length === 0) throw new Error(`bundle.mjs: no ${ext} files in ${from}`);
  for (const name of names) cpSync(`${from}${name}`, `dist/bundle/${dir}/${name}`);
}
