import { describe, expect, it } from "vitest";
import { bands, durationUnit, labelStep, linearScale, niceTicks, showLabel } from "@/lib/charts/scale";

describe("niceTicks", () => {
  it.each([
    [0, 12, 4, [0, 5, 10, 15]],
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [0, 7, 4, [0, 2, 4, 6, 8]],
    [0, 0.9, 4, [0, 0.5, 1]],
    [0, 0.7, 5, [0, 0.2, 0.4, 0.6, 0.8]],
    [0, 1234, 4, [0, 500, 1000, 1500]],
    [-3, 8, 4, [-5, 0, 5, 10]],
  ])("from %d to %d in about %d steps: %j", (min, max, count, ticks) => {
    expect(niceTicks(min, max, count)).toEqual(ticks);
  });

  it("starts at zero and covers the maximum, with steps of 1, 2 or 5 times a power of ten", () => {
    for (const max of [1, 3, 9, 10, 11, 49, 51, 99, 101, 999, 12345, 0.07]) {
      const ticks = niceTicks(0, max, 4);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      const step = ticks[1] - ticks[0];
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      expect([1, 2, 5]).toContain(mantissa);
      // Not wasteful: the top tick is less than one step above the maximum.
      expect(ticks.at(-1)! - max).toBeLessThan(step + 1e-9);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it("gives counts whole-number ticks and an empty or flat series a usable axis", () => {
    expect(niceTicks(0, 2, 5, { integer: true })).toEqual([0, 1, 2]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0, 4, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(0, Number.NaN)).toEqual([0, 1]);
  });
});

describe("linearScale and bands", () => {
  it("maps the domain onto an upward y axis", () => {
    const y = linearScale([0, 10], [200, 0]);
    expect([y(0), y(5), y(10)]).toEqual([200, 100, 0]);
  });

  it("splits the width into equal slots with the bar centred in each", () => {
    const b = bands(4, [40, 440], 0.2);
    expect(b.slot).toBe(100);
    expect(b.bar).toBe(80);
    expect([b.start(0), b.center(0), b.start(3), b.center(3)]).toEqual([50, 90, 350, 390]);
  });
});

describe("category labels", () => {
  it("prints every label that fits and thins the rest, always keeping the last", () => {
    expect(labelStep(7, 300, 40)).toBe(1);
    const step = labelStep(30, 300, 44);
    expect(step).toBe(5);
    const shown = Array.from({ length: 30 }, (_, i) => i).filter((i) => showLabel(i, 30, step));
    expect(shown).toEqual([4, 9, 14, 19, 24, 29]);
    // No two printed labels closer than a label's width.
    expect((300 / 30) * step).toBeGreaterThanOrEqual(44);
  });
});

describe("durationUnit", () => {
  it("picks minutes, hours or days by the largest value", () => {
    expect(durationUnit(90 * 60).unit).toBe("分");
    expect(durationUnit(5 * 3600)).toEqual({ divisor: 3600, unit: "時間" });
    expect(durationUnit(3 * 86_400).unit).toBe("日");
  });
});
