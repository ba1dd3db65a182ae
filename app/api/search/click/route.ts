// Public by design (no guard): a visitor's click on a search result or a chooser suggestion.
// GET /api/search/click?s=<search id>&to=<help page path> counts the click on that search (when the
// visitor's session made it) and answers 303 to the page; a plain link, so it works without
// JavaScript. `to` must be a guide or article path of this site (never elsewhere: no open redirect);
// anything else is a 400. Counting is best effort: the visitor lands even while the database is down.
import { recordSearchClick } from "@/lib/data/search-log";
import { startHelpSession } from "@/lib/help-session";
import { searchClickTarget } from "@/lib/insight/search-query";
import { requestLog } from "@/lib/log";

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const to = searchClickTarget(params.get("to"));
  if (!to) return new Response("Bad request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const session = startHelpSession(request.headers);
  try {
    await recordSearchClick(params.get("s") ?? "", session.setCookie ? null : session.hash);
  } catch (error) {
    (await requestLog()).warn({ err: error instanceof Error ? error.message : String(error) }, "search click not counted");
  }
  const headers = new Headers({ Location: to, "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });
  if (session.setCookie) headers.set("Set-Cookie", session.setCookie);
  return new Response(null, { status: 303, headers });
}
