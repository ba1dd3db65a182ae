// Sets next-auth's CSRF cookie and goes back to the login page, so that page can be a plain HTML form
// (server components cannot set cookies). Public by nature: it reveals nothing and changes nothing.
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, newCsrfCookie } from "@/lib/auth/csrf";
import { secureCookies } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { env } from "@/lib/env";

export async function GET(request: NextRequest) {
  // request.url carries the server's own host, not necessarily the one the browser used (127.0.0.1
  // vs localhost, a proxy's public name): answer with a relative Location so the cookie and the page
  // stay on the same origin.
  const back = new URL("/admin/login", "http://relative.invalid");
  const callbackUrl = safeCallbackPath(request.nextUrl.searchParams.get("callbackUrl"), env().APP_URL, "");
  if (callbackUrl) back.searchParams.set("callbackUrl", callbackUrl);
  for (const key of ["error", "notice"]) {
    const value = request.nextUrl.searchParams.get(key);
    if (value && /^[A-Za-z-]{1,40}$/.test(value)) back.searchParams.set(key, value);
  }
  back.searchParams.set("csrf", "1");
  const response = new NextResponse(null, { status: 303, headers: { Location: `${back.pathname}${back.search}` } });
  response.cookies.set(csrfCookieName(request.headers), newCsrfCookie().value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(request.headers),
  });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
