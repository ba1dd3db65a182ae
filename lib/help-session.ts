// The help-center session (issue 13, docs/decisions/0031): a random id in an httpOnly cookie that
// lasts until the browser closes, stored only as a keyed hash. It ties a visitor's step visits,
// "did this solve it?" votes, searches and ticket together without knowing who they are. It is set
// where a response may carry a cookie: the step-view beacon, the feedback action, the search-result
// click route, and the proxy for the dynamic search and contact pages (never on a pre-rendered page).
import "server-only";
import { createHash } from "node:crypto";
import { cookies, headers } from "next/headers";
import { authSecret, env } from "@/lib/env";
import { isHttpsRequest } from "@/lib/request-https";
import { HELP_SESSION_COOKIE, helpSessionIdFrom, helpSessionSetCookie, isHelpSessionId, newHelpSessionId } from "@/lib/help-session-cookie";

export { HELP_SESSION_COOKIE };

/**
 * The stored form of a session id: keyed with the app secret, so the tables alone reveal nothing.
 * The "step-feedback" label is the one votes were hashed with before sessions had other uses, so
 * older votes still join the same session.
 */
export function hashHelpSession(sessionId: string): string {
  return createHash("sha256").update(`${authSecret()}:step-feedback:${sessionId}`).digest("hex");
}

function secureCookie(requestHeaders: Headers): boolean {
  return isHttpsRequest(requestHeaders) || env().APP_URL.startsWith("https:");
}

/** For route handlers: the request's session hash, or null when it has no (valid) session cookie. */
export function helpSessionHashFrom(requestHeaders: Headers): string | null {
  const id = helpSessionIdFrom(requestHeaders.get("cookie"));
  return id ? hashHelpSession(id) : null;
}

/**
 * For route handlers: the request's session, or a new one with the Set-Cookie header value the
 * response must carry.
 */
export function startHelpSession(requestHeaders: Headers): { hash: string; setCookie: string | null } {
  const id = helpSessionIdFrom(requestHeaders.get("cookie"));
  if (id) return { hash: hashHelpSession(id), setCookie: null };
  const fresh = newHelpSessionId();
  return { hash: hashHelpSession(fresh), setCookie: helpSessionSetCookie(fresh, secureCookie(requestHeaders)) };
}

/** For pages and server actions: the session hash, or null without a session cookie. */
export async function currentHelpSessionHash(): Promise<string | null> {
  const id = (await cookies()).get(HELP_SESSION_COOKIE)?.value;
  return isHelpSessionId(id) ? hashHelpSession(id) : null;
}

/** For server actions: the session hash, starting a session when there is none. */
export async function ensureHelpSessionHash(): Promise<string> {
  const jar = await cookies();
  let id = jar.get(HELP_SESSION_COOKIE)?.value;
  if (!isHelpSessionId(id)) {
    id = newHelpSessionId();
    // No maxAge: a browser-session cookie, gone when the browser closes.
    jar.set(HELP_SESSION_COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookie(await headers()) });
  }
  return hashHelpSession(id);
}
