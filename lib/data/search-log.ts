// Searches in the help center, for the search report (docs/decisions/0031). Written by the search
// page, the contact chooser (page and suggestion route) and the result-click route; no personal data:
// the query is masked (lib/insight/search-query.ts), the session is a keyed hash of a random cookie.
import "server-only";
import { db } from "@/lib/db";
import type { SearchSource } from "@/lib/generated/prisma/client";
import { continuesTyping, loggedQuery } from "@/lib/insight/search-query";

/** A reload, or typing that goes on within this time, is the same search. */
export const SAME_SEARCH_SECONDS = 60;

export type SearchEntry = {
  locale: string;
  rawQuery: string;
  resultCount: number;
  source: SearchSource;
  sessionHash: string | null;
  at?: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Logs a search and returns its id (for the result links), or null for an empty query. The same
 * session's last search of the same source and language within SAME_SEARCH_SECONDS is updated
 * instead when this one continues it: the same query again (a reload), or, for the chooser's
 * suggestions, the query being typed on.
 */
export async function logSearch(entry: SearchEntry): Promise<string | null> {
  const query = loggedQuery(entry.rawQuery);
  if (!query) return null;
  const at = entry.at ?? new Date();
  if (entry.sessionHash) {
    const previous = await db().searchLog.findFirst({
      where: { sessionHash: entry.sessionHash, source: entry.source, locale: entry.locale, createdAt: { gte: new Date(at.getTime() - SAME_SEARCH_SECONDS * 1000), lte: at } },
      orderBy: { createdAt: "desc" },
      select: { id: true, query: true },
    });
    const same = previous && (previous.query === query || (entry.source === "suggest" && continuesTyping(previous.query, query)));
    if (same) {
      // Typing on keeps the latest words: a search is what the person ended up asking.
      await db().searchLog.update({ where: { id: previous.id }, data: { query, resultCount: entry.resultCount, createdAt: at } });
      return previous.id;
    }
  }
  const row = await db().searchLog.create({
    data: { locale: entry.locale, query, resultCount: entry.resultCount, source: entry.source, sessionHash: entry.sessionHash, createdAt: at },
    select: { id: true },
  });
  return row.id;
}

/**
 * Counts a click on one of a search's results. Only the session that searched may (a search logged
 * without a session takes any), so a forged link cannot pump another session's numbers.
 */
export async function recordSearchClick(searchId: string, sessionHash: string | null, at: Date = new Date()): Promise<boolean> {
  if (!UUID.test(searchId)) return false;
  const count = await db().$executeRaw`
    UPDATE "SearchLog" SET "clicks" = "clicks" + 1, "firstClickAt" = coalesce("firstClickAt", ${at})
    WHERE "id" = ${searchId}::uuid AND ("sessionHash" IS NULL OR "sessionHash" = ${sessionHash})`;
  return count > 0;
}
