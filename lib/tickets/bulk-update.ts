import "server-only";
import { db } from "@/lib/db";
import { applyAssignee, applyPriority, applyStatus, type Actor } from "@/lib/tickets/change-properties";
import { TicketError } from "@/lib/tickets/errors";
import { lockTicket } from "@/lib/tickets/lock";
import { assertNotMoved } from "@/lib/tickets/version";
import { canTransition } from "@/lib/tickets/workflow";
import type { BulkAction } from "@/lib/validation/triage";

/**
 * One change applied to many tickets; tickets where the change does not apply are skipped. With
 * `baseVersions` (ticket id → the version the list showed), a ticket whose properties moved since is
 * skipped too and counted in `moved`: the agent chose it on what the list showed (decision 0018).
 */
export async function bulkUpdate(
  actor: Actor,
  ticketIds: string[],
  action: BulkAction,
  baseVersions: Record<string, number> = {},
): Promise<{ changed: number; skipped: number; moved: number }> {
  let changed = 0;
  let skipped = 0;
  let moved = 0;
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
      if (ticket.mergedIntoId) {
        skipped++;
        continue;
      }
      try {
        await assertNotMoved(tx, ticket, baseVersions[id], "properties");
      } catch (error) {
        if (!(error instanceof TicketError)) throw error;
        moved++;
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
  return { changed, skipped, moved };
}
