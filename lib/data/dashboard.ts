// Numbers for the staff dashboard: intake per day, open work, response times and the incident hint.
// All aggregation happens in SQL. (The step funnel became the deflection report, lib/data/deflection.ts.)
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getGuideDeclaration, listGuideIds } from "@/lib/content";
import { env } from "@/lib/env";
import { csatSummary } from "@/lib/data/csat";
import { recentDeflectionSummary } from "@/lib/data/deflection";
import { listServiceStatuses } from "@/lib/data/service-status";
import type { ReportDays } from "@/lib/insight/window";
import { jstDay } from "@/lib/jst";

const OPEN = ["new", "open", "waiting"] as const;

// The counts and durations come from small tables a trigger on "Ticket" keeps (TicketDailyStats,
// TicketOpenStats, TicketDurationStats; migration 20261126170500, decision 0032), so the dashboard
// reads hundreds of rows at a million tickets. Their windows are whole Japan days, today included.

/** The first and last Japan day of a window of `days` days ending today: ["2026-10-28", "2026-11-26"]. */
export function dayWindow(days: number, now = new Date()): { from: string; to: string; days: string[] } {
  const list: string[] = [];
  for (let i = days - 1; i >= 0; i--) list.push(jstDay(new Date(now.getTime() - i * 86_400_000)));
  return { from: list[0], to: list[list.length - 1], days: list };
}

/**
 * The statements behind the dashboard's numbers, apart so that lib/data/dashboard-plan.test.ts can
 * EXPLAIN them: none may read "Ticket".
 */
export const dashboardSql = {
  ticketsPerDay: (from: string, to: string) => Prisma.sql`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", sum("tickets")::int AS "count"
    FROM "TicketDailyStats"
    WHERE "day" BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1`,
  openStats: () => Prisma.sql`
    SELECT "status"::text AS "status", "guideId", "endStep", sum("tickets")::int AS "tickets" FROM "TicketOpenStats"
    GROUP BY 1, 2, 3 HAVING sum("tickets") > 0`,
  // percentile_cont(0.5) over the histograms, per day and over the window (day NULL): the value at
  // 0-based rank i is the first bucket whose running count exceeds i; with n values the median is
  // the mean of ranks floor((n-1)/2) and ceil((n-1)/2). In SQL: a busy month holds ~10k buckets.
  medians: (from: string, to: string) => Prisma.sql`
    WITH h AS (
      SELECT "day", "kind", "bucket", "tickets" FROM "TicketDurationStats"
      WHERE "day" BETWEEN ${from}::date AND ${to}::date AND "tickets" > 0
    ), grouped AS (
      SELECT "day", "kind", "bucket", "tickets" FROM h
      UNION ALL
      SELECT NULL, "kind", "bucket", sum("tickets")::int FROM h GROUP BY "kind", "bucket"
    ), ranked AS (
      SELECT "day", "kind", "bucket",
        sum("tickets") OVER (PARTITION BY "day", "kind" ORDER BY "bucket") AS "running",
        sum("tickets") OVER (PARTITION BY "day", "kind") AS "n"
      FROM grouped
    )
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", "kind",
      ((min("bucket") FILTER (WHERE "running" > floor(("n" - 1) / 2.0))
        + min("bucket") FILTER (WHERE "running" > ceil(("n" - 1) / 2.0))) / 2.0)::float8 AS "median"
    FROM ranked GROUP BY "day", "kind"`,
  funnelTickets: (guideId: string, from: string, to: string) => Prisma.sql`
    SELECT "endStep" AS "stepId", sum("tickets")::int AS "n" FROM "TicketDailyStats"
    WHERE "day" BETWEEN ${from}::date AND ${to}::date AND "guideId" = ${guideId} AND "endStep" <> '' GROUP BY 1`,
};

/** Tickets created per Japan day for the last `days` days, oldest first, zero days included. */
export async function newTicketsPerDay(days = 30, now = new Date()): Promise<{ day: string; count: number }[]> {
  const w = dayWindow(days, now);
  const rows = await db().$queryRaw<{ day: string; count: number }[]>(dashboardSql.ticketsPerDay(w.from, w.to));
  const byDay = new Map(rows.map((r) => [r.day, r.count]));
  return w.days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

/** Open tickets (new, open, waiting) by status, by end step and by guide, largest first. */
export async function openTicketBreakdown() {
  const rows = await db().$queryRaw<{ status: string; guideId: string; endStep: string; tickets: number }[]>(dashboardSql.openStats());
  const sum = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.tickets);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const byStatus = new Map(sum((r) => r.status));
  return {
    byStatus: OPEN.map((s) => ({ status: s, count: byStatus.get(s) ?? 0 })),
    // '' is how the aggregate spells "none" (its key columns are NOT NULL).
    byEndStep: sum((r) => r.endStep).map(([endStep, count]) => ({ endStep: endStep || null, count })),
    byGuide: sum((r) => r.guideId).map(([guideId, count]) => ({ guideId: guideId || null, count })),
  };
}

export type DayMedians = { day: string; firstResponseSeconds: number | null; resolutionSeconds: number | null };

/**
 * Median seconds from creation to first public reply and to resolution of the tickets created in
 * the last `days` Japan days, over the whole window and per day. Durations are bucketed (exact to
 * the minute below an hour, 5 % bands beyond: tebiki_duration_bucket).
 */
export async function medianResponseTimes(days = 30, now = new Date()) {
  const w = dayWindow(days, now);
  const rows = await db().$queryRaw<{ day: string | null; kind: string; median: number | null }[]>(dashboardSql.medians(w.from, w.to));
  const median = (day: string | null, kind: string) => rows.find((r) => r.day === day && r.kind === kind)?.median ?? null;
  const perDay: DayMedians[] = w.days.map((day) => ({
    day,
    firstResponseSeconds: median(day, "first_response"),
    resolutionSeconds: median(day, "resolution"),
  }));
  return { firstResponseSeconds: median(null, "first_response"), resolutionSeconds: median(null, "resolution"), perDay };
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

/**
 * Every read of the dashboard page (app/(admin)/admin/(panel)/page.tsx), together, as the page makes
 * them: one list for the page and for the benches that time it (scripts/bench-tickets.ts,
 * scripts/bench/admin-functions.ts). The deflection summary is the one recomputed at most every
 * 10 minutes per instance (lib/data/deflection.ts), the CSAT figure is read every time.
 */
export async function dashboardReads(days: ReportDays = 30) {
  const [perDay, open, times, hints, services, deflection, csat] = await Promise.all([
    newTicketsPerDay(days),
    openTicketBreakdown(),
    medianResponseTimes(days),
    incidentHints(),
    listServiceStatuses(),
    recentDeflectionSummary(days),
    csatSummary(days),
  ]);
  return { perDay, open, times, hints, services, deflection, csat };
}

/**
 * Folds the aggregates' session slots into slot 0 (tebiki_fold_ticket_stats, migration 20261126230200;
 * decision 0032 "Round 2"): new tickets add to a slot of their database session so that a burst does
 * not queue on one row; the hourly housekeeping job keeps the rows per key few. Rows a transaction
 * holds are skipped until the next fold. Returns the slot rows folded away.
 */
export async function foldTicketStats(): Promise<number> {
  const rows = await db().$queryRaw<{ n: number }[]>`SELECT tebiki_fold_ticket_stats() AS "n"`;
  return rows[0]?.n ?? 0;
}
