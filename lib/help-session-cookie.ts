// The help-center session cookie's name and shape, without server-only imports, so the proxy
// (proxy.ts) can start a session for the dynamic pages too (docs/decisions/0031).

/** The name from issue 9, when the cookie only keyed feedback votes: kept, so live sessions carry on. */
export const HELP_SESSION_COOKIE = "tebiki_feedback_session";

const SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

export function isHelpSessionId(value: string | undefined | null): value is string {
  return typeof value === "string" && SHAPE.test(value);
}

/** 24 random bytes, base64url (32 characters). */
export function newHelpSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Buffer.from(bytes).toString("base64url");
}

/** The session id in a Cookie header, if it has a well-formed one. */
export function helpSessionIdFrom(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === HELP_SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (isHelpSessionId(value)) return value;
    }
  }
  return null;
}

/** No Max-Age: a browser-session cookie, gone when the browser closes. */
export function helpSessionSetCookie(id: string, secure: boolean): string {
  return `${HELP_SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
