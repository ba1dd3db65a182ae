// The e-mail typed on the login page, kept across next-auth's redirect after a failed sign-in (its
// error redirect carries no form data) and handed over after a password is set from a mailed link.
// A short-lived httpOnly cookie rather than a query parameter: addresses stay out of URLs and logs.
import "server-only";
import { secureCookies } from "@/lib/auth/options";

export const LOGIN_EMAIL_COOKIE = "tebiki-login-email";

export function loginEmailCookieOptions(requestHeaders: Headers) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/admin/login", maxAge: 600, secure: secureCookies(requestHeaders) };
}

/** Only something that looks like an address is kept or put back into the form. */
export function plausibleLoginEmail(value: string | undefined): string {
  return value && value.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(value) ? value : "";
}
