// Public and unauthenticated by design: it answers what the public help pages already show (guides,
// steps, articles) to a visitor who cannot log in, before the contact form (issue 9).
//
// GET /api/v1/suggest?q=<what the user typed>&locale=ja|en
// 200 {query, results: [{kind, href, clickHref?, title, guide?, label?, snippet}]}; title and snippet are
// lists of {text, mark} (mark: the part matched the query); clickHref is href through the click route,
// which counts the click for search analytics. Empty q: no results.
// 400 {error} for a missing or unknown locale · 429 with Retry-After past the per-address limit.
// Reads only the in-process index: it keeps answering while the database is down. Each answer is
// logged as a search of the visitor's help-center session, typing collapsed into one (decision 0031).
import { NextResponse } from "next/server";
import { clientIpFrom } from "@/lib/client-ip";
import { isLocale } from "@/lib/i18n";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { hit, type LimitResult } from "@/lib/rate-limit";
import { suggest, suggestionQuery } from "@/lib/suggest";
import { startHelpSession } from "@/lib/help-session";
import { logHelpSearch } from "@/lib/insight/log-help-search";
import { searchClickHref } from "@/lib/insight/search-query";

/**
 * A typist with the chooser's debounce sends a few requests a second at most; 60 in 30 s lets a long
 * description through and stops a script (docs/decisions/0016-home-and-suggestions.md).
 */
export const SUGGEST_RATE = { limit: 60, seconds: 30 };

/**
 * The shared limit in PostgreSQL, as every limit is, so several instances count together. The answer
 * itself needs no database: while it is down the limit is skipped (fails open) rather than the help.
 */
async function limit(ip: string): Promise<LimitResult> {
  try {
    return await hit(`suggest:${ip}`, [SUGGEST_RATE]);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: true };
    throw error;
  }
}

// The answer carries the visitor's own search id, and each request is a search to count: no cache may
// keep it (decision 0031; it was public and cacheable under 0016).
const CACHE = "private, no-store";

export async function GET(request: Request) {
  // Public by design (no guard): see the first line of this file.
  const params = new URL(request.url).searchParams;
  const locale = params.get("locale");
  if (!isLocale(locale)) {
    return NextResponse.json({ error: "locale must be ja or en" }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const limited = await limit(clientIpFrom(request.headers));
  if (!limited.ok) {
    return NextResponse.json(
      { error: "too_many_requests", retryAfterSeconds: limited.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const query = suggestionQuery(params.get("q"));
  const results = await suggest(locale, query);
  // The chooser's page is pre-rendered and sets no cookie (issue 14): a visitor's first typed query
  // starts the help session here, as the beacon does on the step pages (decision 0031).
  const session = query ? startHelpSession(request.headers) : null;
  const searchId = session ? await logHelpSearch({ locale, rawQuery: query, resultCount: results.length, source: "suggest" }, session.hash) : null;
  const linked = searchId ? results.map((r) => ({ ...r, clickHref: searchClickHref(searchId, r.href) })) : results;
  const response = NextResponse.json({ query, results: linked }, { headers: { "Cache-Control": CACHE } });
  if (session?.setCookie) response.headers.append("Set-Cookie", session.setCookie);
  return response;
}
