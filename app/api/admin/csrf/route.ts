// Sets next-auth's CSRF cookie and goes back to the login page, so that page can be a plain HTML form
// (server components cannot set cookies). Public by nature: it reveals nothing and changes nothing.
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookieName, newCsrfCookie } from "@/lib/auth/csrf";
import { secureCookies } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirect";

export async function GET(request: NextRequest) {
  const back = new URL("/admin/login", request.url);
  const callbackUrl = safeCallbackPath(request.nextUrl.searchParams.get("callbackUrl"), request.url, "");
  if (callbackUrl) back.searchParams.set("callbackUrl", callbackUrl);
  const error = request.nextUrl.searchParams.get("error");
  if (error && /^[A-Za-z]{1,40}$/.test(error)) back.searchParams.set("error", error);
  back.searchParams.set("csrf", "1");
  const response = NextResponse.redirect(back, 303);
  response.cookies.set(csrfCookieName(), newCsrfCookie().value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
  });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
