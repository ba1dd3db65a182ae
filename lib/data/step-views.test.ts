import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countStepViews, recordStepView, viewDay } from "@/lib/data/step-views";

describe("step views", () => {
  it("counts per guide, step and Japanese calendar day, also when views arrive at once", async () => {
    const guideId = `test-${randomUUID().slice(0, 8)}`;
    const day = viewDay(new Date("2026-11-24T16:30:00Z")); // 01:30 on the 25th in Tokyo
    expect(day.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    await Promise.all(Array.from({ length: 5 }, () => recordStepView(guideId, "step1", day)));
    await recordStepView(guideId, "step2", day);
    expect(await countStepViews(guideId, day)).toEqual({ step1: 5, step2: 1 });
    expect(await countStepViews(guideId, new Date("2026-11-26T00:00:00Z"))).toEqual({});
  });
});
