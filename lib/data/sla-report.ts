// SLA attainment (issue 13): per ISO week (Japan time, weeks start on Monday), per guide and per
// priority, over the tickets created in the window. A target counts once decided: met (answered or
// resolved by its due time) or breached (answered or resolved late, or its due time passed while the
// clock ran); one still running counts in neither. Callers check the actor first (lib/auth/guards).
import "server-only";
import { db } from "@/lib/db";
import { weekdayOf } from "@/lib/business-time";
import { Prisma } from "@/lib/generated/prisma/client";
import { jstDay, jstDayStart } from "@/lib/jst";

export type Attainment = { targets: number; met: number; breached: number; percent: number | null };
export type SlaReportRow = { key: string; firstResponse: Attainment; resolution: Attainment };
export type SlaReport = { since: Date; weeks: SlaReportRow[]; guides: SlaReportRow[]; priorities: SlaReportRow[]; total: SlaReportRow };

type Raw = {
  week: string | null;
  guide: string | null;
  priority: string | null;
  g_week: number;
  g_guide: number;
  g_priority: number;
  fr_targets: number;
  fr_met: number;
  fr_breached: number;
  res_targets: number;
  res_met: number;
  res_breached: number;
};

const attainment = (targets: number, met: number, breached: number): Attainment => ({
  targets,
  met,
  breached,
  percent: met + breached ? Math.round((met * 1000) / (met + breached)) / 10 : null,
});

/** The report over the `weeks` ISO weeks up to and including the one `now` is in. */
export async function getSlaReport(now: Date, weeks = 12): Promise<SlaReport> {
  const today = jstDay(now);
  const since = new Date(jstDayStart(today).getTime() - ((weekdayOf(today) - 1) + (weeks - 1) * 7) * 86_400_000);
  const rows = await db().$queryRaw<Raw[]>(Prisma.sql`
    WITH t AS (
      SELECT to_char(date_trunc('week', "createdAt" AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD') AS week,
             COALESCE("guideId", '') AS guide, "priority"::text AS priority,
             "firstResponseDueAt" AS fr_due, "firstRespondedAt" AS fr_done,
             "resolutionDueAt" AS res_due,
             -- The moment of resolving on the SLA clock: the clock stopped then (lib/tickets/sla.ts).
             CASE WHEN "status" IN ('resolved', 'closed') THEN "slaPausedAt" END AS res_done,
             COALESCE("slaPausedAt", ${now}) AS clock
      FROM "Ticket"
      WHERE "createdAt" >= ${since} AND "createdAt" <= ${now}
        AND "mergedIntoId" IS NULL
    )
    SELECT week, guide, priority,
           GROUPING(week)::int AS g_week, GROUPING(guide)::int AS g_guide, GROUPING(priority)::int AS g_priority,
           count(*) FILTER (WHERE fr_due IS NOT NULL)::int AS fr_targets,
           count(*) FILTER (WHERE fr_done <= fr_due)::int AS fr_met,
           count(*) FILTER (WHERE fr_done > fr_due OR (fr_done IS NULL AND fr_due < clock))::int AS fr_breached,
           count(*) FILTER (WHERE res_due IS NOT NULL)::int AS res_targets,
           count(*) FILTER (WHERE res_done <= res_due)::int AS res_met,
           count(*) FILTER (WHERE res_done > res_due OR (res_done IS NULL AND res_due < clock))::int AS res_breached
    FROM t
    GROUP BY GROUPING SETS ((week), (guide), (priority), ())
    ORDER BY week DESC NULLS LAST, guide, priority`);
  const toRow = (key: string, r: Raw): SlaReportRow => ({
    key,
    firstResponse: attainment(r.fr_targets, r.fr_met, r.fr_breached),
    resolution: attainment(r.res_targets, r.res_met, r.res_breached),
  });
  const empty: Raw = { week: null, guide: null, priority: null, g_week: 1, g_guide: 1, g_priority: 1, fr_targets: 0, fr_met: 0, fr_breached: 0, res_targets: 0, res_met: 0, res_breached: 0 };
  return {
    since,
    weeks: rows.filter((r) => !r.g_week).map((r) => toRow(r.week!, r)),
    guides: rows.filter((r) => !r.g_guide).map((r) => toRow(r.guide!, r)),
    priorities: rows.filter((r) => !r.g_priority).map((r) => toRow(r.priority!, r)),
    total: toRow("", rows.find((r) => r.g_week && r.g_guide && r.g_priority) ?? empty),
  };
}
