// The search report (issue 13, docs/decisions/0031): searches per language, how many found nothing,
// how many led to a click on a result, and how many were followed by a ticket from the same session
// within 24 h; the top queries and the top queries that found nothing (a list for editors).
import "server-only";
import { db } from "@/lib/db";
import type { ReportWindow } from "@/lib/insight/window";

export const FOLLOWED_WITHIN_HOURS = 24;

export type SearchLocaleRow = {
  locale: string;
  searches: number;
  noResult: number;
  /** Searches that found something (the base of the click-through rate). */
  withResults: number;
  /** Of those, searches with at least one click on a result. */
  clicked: number;
  /** Searches made in a session (only those can be followed to a ticket). */
  inSession: number;
  /** Of those, searches whose session filed a ticket within 24 h after. */
  followedByTicket: number;
};

export async function searchesPerLocale(window: ReportWindow): Promise<SearchLocaleRow[]> {
  return db().$queryRaw<SearchLocaleRow[]>`
    SELECT s."locale",
      count(*)::int AS "searches",
      count(*) FILTER (WHERE s."resultCount" = 0)::int AS "noResult",
      count(*) FILTER (WHERE s."resultCount" > 0)::int AS "withResults",
      count(*) FILTER (WHERE s."resultCount" > 0 AND s."clicks" > 0)::int AS "clicked",
      count(*) FILTER (WHERE s."sessionHash" IS NOT NULL)::int AS "inSession",
      count(*) FILTER (WHERE s."sessionHash" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "Ticket" t WHERE t."helpSessionHash" = s."sessionHash" AND t."createdAt" >= s."createdAt"
          AND t."createdAt" < s."createdAt" + make_interval(hours => ${FOLLOWED_WITHIN_HOURS})))::int AS "followedByTicket"
    FROM "SearchLog" s
    WHERE s."createdAt" >= ${window.start} AND s."createdAt" <= ${window.end}
    GROUP BY 1 ORDER BY 1`;
}

export type TopQuery = { locale: string; query: string; searches: number; noResult: number; clicked: number; lastAt: Date };

/** The most asked queries (or only those that found nothing), most searched first. */
export async function topQueries(window: ReportWindow, options: { noResultOnly?: boolean; limit?: number } = {}): Promise<TopQuery[]> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 500);
  const onlyEmpty = options.noResultOnly ?? false;
  return db().$queryRaw<TopQuery[]>`
    SELECT "locale", "query", count(*)::int AS "searches",
      count(*) FILTER (WHERE "resultCount" = 0)::int AS "noResult",
      count(*) FILTER (WHERE "clicks" > 0)::int AS "clicked",
      max("createdAt") AS "lastAt"
    FROM "SearchLog"
    WHERE "createdAt" >= ${window.start} AND "createdAt" <= ${window.end} AND (NOT ${onlyEmpty} OR "resultCount" = 0)
    GROUP BY 1, 2
    ORDER BY 3 DESC, max("createdAt") DESC, 1, 2
    LIMIT ${limit}`;
}
