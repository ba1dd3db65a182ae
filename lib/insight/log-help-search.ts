// Logging a search from a page or route without letting analytics hurt the answer: the database may
// be down (the search itself needs none, decision 0004), so a failure is logged and the links go
// straight to the results.
import "server-only";
import { logSearch, type SearchEntry } from "@/lib/data/search-log";
import { currentHelpSessionHash } from "@/lib/help-session";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { log } from "@/lib/log";

/** For pages (the session comes from the cookie the proxy made sure of): the search id or null. */
export async function logHelpSearch(entry: Omit<SearchEntry, "sessionHash">, sessionHash?: string | null): Promise<string | null> {
  try {
    const session = sessionHash === undefined ? await currentHelpSessionHash() : sessionHash;
    return await logSearch({ ...entry, sessionHash: session });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) log.error({ err: error instanceof Error ? error.message : String(error) }, "search not logged");
    else log.warn("search not logged: database unavailable");
    return null;
  }
}
