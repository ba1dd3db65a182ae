// Guards for the first line of every staff page, server action and route handler. They read the
// signed session and then the staff member from the database on every call, so a deactivated
// account or a changed role takes effect at the next request. The proxy does no auth at all.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkAccess, type Need } from "@/lib/auth/access";
import { authOptions, secureCookies } from "@/lib/auth/options";
import type { StaffSessionUser } from "@/lib/data/staff";

export type { StaffSessionUser };

async function sessionClaims(): Promise<{ id?: unknown; sv?: unknown }> {
  // Reading the request first marks every guarded page dynamic, so `next build` never prerenders one.
  const requestHeaders = await headers();
  const session = await getServerSession(authOptions(secureCookies(requestHeaders)));
  return (session?.user as { id?: unknown; sv?: unknown } | undefined) ?? {};
}

async function access(need: Need) {
  const { id, sv } = await sessionClaims();
  return checkAccess(id, need, sv);
}

async function requireFor(need: Need, callbackUrl?: string): Promise<StaffSessionUser> {
  const result = await access(need);
  if (result.ok) return result.user;
  if (result.reason === "forbidden") redirect("/admin/forbidden");
  const params = new URLSearchParams();
  if (callbackUrl) params.set("callbackUrl", callbackUrl);
  if (result.reason === "inactive") params.set("error", "Inactive");
  const query = params.toString();
  redirect(`/admin/login${query ? `?${query}` : ""}`);
}

/** Any active staff member (agent or admin); otherwise redirects to the login page. */
export function requireStaff(callbackUrl?: string): Promise<StaffSessionUser> {
  return requireFor("staff", callbackUrl);
}

/** An active editor or admin (content editing, issue 12); agents are sent to the "not allowed" page. */
export function requireEditor(callbackUrl?: string): Promise<StaffSessionUser> {
  return requireFor("editor", callbackUrl);
}

/** An active admin; agents are sent to the "not allowed" page, others to the login page. */
export function requireAdmin(callbackUrl?: string): Promise<StaffSessionUser> {
  return requireFor("admin", callbackUrl);
}

function refusal(reason: "anonymous" | "inactive" | "forbidden"): Response {
  const status = reason === "forbidden" ? 403 : 401;
  return Response.json({ error: status === 403 ? "forbidden" : "unauthorized" }, { status, headers: { "Cache-Control": "no-store" } });
}

/** For route handlers: the staff member, or a 401/403 response to return as is. */
export async function guardApi(need: Need): Promise<{ user: StaffSessionUser; response?: never } | { response: Response; user?: never }> {
  const result = await access(need);
  if (result.ok) return { user: result.user };
  return { response: refusal(result.reason) };
}

/**
 * For a response that stays open (the live stream): the staff member at connect time, when the
 * session says it ends, and `stillAllowed()` to ask again about the same session later, since a
 * deactivation or a password reset must end a stream that is already open.
 */
export async function guardStream(need: Need): Promise<
  | { user: StaffSessionUser; expiresAt: number; stillAllowed: () => Promise<boolean>; response?: never }
  | { response: Response; user?: never }
> {
  const requestHeaders = await headers();
  const session = await getServerSession(authOptions(secureCookies(requestHeaders)));
  const { id, sv, exp } = (session?.user as { id?: unknown; sv?: unknown; exp?: unknown } | undefined) ?? {};
  const result = await checkAccess(id, need, sv);
  if (!result.ok) return { response: refusal(result.reason) };
  // The token's own expiry (seconds); a session without one is treated as ending now, not never.
  const expiresAt = typeof exp === "number" ? exp * 1000 : Date.now();
  return {
    user: result.user,
    expiresAt,
    stillAllowed: async () => (await checkAccess(id, need, sv)).ok,
  };
}

/** The signed-in staff member or null, for pages that render either way (the login page). */
export async function currentStaff(): Promise<StaffSessionUser | null> {
  const result = await access("staff");
  return result.ok ? result.user : null;
}

/**
 * The signed-in editor (or admin) or null, without redirecting: a public page in draft mode renders the
 * drafts only for them, and the live content for anyone else (issue 12).
 */
export async function currentEditor(): Promise<StaffSessionUser | null> {
  const result = await access("editor");
  return result.ok ? result.user : null;
}
