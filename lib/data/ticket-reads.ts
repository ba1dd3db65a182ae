// Per-agent read marks behind the list's unread marker (decision 0019). Activity is kept on the
// ticket by lib/tickets/events.ts; this file only records that a staff member has seen it.
import "server-only";
import { db } from "@/lib/db";

/**
 * Marks the ticket read for this staff member only, as of its latest activity (or now, if later):
 * the database's clock and the ticket's own timestamp, so that app-server clock skew cannot leave a
 * just-opened ticket unread.
 */
export async function markTicketRead(me: { id: string }, ticketId: string) {
  await db().$executeRaw`
    INSERT INTO "TicketReadMark" ("staffId", "ticketId", "readAt")
    SELECT ${me.id}::uuid, t."id", GREATEST(now(), t."lastActivityAt") FROM "Ticket" t WHERE t."id" = ${ticketId}::uuid
    ON CONFLICT ("staffId", "ticketId") DO UPDATE SET "readAt" = GREATEST("TicketReadMark"."readAt", EXCLUDED."readAt")`;
}
