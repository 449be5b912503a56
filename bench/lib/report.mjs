// The printed table and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '-');

/**
 * rows: `{ figure, label, stats?: {n, median, p90, cpuMedian?}, compare?, target?, status?: 'PASS'|'FAIL' }`.
 * A row without stats is a derived line (a ratio or a difference between two measured rows).
 */
export function formatTable(rows) {
  const head = ['#', 'measurement', 'n', 'median ms', 'p90 ms', 'cpu ms', 'compared', 'target', 'result'];
  const body = rows.map((r) => [
    String(r.figure),
    r.label,
    r.stats ? String(r.stats.n) : '',
    r.stats ? fmtMs(r.stats.median) : '',
    r.stats ? fmtMs(r.stats.p90) : '',
    // CPU time is counted in 10 ms ticks: shown only where that is a small error.
    r.stats?.cpuMedian !== undefined && r.stats.median >= 150 ? fmtMs(r.stats.cpuMedian) : '',
    r.compare ?? '',
    r.target ?? '',
    r.status ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]].length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cells) =>
    cells
      .map((c, i) => {
        const padding = ' '.repeat(widths[i] - [...c].length);
        return right.has(i) ? padding + c : c + padding;
      })
      .join('  ')
      .trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  let last;
  for (let i = 0; i < body.length; i++) {
    if (last !== undefined && rows[i].figure !== last) out.push('');
    last = rows[i].figure;
    out.push(line(body[i]));
  }
  return out.join('\n');
}

export function writeJson(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

export const ms = fmtMs;
