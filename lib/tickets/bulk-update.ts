import "server-only";
import { db } from "@/lib/db";
import { applyAssignee, applyPriority, applyStatus, type Actor } from "@/lib/tickets/change-properties";
import { lockTicket } from "@/lib/tickets/lock";
import { canTransition } from "@/lib/tickets/workflow";
import type { BulkAction } from "@/lib/validation/triage";

/** One change applied to many tickets; tickets where the change does not apply are skipped. */
export async function bulkUpdate(actor: Actor, ticketIds: string[], action: BulkAction): Promise<{ changed: number; skipped: number }> {
  let changed = 0;
  let skipped = 0;
  await db().$transaction(async (tx) => {
    const now = new Date();
    for (const id of [...new Set(ticketIds)].sort()) {
      let ticket;
      try {
        ticket = await lockTicket(tx, id);
      } catch {
        skipped++;
        continue;
      }
      let did = false;
      if (action.action === "status") {
        if (ticket.status !== action.status && canTransition(ticket.status, action.status)) did = await applyStatus(tx, actor, ticket, action.status, now);
      } else if (action.action === "priority") did = await applyPriority(tx, actor, ticket, action.priority, now);
      else did = await applyAssignee(tx, actor, ticket, action.assigneeId, now);
      if (did) changed++;
      else skipped++;
    }
  });
  return { changed, skipped };
}
