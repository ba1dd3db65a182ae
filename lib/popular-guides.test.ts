// Popular guides against the real PostgreSQL: ranked by the last 30 days of step views.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CatalogGuide } from "@/lib/catalog";
import { recordStepView, viewDay } from "@/lib/data/step-views";
import { popularGuides, popularSince, rankByViews } from "@/lib/popular-guides";

const entry = (id: string): CatalogGuide => ({ id, title: id, description: id, symptoms: [id], topic: "account", href: `/ja/guides/${id}` });
const DAY = 86_400_000;

describe("popular guides", () => {
  it("ranks by views, most first; ties and unviewed guides keep catalog order", () => {
    const guides = ["a", "b", "c", "d"].map(entry);
    expect(rankByViews(guides, { c: 5, b: 5, d: 9 }).map((g) => g.id)).toEqual(["d", "b", "c", "a"]);
    expect(rankByViews(guides, {}).map((g) => g.id)).toEqual(["a", "b", "c", "d"]);
    // A guide id that is an Object.prototype name counts as unviewed, not as a function.
    expect(rankByViews([entry("constructor"), entry("x")], { x: 1 }).map((g) => g.id)).toEqual(["x", "constructor"]);
  });

  it("the window is the last 30 Japanese calendar days, today included", () => {
    const now = new Date("2026-03-31T15:30:00Z"); // 00:30 on April 1st in Tokyo
    expect(popularSince(now).toISOString()).toBe("2026-03-03T00:00:00.000Z");
  });

  it("counts the views of the last 30 days only, over all steps of a guide", async () => {
    const tag = randomUUID().slice(0, 8);
    const [old, steady, fresh] = ["old", "steady", "fresh"].map((name) => entry(`test-${name}-${tag}`));
    const now = new Date();
    const today = viewDay(now);
    const since = popularSince(now);
    // Many views, all a day before the window: they must not count.
    for (let i = 0; i < 6; i++) await recordStepView(old.id, "step0", new Date(since.getTime() - DAY));
    // Two steps, on the window's first day and today.
    await recordStepView(steady.id, "step0", since);
    await recordStepView(steady.id, "step2", today);
    await recordStepView(steady.id, "step2", today);
    await recordStepView(fresh.id, "step0", today);
    const popular = await popularGuides([old, fresh, steady], now);
    expect(popular).toEqual({ guides: [steady, fresh, old], ranked: true });
    expect((await popularGuides([old, fresh, steady], now, 2)).guides).toEqual([steady, fresh]);
  });
});
