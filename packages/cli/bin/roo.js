#!/usr/bin/env node
// CommonJS (bin/package.json): an ESM entry would start Node's ESM loader, which costs `roo session current` and
// `status` a good part of their start-up budget (docs/performance.md). The full command line is still ESM, imported on demand.
require('../dist/bundle/bin.cjs').main();
