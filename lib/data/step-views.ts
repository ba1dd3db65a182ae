// Step page views per guide, step and day. No personal data: only a counter.
import "server-only";
import { db } from "@/lib/db";
import { jstDayAsUtcDate } from "@/lib/jst";

/** The calendar day in Japan, where the help desk works, as a UTC midnight date for a DATE column. */
export function viewDay(now = new Date()): Date {
  return jstDayAsUtcDate(now);
}

/** Adds one view; one atomic statement, so concurrent views on several instances all count. */
export async function recordStepView(guideId: string, stepId: string, day: Date = viewDay()): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "StepView" ("guideId", "stepId", "day", "views") VALUES (${guideId}, ${stepId}, ${day.toISOString().slice(0, 10)}::date, 1)
    ON CONFLICT ("guideId", "stepId", "day") DO UPDATE SET "views" = "StepView"."views" + 1`;
}

export async function countStepViews(guideId: string, since: Date): Promise<Record<string, number>> {
  const rows = await db().stepView.groupBy({ by: ["stepId"], where: { guideId, day: { gte: since } }, _sum: { views: true } });
  return Object.fromEntries(rows.map((r) => [r.stepId, r._sum.views ?? 0]));
}

/** Views of these guides since a day (inclusive), all their steps together; unviewed guides are absent. */
export async function countGuideViews(guideIds: readonly string[], since: Date): Promise<Record<string, number>> {
  if (!guideIds.length) return {};
  const rows = await db().stepView.groupBy({
    by: ["guideId"],
    where: { guideId: { in: [...guideIds] }, day: { gte: since } },
    _sum: { views: true },
  });
  return Object.fromEntries(rows.map((r) => [r.guideId, r._sum.views ?? 0]));
}
