// Percentiles from a histogram of (value, count) pairs, the way PostgreSQL's percentile_cont reads
// the same values one by one: the dashboard keeps durations as per-day histograms
// (TicketDurationStats, decision 0032) instead of reading every ticket.

export type Bucket = { value: number; count: number };

/** The value at sorted position `index` (0-based) of the multiset the buckets describe. */
function valueAt(sorted: Bucket[], index: number): number {
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (index < seen) return b.value;
  }
  return sorted[sorted.length - 1].value;
}

/** percentile_cont(fraction): linear interpolation between the two nearest ranks; null when empty. */
export function percentileFromHistogram(buckets: Bucket[], fraction = 0.5): number | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const position = fraction * (n - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const a = valueAt(sorted, lo);
  const b = valueAt(sorted, hi);
  return a + (position - lo) * (b - a);
}
