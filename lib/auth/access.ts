// The access decision behind every guard, apart from Next's request APIs so it can be tested on its
// own: the session names a staff id; the database says whether that person may still come in.
import "server-only";
import { findStaffById, type StaffSessionUser } from "@/lib/data/staff";

/** staff: any active staff member; editor: may edit content (editors and admins, issue 12); admin: admins only. */
export type Need = "staff" | "editor" | "admin";
export type Access = { ok: true; user: StaffSessionUser } | { ok: false; reason: "anonymous" | "inactive" | "forbidden" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `sessionVersion` is the account's version when the session was signed in (absent in sessions made
 * before versions existed: 0). A password reset bumps the account's, which ends every older session.
 */
export async function checkAccess(sessionUserId: unknown, need: Need, sessionVersion: unknown = 0): Promise<Access> {
  // Never hand a missing id to a query: `where: { id: undefined }` would match anyone.
  if (typeof sessionUserId !== "string" || !UUID.test(sessionUserId)) return { ok: false, reason: "anonymous" };
  const user = await findStaffById(sessionUserId);
  if (!user) return { ok: false, reason: "anonymous" };
  if ((typeof sessionVersion === "number" ? sessionVersion : 0) !== user.sessionVersion) return { ok: false, reason: "anonymous" };
  if (!user.active) return { ok: false, reason: "inactive" };
  if (need === "admin" && user.role !== "admin") return { ok: false, reason: "forbidden" };
  if (need === "editor" && user.role !== "editor" && user.role !== "admin") return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}
