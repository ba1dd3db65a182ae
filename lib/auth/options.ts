// next-auth v4 configuration: e-mail + password (Credentials, JWT sessions) and, when OIDC_* are set,
// one OpenID Connect provider. The session only says who signed in; lib/auth/guards.ts re-reads the
// staff member from the database on every request.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFrom } from "@/lib/client-ip";
import { findActiveStaffByEmail, markLoggedIn } from "@/lib/data/staff";
import { authSecret, env } from "@/lib/env";
import { verifyLogin } from "@/lib/auth/credentials";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { isHttpsRequest } from "@/lib/request-https";

export const SESSION_HOURS = 12;

/**
 * Secure cookies (and next-auth's __Secure-/__Host- names) whenever this request came over https,
 * directly or through the trusted proxy, and always when the public URL is https.
 */
export function secureCookies(requestHeaders: Headers): boolean {
  return isHttpsRequest(requestHeaders) || (process.env.NEXTAUTH_URL ?? env().APP_URL).startsWith("https://");
}

export function oidcEnabled(): boolean {
  return Boolean(env().OIDC_ISSUER && env().OIDC_CLIENT_ID && env().OIDC_CLIENT_SECRET);
}

/** Thrown from authorize(); next-auth turns the message into ?error=RateLimited on the login page. */
export const RATE_LIMITED = "RateLimited";

// One set of options per cookie mode: the cookie names differ, the rest is the same.
const cached = new Map<boolean, NextAuthOptions>();

export function authOptions(secure: boolean): NextAuthOptions {
  const known = cached.get(secure);
  if (known) return known;
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req?.headers ?? {})) if (typeof v === "string") headers.set(k, v);
        const result = await verifyLogin(credentials?.email ?? "", credentials?.password ?? "", clientIpFrom(headers));
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        if (result.reason === "rate-limited") throw new Error(RATE_LIMITED);
        return null;
      },
    }),
  ];
  if (oidcEnabled()) {
    providers.push({
      id: "oidc",
      name: "SSO",
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    });
  }
  const options: NextAuthOptions = {
    secret: authSecret(),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers,
    callbacks: {
      // An IdP login is accepted only for an active staff member with that e-mail; the token then
      // carries the staff id, never the IdP's subject.
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const staff = user.email ? await findActiveStaffByEmail(user.email) : null;
        if (!staff) return false;
        await markLoggedIn(staff.id);
        user.id = staff.id;
        (user as { sessionVersion?: number }).sessionVersion = staff.sessionVersion;
        return true;
      },
      // The account's session version at sign-in rides in the token: lib/auth/access.ts refuses the
      // session once a password reset has moved the account's on.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        // exp: when the signed token runs out; the live stream closes then (getServerSession drops `expires`).
        return { ...session, user: { ...session.user, id: token.sub, sv: token.sv, exp: token.exp } };
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
  };
  cached.set(secure, options);
  return options;
}
