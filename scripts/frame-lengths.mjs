// What the in-window benchmarks say of a run of frame lengths (the time
// between two animation frames of the page, in ms): their count, median,
// 95th percentile, longest, and how many passed 50 ms; and one row of the
// Markdown table docs/PERFORMANCE.md keeps, against the baseline's p95.

/** The figures of `lengths`. */
export function frameStats(lengths) {
  const sorted = [...lengths].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    frames: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1],
    over50: sorted.filter((l) => l > 50).length,
  };
}

/** A table row: `name`, the figures of `s`, and its p95 over `base`'s. */
export function frameRow(name, s, base) {
  return `| ${name} | ${s.frames} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | **${s.max.toFixed(1)}** | ${s.over50} | ${(s.p95 / base.p95).toFixed(2)} |`;
}
