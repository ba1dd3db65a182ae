// Which requests Next's proxy (proxy.ts) has to see (issue 14). Running the proxy costs every request
// it matches a NextRequest, a Headers copy and a merge of its answer: 17% or more of a cached help
// page's CPU. Most requests need none of what it does, so server.ts decides here, on the raw request,
// and marks the ones that do; the proxy's matcher runs it for marked requests (and for unprefixed
// paths, by path). The proxy still makes every decision itself: a wrong mark only costs time, a
// missing one would skip a check, so every rule below errs towards marking.
import type { IncomingMessage } from "node:http";
import { CONTACT_DYNAMIC_KEYS } from "@/lib/contact-params";
import { decidePublicPath } from "@/lib/content/public-path";

export const PROXY_GATE_HEADER = "x-tebiki-proxy";

/** Next's draft-mode cookie: the proxy checks that it is the real one before letting a preview through. */
const DRAFT_MODE_COOKIE = "__prerender_bypass";

const PAGE_PREFIX = /^\/(ja|en)(\/|$)/;
const SEARCH = /^\/(ja|en)\/search\/?$/;
const CONTACT = /^\/(ja|en)\/contact\/?$/;

function hasCookie(cookieHeader: string | undefined, name: string): boolean {
  if (!cookieHeader) return false;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return true;
  }
  return false;
}

export function proxyNeeded(method: string | undefined, url: string | undefined, cookieHeader: string | undefined): boolean {
  const target = url ?? "/";
  const q = target.indexOf("?");
  const pathname = q === -1 ? target : target.slice(0, q);
  // API routes do their own checks; the proxy did nothing for them but a request id (now server.ts's).
  if (pathname === "/api" || pathname.startsWith("/api/")) return false;
  // POSTs to pages are server actions: the cross-origin and body-size refusals.
  if (method !== "GET" && method !== "HEAD") return true;
  // Unprefixed paths (the locale redirect) are matched by path; static files and admin need nothing.
  if (!PAGE_PREFIX.test(pathname)) return false;
  if (hasCookie(cookieHeader, DRAFT_MODE_COOKIE)) return true;
  if (SEARCH.test(pathname)) return true;
  if (CONTACT.test(pathname)) {
    const params = new URLSearchParams(q === -1 ? "" : target.slice(q + 1));
    return CONTACT_DYNAMIC_KEYS.some((key) => params.has(key));
  }
  // An unknown walk or slug (404) or a removed step (308): the proxy answers those.
  let decoded: string;
  try {
    decoded = new URL(pathname, "http://x").pathname;
  } catch {
    return true;
  }
  return decidePublicPath(decoded).action !== "pass";
}

/** Marks `req` for the proxy when it needs it; a client's own mark is dropped first. */
export function gateProxy(req: IncomingMessage): void {
  delete req.headers[PROXY_GATE_HEADER];
  if (proxyNeeded(req.method, req.url, req.headers.cookie)) req.headers[PROXY_GATE_HEADER] = "1";
}
