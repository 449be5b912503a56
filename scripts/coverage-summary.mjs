// Line coverage per package from vitest's json-summary (coverage/coverage-summary.json, written by
// `npm run coverage`): one line per package, then the total.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const summary = JSON.parse(readFileSync('coverage/coverage-summary.json', 'utf8'));
const packages = new Map();
for (const [file, data] of Object.entries(summary)) {
  if (file === 'total') continue;
  const name = /^packages\/([^/]+)\//.exec(relative(process.cwd(), file))?.[1] ?? 'other';
  const sum = packages.get(name) ?? { covered: 0, total: 0 };
  sum.covered += data.lines.covered;
  sum.total += data.lines.total;
  packages.set(name, sum);
}
const pct = ({ covered, total }) => (total === 0 ? '-' : `${((100 * covered) / total).toFixed(1)} %`);
for (const [name, sum] of [...packages].sort()) {
  console.log(`${name.padEnd(8)} lines ${pct(sum).padStart(8)} (${sum.covered}/${sum.total})`);
}
const total = summary.total.lines;
console.log(`${'all'.padEnd(8)} lines ${pct(total).padStart(8)} (${total.covered}/${total.total})`);
