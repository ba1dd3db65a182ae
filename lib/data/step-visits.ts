// Which steps a help-center session reached (docs/decisions/0031): one row per session, step and
// Japan day, its first and last visit that day. No personal data: the session is a keyed hash of a
// random cookie. The deflection report reads these; rows older than RETENTION_DAYS are pruned.
import "server-only";
import { db } from "@/lib/db";
import { jstDayAsUtcDate } from "@/lib/jst";

/** How long visits and searches are kept: the longest report window, and no longer. */
export const RETENTION_DAYS = 90;

/** Notes a visit; one atomic statement, so beacons of several instances all land. */
export async function recordStepVisit(sessionHash: string, guideId: string, stepId: string, at: Date = new Date()): Promise<void> {
  const day = jstDayAsUtcDate(at).toISOString().slice(0, 10);
  await db().$executeRaw`
    INSERT INTO "StepVisit" ("sessionHash", "guideId", "stepId", "day", "firstAt", "lastAt")
    VALUES (${sessionHash}, ${guideId}, ${stepId}, ${day}::date, ${at}, ${at})
    ON CONFLICT ("sessionHash", "guideId", "stepId", "day")
    DO UPDATE SET "firstAt" = least("StepVisit"."firstAt", excluded."firstAt"), "lastAt" = greatest("StepVisit"."lastAt", excluded."lastAt")`;
}

/** Deletes visits and searches older than the retention (the housekeeping job, hourly); returns how many rows went. */
export async function pruneHelpAnalytics(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - RETENTION_DAYS * 86_400_000);
  const day = jstDayAsUtcDate(cutoff).toISOString().slice(0, 10);
  const visits = await db().$executeRaw`DELETE FROM "StepVisit" WHERE "day" < ${day}::date`;
  const searches = await db().$executeRaw`DELETE FROM "SearchLog" WHERE "createdAt" < ${cutoff}`;
  return visits + searches;
}

/** The steps one session reached (any guide, any day), in the order it first reached them. */
export async function stepsReachedBy(sessionHash: string): Promise<{ guideId: string; stepId: string }[]> {
  return db().stepVisit.findMany({ where: { sessionHash }, orderBy: { firstAt: "asc" }, select: { guideId: true, stepId: true } });
}
