// The deflection report (issue 13, docs/decisions/0031): how many help-center sessions the guides
// served, per step how many reached it, said it solved their problem, or filed a ticket within 24 h,
// and the self-service score. Every number is over one window (whole Japan days) and one population
// (the sessions that reached a step in it), so no rate can exceed 100%: a numerator is always a
// subset of its denominator's sessions.
import "server-only";
import { db } from "@/lib/db";
import { getGuide, listGuideIds } from "@/lib/content";
import { shortestWalks } from "@/lib/guide-graph";
import { reportWindow, type ReportDays, type ReportWindow } from "@/lib/insight/window";

/** A ticket filed this long after reaching a step counts as "the step did not help". */
export const TICKET_WITHIN_HOURS = 24;

export type StepDeflectionRow = {
  stepId: string;
  /** Page loads (StepView, counted with or without a session). */
  views: number;
  /** Sessions that reached the step in the window. */
  sessions: number;
  /** Of those, sessions that voted "this solved it" on the step. */
  solved: number;
  /** Of those, sessions that filed a ticket within 24 h of first reaching the step. */
  ticketed: number;
  leaf: boolean;
  contact: boolean;
  /** The choice ids of the step's canonical URL. */
  walk: string[];
};

/** Per step of a guide, in reading order (breadth-first from the start); steps nobody reached are 0. */
export async function stepDeflection(guideId: string, window: ReportWindow): Promise<StepDeflectionRow[]> {
  const guide = getGuide(guideId);
  if (!guide) return [];
  const [views, visits] = await Promise.all([
    db().$queryRaw<{ stepId: string; n: number }[]>`
      SELECT "stepId", sum("views")::int AS "n" FROM "StepView"
      WHERE "guideId" = ${guideId} AND "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date GROUP BY 1`,
    // Joins, not a subquery per visit: at 300k visits in a window the correlated form took seconds.
    db().$queryRaw<{ stepId: string; sessions: number; solved: number; ticketed: number }[]>`
      WITH v AS (
        SELECT "sessionHash", "stepId", min("firstAt") AS "firstAt" FROM "StepVisit"
        WHERE "guideId" = ${guideId} AND "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date
        GROUP BY 1, 2
      ), tk AS (
        SELECT "helpSessionHash" AS "sessionHash", "createdAt" FROM "Ticket"
        WHERE "helpSessionHash" IS NOT NULL AND "createdAt" >= ${window.start}
          AND "createdAt" < ${window.end}::timestamptz + make_interval(hours => ${TICKET_WITHIN_HOURS})
      ), vt AS (
        SELECT DISTINCT v."sessionHash", v."stepId" FROM v JOIN tk ON tk."sessionHash" = v."sessionHash"
        WHERE tk."createdAt" >= v."firstAt" AND tk."createdAt" < v."firstAt" + make_interval(hours => ${TICKET_WITHIN_HOURS})
      ), fb AS (
        SELECT "sessionHash", "stepId" FROM "StepFeedback" WHERE "guideId" = ${guideId} AND "helpful"
      )
      SELECT v."stepId", count(*)::int AS "sessions", count(fb."sessionHash")::int AS "solved", count(vt."sessionHash")::int AS "ticketed"
      FROM v
      LEFT JOIN fb ON fb."sessionHash" = v."sessionHash" AND fb."stepId" = v."stepId"
      LEFT JOIN vt ON vt."sessionHash" = v."sessionHash" AND vt."stepId" = v."stepId"
      GROUP BY 1`,
  ]);
  const viewsOf = new Map(views.map((r) => [r.stepId, r.n]));
  const visitsOf = new Map(visits.map((r) => [r.stepId, r]));
  return [...shortestWalks(guide)].map(([stepId, walk]) => {
    const step = guide.steps[stepId];
    const v = visitsOf.get(stepId);
    return {
      stepId,
      views: viewsOf.get(stepId) ?? 0,
      sessions: v?.sessions ?? 0,
      solved: v?.solved ?? 0,
      ticketed: v?.ticketed ?? 0,
      leaf: Boolean(step.leaf),
      contact: stepId === guide.contactStep,
      walk,
    };
  });
}

export type DeflectionSummary = {
  /** Help-center sessions with guide activity (reached at least one step) in the window. */
  sessions: number;
  /** Tickets filed in the window, by any channel (form, API, mail). */
  tickets: number;
  /** Sessions above that filed a ticket between their first visit and 24 h after their last. */
  ticketedSessions: number;
  /** Voted "this solved it" somewhere and filed no ticket. */
  solvedDeflection: number;
  /** No vote, no ticket, and the session's last step was one that gives advice (a leaf). */
  potentialDeflection: number;
};

