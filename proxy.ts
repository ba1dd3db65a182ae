// A locale prefix for paths that have none, the refusals of cross-origin and oversized server-action
// POSTs, 404/308 for unknown or removed help paths, and the help session of the dynamic pages. Never an
// access check: every admin page, action and route checks the session itself (lib/auth/guards.ts).
// It runs only for the requests server.ts marks as needing it (lib/server/proxy-gate.ts) and for
// unprefixed paths: a cached help page costs far less CPU without it (issue 14, decision 0034).
// server.ts also gives every request its id.
import { NextResponse, type NextRequest } from "next/server";
import { decidePublicPath, isDraftModeCookie } from "@/lib/content/public-path";
import { isLocale, localeFromAcceptLanguage } from "@/lib/i18n";
import { REQUEST_ID_HEADER } from "@/lib/log-header";
import { isCrossOrigin, isOverBodyLimit, refusalPage } from "@/lib/request-guard";
import { HELP_SESSION_COOKIE, helpSessionIdFrom, helpSessionSetCookie, newHelpSessionId } from "@/lib/help-session-cookie";
import { isHttpsRequest } from "@/lib/request-https";
import { CONTACT_DYNAMIC_KEYS } from "@/lib/contact-params";

const UNPREFIXED = /^\/(admin|api|_next)(\/|$)/;
/** Next's draft-mode cookie (next/headers draftMode): set by /api/admin/content/preview for editors. */
const DRAFT_MODE_COOKIE = "__prerender_bypass";

/** The dynamic help pages that log what they answer (search, the contact chooser's ?q=, the form): never cached. */
const SEARCH_PAGE = /^\/(ja|en)\/search\/?$/;
const CONTACT_PAGE = /^\/(ja|en)\/contact\/?$/;

function isSessionPage(pathname: string, params: URLSearchParams): boolean {
  // The bare contact page is pre-rendered (the chooser before anything is typed; next.config.ts): no
  // cookie; the suggestions route starts the session when the visitor types.
  return SEARCH_PAGE.test(pathname) || (CONTACT_PAGE.test(pathname) && CONTACT_DYNAMIC_KEYS.some((key) => params.has(key)));
}

export function proxy(request: NextRequest) {
  const requestId = request.headers.get(REQUEST_ID_HEADER) ?? crypto.randomUUID();
  const { pathname, search } = request.nextUrl;
  const first = pathname.split("/")[1];

  // A POST to a page is a server action (with JavaScript off, any form post is). API routes do their
  // own checks; next-auth has its CSRF token.
  if (request.method === "POST" && first !== "api") {
    const locale = isLocale(first) ? first : "ja";
    const refuse = (status: number, kind: "forbidden" | "tooLarge") =>
      new NextResponse(refusalPage(kind, locale), {
        status,
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", [REQUEST_ID_HEADER]: requestId },
      });
    if (isCrossOrigin(request.headers)) return refuse(403, "forbidden");
    if (isOverBodyLimit(request.headers)) return refuse(413, "tooLarge");
  }

  if (!UNPREFIXED.test(pathname) && !isLocale(first)) {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}${pathname === "/" ? "" : pathname}`;
    url.search = search;
    return NextResponse.redirect(url, 307);
  }

  // Help pages render on demand for what the product publishes (issue 12): an unknown walk or slug
  // is a 404 here, before rendering, and an old walk of a removed step goes to its nearest step.
  // A draft preview (Next's draft-mode cookie) renders from the drafts, so it is let through.
  if ((request.method === "GET" || request.method === "HEAD") && !isDraftModeCookie(request.cookies.get(DRAFT_MODE_COOKIE)?.value)) {
    const decision = decidePublicPath(pathname);
    if (decision.action === "redirect") {
      const url = request.nextUrl.clone();
      url.pathname = decision.pathname;
      return NextResponse.redirect(url, 308);
    }
    if (decision.action === "not-found") {
      const url = request.nextUrl.clone();
      // A path no page pre-renders or allows ([...rest], dynamicParams = false): Next's 404, nothing cached.
      url.pathname = `/${first}/not-found`;
      return NextResponse.rewrite(url, { status: 404, headers: { [REQUEST_ID_HEADER]: requestId } });
    }
  }

  // A page cannot set a cookie, and a search must belong to its session to be followed to a ticket
  // (docs/decisions/0031): the session starts here for the dynamic pages that log, and the page sees it
  // in the same request. Pre-rendered pages never get a Set-Cookie (the beacon starts theirs).
  if (request.method === "GET" && isSessionPage(pathname, request.nextUrl.searchParams) && !helpSessionIdFrom(request.headers.get("cookie"))) {
    const id = newHelpSessionId();
    const secure = isHttpsRequest(request.headers) || (process.env.APP_URL ?? "").startsWith("https:");
    const setCookie = helpSessionSetCookie(id, secure);
    // A malformed cookie of the same name is replaced, so the page reads the new one.
    const headers = new Headers(request.headers);
    const others = (request.headers.get("cookie") ?? "").split(";").map((c) => c.trim()).filter((c) => c && !c.startsWith(`${HELP_SESSION_COOKIE}=`));
    headers.set("cookie", [...others, setCookie.split(";")[0]].join("; "));
    const response = NextResponse.next({ request: { headers } });
    response.headers.append("Set-Cookie", setCookie);
    return response;
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    // Paths without a locale (the redirect); static files and metadata routes need none.
    "/((?!ja(?:/|$)|en(?:/|$)|admin(?:/|$)|api(?:/|$)|_next/|favicon.ico|robots.txt|sitemap.xml|.*\\.(?:png|jpg|svg|ico|webp|txt|xml)$).*)",
    // What server.ts marks (lib/server/proxy-gate.ts PROXY_GATE_HEADER; a literal here: Next reads
    // this config at build time).
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "x-tebiki-proxy" }] },
  ],
};
