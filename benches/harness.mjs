// Timing and reporting helpers for the benchmarks: median of repeated runs after a warm-up,
// throughput, and a plain-text table.
import { performance } from 'node:perf_hooks';

/**
 * Runs `fn` (sync or async) `warmup` times, then `runs` times, and returns the median and best
 * wall time in ms. `fn` should return something derived from its work, which is kept so the
 * engine can't skip it.
 */
export async function measure(fn, { runs = 7, warmup = 2 } = {}) {
  let sink;
  for (let i = 0; i < warmup; i++) sink = await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], bestMs: times[0], sink };
}

/** Formats a number with thousands separators and `digits` decimals. */
export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Prints rows as an aligned table. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
