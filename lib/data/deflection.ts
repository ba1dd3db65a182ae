// The deflection report (issue 13, docs/decisions/0031): how many help-center sessions the guides
// served, per step how many reached it, said it solved their problem, or filed a ticket within 24 h,
// and the self-service score. Every number is over one window (whole Japan days) and one population
// (the sessions that reached a step in it), so no rate can exceed 100%: a numerator is always a
// subset of its denominator's sessions.
import "server-only";
import { db } from "@/lib/db";
import { getGuide, listGuideIds } from "@/lib/content";
import { shortestWalks } from "@/lib/guide-graph";
import type { ReportWindow } from "@/lib/insight/window";

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
    db().$queryRaw<{ stepId: string; sessions: number; solved: number; ticketed: number }[]>`
      WITH v AS (
        SELECT "sessionHash", "stepId", min("firstAt") AS "firstAt" FROM "StepVisit"
        WHERE "guideId" = ${guideId} AND "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date
        GROUP BY 1, 2
      )
      SELECT v."stepId",
        count(*)::int AS "sessions",
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "StepFeedback" f
          WHERE f."guideId" = ${guideId} AND f."stepId" = v."stepId" AND f."sessionHash" = v."sessionHash" AND f."helpful"))::int AS "solved",
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "Ticket" t
          WHERE t."helpSessionHash" = v."sessionHash" AND t."createdAt" >= v."firstAt"
            AND t."createdAt" < v."firstAt" + make_interval(hours => ${TICKET_WITHIN_HOURS})))::int AS "ticketed"
      FROM v GROUP BY 1`,
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
        SELECT "sessionHash", min("firstAt") AS "firstAt", max("lastAt") AS "lastAt" FROM "StepVisit"
        WHERE "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date
        GROUP BY 1
      ), last_step AS (
        SELECT DISTINCT ON ("sessionHash") "sessionHash", "guideId" || '/' || "stepId" AS "key" FROM "StepVisit"
        WHERE "day" BETWEEN ${window.fromDay}::date AND ${window.toDay}::date
        ORDER BY "sessionHash", "lastAt" DESC
      ), flags AS (
        SELECT
          EXISTS (
            SELECT 1 FROM "Ticket" t WHERE t."helpSessionHash" = s."sessionHash" AND t."createdAt" >= s."firstAt"
              AND t."createdAt" < s."lastAt" + make_interval(hours => ${TICKET_WITHIN_HOURS})) AS "ticketed",
          EXISTS (SELECT 1 FROM "StepFeedback" f WHERE f."sessionHash" = s."sessionHash" AND f."helpful") AS "solved",
          l."key" = ANY(${leaves}::text[]) AS "onLeaf"
        FROM s JOIN last_step l USING ("sessionHash")
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