/** The advice steps of every public guide, as "guideId/stepId". */
function leafKeys(): string[] {
  return listGuideIds().flatMap((id) => {
    const guide = getGuide(id)!;
    return Object.entries(guide.steps).filter(([, s]) => s.leaf).map(([stepId]) => `${id}/${stepId}`);
  });
}

/** The whole help center's sessions over the window; solved, potential and ticketed never overlap. */
export async function deflectionSummary(window: ReportWindow): Promise<DeflectionSummary> {
  const leaves = leafKeys();
  const [sessions, tickets] = await Promise.all([
    db().$queryRaw<{ sessions: number; ticketed: number; solved: number; potential: number }[]>`
      WITH s AS (
        SELECT "sessionHash", min("firstAt") AS "firstAt", max("lastAt") AS "lastAt",
          (array_agg("guideId" || '/' || "stepId" ORDER BY "lastAt" DESC))[1] AS "lastKey"
        FROM "StepVisit"
        WHERE "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date
        GROUP BY 1
      ), ticketed AS (
        SELECT DISTINCT s."sessionHash" FROM s JOIN "Ticket" t ON t."helpSessionHash" = s."sessionHash"
        WHERE t."createdAt" >= s."firstAt" AND t."createdAt" < s."lastAt" + make_interval(hours => ${TICKET_WITHIN_HOURS})
          AND t."createdAt" >= ${window.start} AND t."createdAt" < ${window.end}::timestamptz + make_interval(hours => ${TICKET_WITHIN_HOURS})
      ), solved AS (
        SELECT DISTINCT "sessionHash" FROM "StepFeedback" WHERE "helpful"
      ), flags AS (
        SELECT t."sessionHash" IS NOT NULL AS "ticketed", f."sessionHash" IS NOT NULL AS "solved", s."lastKey" = ANY(${leaves}::text[]) AS "onLeaf"
        FROM s LEFT JOIN ticketed t USING ("sessionHash") LEFT JOIN solved f USING ("sessionHash")
      )
      SELECT count(*)::int AS "sessions",
        count(*) FILTER (WHERE "ticketed")::int AS "ticketed",
        count(*) FILTER (WHERE NOT "ticketed" AND "solved")::int AS "solved",
        count(*) FILTER (WHERE NOT "ticketed" AND NOT "solved" AND "onLeaf")::int AS "potential"
      FROM flags`,
    db().ticket.count({ where: { createdAt: { gte: window.start, lte: window.end } } }),
  ]);
  const r = sessions[0];
  return {
    sessions: r?.sessions ?? 0,
    tickets,
    ticketedSessions: r?.ticketed ?? 0,
    solvedDeflection: r?.solved ?? 0,
    potentialDeflection: r?.potential ?? 0,
  };
}

/** Help-center sessions with guide activity per ticket (Zendesk's self-service score), or null without tickets. */
export function selfServiceScore(summary: Pick<DeflectionSummary, "sessions" | "tickets">): number | null {
  return summary.tickets > 0 ? summary.sessions / summary.tickets : null;
}

/** How long the dashboard's summary is reused: it reads every visit of 30 days (see decision 0031). */
export const DASHBOARD_SUMMARY_TTL_MS = 10 * 60_000;
const recent = new Map<number, { at: number; value: Promise<DeflectionSummary>; settled?: DeflectionSummary; refreshing?: boolean }>();

/**
 * The summary over the last `days` days for the dashboard, recomputed at most every 10 minutes per
 * instance and in the background: once an instance has a figure, a dashboard never waits for the
 * next one (the dashboard must answer fast at any volume, issue 13); the report page reads live.
 */
export function recentDeflectionSummary(days: ReportDays, now: Date = new Date()): Promise<DeflectionSummary> {
  const hit = recent.get(days);
  if (hit && now.getTime() - hit.at < DASHBOARD_SUMMARY_TTL_MS) return hit.value;
  const compute = () => {
    const value = deflectionSummary(reportWindow(days, now));
    const entry = { at: now.getTime(), value };
    value.then(
      (settled) => recent.set(days, { ...entry, settled }),
      // A failure is not kept: the next dashboard asks again (and shows the last figure meanwhile).
      () => recent.set(days, { ...(recent.get(days) ?? entry), at: 0, refreshing: false }),
    );
    return { entry, value };
  };
  if (hit?.settled) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      compute();
    }
    return Promise.resolve(hit.settled);
  }
  const { entry, value } = compute();
  recent.set(days, entry);
  value.catch(() => recent.delete(days));
  return value;
}
