// Numbers for the staff dashboard: intake per day, open work, response times and the incident hint.
// All aggregation happens in SQL. (The step funnel became the deflection report, lib/data/deflection.ts.)
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getGuideDeclaration, listGuideIds } from "@/lib/content";
import { env } from "@/lib/env";
import { JST_TIME_ZONE, jstDay } from "@/lib/jst";

const OPEN = ["new", "open", "waiting"] as const;

/** Tickets created per Japan day for the last `days` days, oldest first, zero days included. */
export async function newTicketsPerDay(days = 30, now = new Date()): Promise<{ day: string; count: number }[]> {
  const rows = await db().$queryRaw<{ day: string; count: number }[]>`
    SELECT to_char(("createdAt" AT TIME ZONE ${JST_TIME_ZONE})::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
    FROM "Ticket"
    WHERE "createdAt" >= ${new Date(now.getTime() - days * 86_400_000)} AND "createdAt" <= ${now}
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, r.count]));
  const out: { day: string; count: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now.getTime() - i * 86_400_000);
    const day = jstDay(d);
    out.push({ day, count: byDay.get(day) ?? 0 });
  }
  return out;
}

export async function openTicketBreakdown() {
  const [byStatus, byEndStep, byGuide] = await Promise.all([
    db().ticket.groupBy({ by: ["status"], where: { status: { in: [...OPEN] } }, _count: { _all: true } }),
    db().ticket.groupBy({ by: ["endStep"], where: { status: { in: [...OPEN] } }, _count: { _all: true }, orderBy: { _count: { id: "desc" } } }),
    db().ticket.groupBy({ by: ["guideId"], where: { status: { in: [...OPEN] } }, _count: { _all: true }, orderBy: { _count: { id: "desc" } } }),
  ]);
  return {
    byStatus: OPEN.map((s) => ({ status: s, count: byStatus.find((r) => r.status === s)?._count._all ?? 0 })),
    byEndStep: byEndStep.map((r) => ({ endStep: r.endStep, count: r._count._all })),
    byGuide: byGuide.map((r) => ({ guideId: r.guideId, count: r._count._all })),
  };
}

/** Median seconds from creation to first public reply and to resolution, tickets of the last `days`. */
export async function medianResponseTimes(days = 30, now = new Date()) {
  const rows = await db().$queryRaw<{ firstResponse: number | null; resolution: number | null }[]>`
    SELECT
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "firstResponseAt" - "createdAt"))
        FILTER (WHERE "firstResponseAt" IS NOT NULL) AS "firstResponse",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "resolvedAt" - "createdAt"))
        FILTER (WHERE "resolvedAt" IS NOT NULL) AS "resolution"
    FROM "Ticket"
    WHERE "createdAt" >= ${new Date(now.getTime() - days * 86_400_000)} AND "createdAt" <= ${now}`;
  const r = rows[0];
  return { firstResponseSeconds: r?.firstResponse == null ? null : Number(r.firstResponse), resolutionSeconds: r?.resolution == null ? null : Number(r.resolution) };
}

export type IncidentHint = { guideId: string; answers: Record<string, string>; count: number; first: Date; last: Date };

export const INCIDENT_WINDOW_MINUTES = 30;

/**
 * Groups of at least INCIDENT_THRESHOLD tickets of one guide with the same incident answers (its
 * form.incidentFields, e.g. message and network for SSO) in the last 30 minutes: several people
 * failing the same way at once is more likely an outage than a user error. A group whose answer is
 * missing or "none" (no message shown) says nothing in common and is left out.
 */
export async function incidentHints(now = new Date(), threshold = env().INCIDENT_THRESHOLD): Promise<IncidentHint[]> {
  const since = new Date(now.getTime() - INCIDENT_WINDOW_MINUTES * 60_000);
  const perGuide = await Promise.all(
    listGuideIds().map(async (guideId) => {
      const keys = getGuideDeclaration(guideId)?.form.incidentFields ?? [];
      if (!keys.length) return [];
      const pairs = Prisma.join(keys.map((k) => Prisma.sql`${k}::text, "answers"->>${k}::text`));
      const rows = await db().$queryRaw<{ answers: Record<string, string | null>; count: number; first: Date; last: Date }[]>(Prisma.sql`
        SELECT jsonb_build_object(${pairs}) AS "answers", count(*)::int AS "count", min("createdAt") AS "first", max("createdAt") AS "last"
        FROM "Ticket"
        WHERE "guideId" = ${guideId} AND "createdAt" > ${since} AND "createdAt" <= ${now}
        GROUP BY 1
        HAVING count(*) >= ${threshold}`);
      return rows
        .filter((r) => Object.values(r.answers).every((v) => v !== null && v !== "none"))
        .map((r) => ({ guideId, answers: r.answers as Record<string, string>, count: r.count, first: r.first, last: r.last }));
    }),
  );
  return perGuide.flat().sort((a, b) => b.count - a.count);
}
