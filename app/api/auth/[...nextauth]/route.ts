import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { LOGIN_EMAIL_COOKIE, loginEmailCookieOptions, plausibleLoginEmail } from "@/lib/auth/login-email";
import { authOptions, secureCookies } from "@/lib/auth/options";
import { withDatabaseOutage } from "@/lib/database-unavailable";

// Options are built per request: `next build` loads this module without an environment.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const signingIn = request.method === "POST" && (await context.params).nextauth.join("/") === "callback/credentials";
  const typed = signingIn ? plausibleLoginEmail(String((await request.clone().formData().catch(() => null))?.get("email") ?? "").trim()) : "";
  const response = await NextAuth(authOptions(secureCookies(request.headers)))(request, context);
  // next-auth answers a failed sign-in with a redirect to the login page that drops what was typed;
  // the page reads the address back from this cookie (lib/auth/login-email.ts).
  if (!signingIn) return response;
  const failed = /[?&]error=/.test(response.headers.get("location") ?? "");
  const answer = new NextResponse(response.body, response);
  // Kept only until the next successful sign-in: the address has done its job by then.
  if (failed && typed) answer.cookies.set(LOGIN_EMAIL_COOKIE, typed, loginEmailCookieOptions(request.headers));
  else answer.cookies.set(LOGIN_EMAIL_COOKIE, "", { ...loginEmailCookieOptions(request.headers), maxAge: 0 });
  return answer;
}

const guarded = withDatabaseOutage(handler);
export { guarded as GET, guarded as POST };
