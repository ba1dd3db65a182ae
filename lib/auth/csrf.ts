// next-auth's CSRF double-submit token, made here so that the server-rendered login page can put it
// in a plain HTML form (no JavaScript). Same format as next-auth v4 (core/lib/csrf-token.js):
// cookie "<token>|sha256(token + secret)", form field "csrfToken" = token.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";
import { secureCookies } from "@/lib/auth/options";

/** next-auth's name for the cookie, which depends on whether this request uses secure cookies. */
export function csrfCookieName(requestHeaders: Headers): string {
  return `${secureCookies(requestHeaders) ? "__Host-" : ""}next-auth.csrf-token`;
}

const hashOf = (token: string) => createHash("sha256").update(`${token}${authSecret()}`).digest("hex");

/** The token inside a valid cookie value, or null. */
export function csrfTokenFromCookie(value: string | undefined): string | null {
  if (!value) return null;
  const [token, hash] = value.split("|");
  if (!token || !hash) return null;
  const expected = Buffer.from(hashOf(token));
  const given = Buffer.from(hash);
  return expected.length === given.length && timingSafeEqual(expected, given) ? token : null;
}

export function newCsrfCookie(): { token: string; value: string } {
  const token = randomBytes(32).toString("hex");
  return { token, value: `${token}|${hashOf(token)}` };
}
