// Marking a "didn't work" comment handled, or open again (issue 13: a list editors work through).
// Editors and admins may; agents only read the list. Who and when are kept on the row.
import "server-only";
import { db } from "@/lib/db";
import type { StaffSessionUser } from "@/lib/data/staff";

export type HandledResult = { ok: true } | { ok: false; reason: "forbidden" | "not-found" };

/** Editors and admins work the feedback list (issue 12 adds the editor role; admins may do all it may). */
export function mayHandleFeedback(user: Pick<StaffSessionUser, "role">): boolean {
  // A string compare, so this reads the same before and after the editor role exists.
  const role: string = user.role;
  return role === "admin" || role === "editor";
}

export async function setFeedbackHandled(user: StaffSessionUser, feedbackId: string, handled: boolean, now: Date = new Date()): Promise<HandledResult> {
  if (!mayHandleFeedback(user)) return { ok: false, reason: "forbidden" };
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(feedbackId)) return { ok: false, reason: "not-found" };
  const { count } = await db().stepFeedback.updateMany({
    where: { id: feedbackId, helpful: false, comment: { not: null } },
    data: handled ? { handledAt: now, handledById: user.id } : { handledAt: null, handledById: null },
  });
  return count ? { ok: true } : { ok: false, reason: "not-found" };
}
