// The arithmetic behind components/admin/charts.tsx: "nice" axis ticks (1, 2, 5 × 10^n, so that a
// reader can interpolate), a linear scale, bar slots and which category labels fit. Pure, so the
// unit tests hold the layout to numbers instead of to screenshots.

/** Ticks from 0 (or below, for negative data) to at least `max`, about `count` of them, evenly spaced. */
export function niceTicks(min: number, max: number, count = 5, { integer = false } = {}): number[] {
  const lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  // Counts: a tick at 0.5 tickets means nothing.
  if (integer) step = Math.max(1, Math.round(step));
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  // Rounding through toPrecision keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  for (let i = 0; start + i * step < hi + step * 1e-9 || ticks.length < 2; i++) {
    ticks.push(Number((start + i * step).toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < hi) ticks.push(Number((start + ticks.length * step).toPrecision(12)));
  return ticks;
}

/** Maps [d0, d1] linearly onto [r0, r1] (r0 > r1 for a y axis that grows upwards). */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** `n` equal slots across [r0, r1]: where each starts, its width, and the bar's width inside it. */
export function bands(n: number, [r0, r1]: readonly [number, number], padding = 0.2) {
  const slot = n > 0 ? (r1 - r0) / n : 0;
  return {
    slot,
    bar: Math.max(1, slot * (1 - padding)),
    start: (i: number) => r0 + i * slot + (slot * padding) / 2,
    center: (i: number) => r0 + i * slot + slot / 2,
  };
}

/**
 * Which of `n` category labels to print so that none overlap: every k-th, k the smallest step that
 * leaves each label `labelWidth` of room, always counting from the last (today is the one a reader
 * looks for).
 */
export function labelStep(n: number, width: number, labelWidth: number): number {
  if (n <= 0 || width <= 0) return 1;
  const fit = Math.max(1, Math.floor(width / labelWidth));
  return Math.max(1, Math.ceil(n / fit));
}

export function showLabel(i: number, n: number, step: number): boolean {
  return (n - 1 - i) % step === 0;
}

/** A unit for durations so that the axis reads "2.5 時間", not "9000 秒". */
export function durationUnit(maxSeconds: number): { divisor: number; unit: string } {
  if (maxSeconds >= 2 * 86_400) return { divisor: 86_400, unit: "日" };
  if (maxSeconds >= 2 * 3_600) return { divisor: 3_600, unit: "時間" };
  return { divisor: 60, unit: "分" };
}

/** A tick or value label: at most two decimals, no trailing zeros, thousands separated. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 }).format(value);
}
