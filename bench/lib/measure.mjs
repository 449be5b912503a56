// Side-by-side measurement: the variants of one figure run interleaved, round by round, so that whatever the
// machine does meanwhile (another process, frequency scaling, a cold cache) hits every variant alike.

/**
 * Runs `warmup + n` rounds. In each round every variant runs once, in an order rotated by one each round (so no
 * variant always goes first or always follows the same one). `prepare(round)` runs untimed just before the timed
 * `run(round)`, which returns milliseconds. Warm-up rounds are discarded. Returns `{ [name]: number[] }` (wall
 * clock); with `cpu` (a function giving the CPU ms of the run just timed) the CPU samples are in its non-enumerable
 * `cpu` property, same shape.
 */
export function interleave(variants, { n, warmup = 1, label = '', progress = true, cpu }) {
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  const cpuSamples = Object.fromEntries(variants.map((v) => [v.name, []]));
  Object.defineProperty(samples, 'cpu', { value: cpuSamples, enumerable: false });
  const total = warmup + n;
  for (let round = 0; round < total; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length];
      v.prepare?.(round);
      const ms = v.run(round);
      const cpuMs = cpu?.();
      if (round >= warmup) {
        samples[v.name].push(ms);
        if (cpuMs !== undefined) cpuSamples[v.name].push(cpuMs);
      }
    }
    if (progress && process.stderr.isTTY) {
      process.stderr.write(`\r  ${label} ${round + 1}/${total}   `);
    }
  }
  if (progress && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return samples;
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median (mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values) {
  return {
    n: values.length,
    median: median(values),
    p90: percentile(values, 90),
    min: Math.min(...values),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/**
 * The median of the per-round differences `a[i] - b[i]` (rounds are paired: both ran in the same round). More
 * robust than the difference of medians when the machine drifts during the run.
 */
export function pairedMedianDiff(a, b) {
  const d = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) d.push(a[i] - b[i]);
  return median(d);
}

/** Per-round ratios `a[i] / b[i]`, their median. */
export function pairedMedianRatio(a, b) {
  const r = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) r.push(a[i] / b[i]);
  return median(r);
}
