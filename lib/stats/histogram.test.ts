import { describe, expect, it } from "vitest";
import { percentileFromHistogram } from "@/lib/stats/histogram";

// What PostgreSQL's percentile_cont gives for the same values listed one by one.
function percentileCont(values: number[], fraction: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lo = Math.floor(position);
  return sorted[lo] + (position - lo) * (sorted[Math.ceil(position)] - sorted[lo]);
}

describe("percentileFromHistogram", () => {
  it("is null without values", () => {
    expect(percentileFromHistogram([])).toBeNull();
    expect(percentileFromHistogram([{ value: 5, count: 0 }])).toBeNull();
  });

  it("interpolates between the middle two of an even count, like percentile_cont", () => {
    expect(percentileFromHistogram([{ value: 300, count: 1 }, { value: 100, count: 1 }])).toBe(200);
    expect(percentileFromHistogram([{ value: 10, count: 3 }, { value: 20, count: 1 }])).toBe(10);
    expect(percentileFromHistogram([{ value: 10, count: 2 }, { value: 20, count: 2 }])).toBe(15);
  });

  it("agrees with percentile_cont over the expanded values, for any buckets and fractions", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const buckets = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({ value: Math.floor(next() * 1000), count: Math.floor(next() * 5) }));
      const values = buckets.flatMap((b) => Array.from({ length: b.count }, () => b.value));
      for (const fraction of [0.5, 0.9, 0.1]) {
        const got = percentileFromHistogram(buckets, fraction);
        if (!values.length) expect(got).toBeNull();
        else expect(got).toBeCloseTo(percentileCont(values, fraction), 9);
      }
    }
  });
});
