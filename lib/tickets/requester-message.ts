import "server-only";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import { ticketByTokenWhere } from "@/lib/data/tickets";
import type { Screenshot } from "@/lib/screenshot";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent } from "@/lib/tickets/events";
import { notifyRequesterMessage } from "@/lib/tickets/notify";
import { requesterCanWrite, statusAfterRequesterMessage, type TicketStatus } from "@/lib/tickets/workflow";

/**
 * Adds a requester message (and screenshot) through the status link. A message on a ticket that
 * waits for the requester reopens it; the assignee is notified. Null when the token is unknown, expired or the ticket closed.
 * The status link of a merged ticket keeps working: the message lands on the surviving ticket.
 */
export async function addRequesterMessage(token: string, body: string, screenshot: Screenshot | null, now = new Date()) {
  return db().$transaction(async (tx) => {
    const linked = await tx.ticket.findFirst({ where: await ticketByTokenWhere(token, now, tx), select: { id: true, email: true, mergedIntoId: true } });
    if (!linked) return null;
    const ticket = linked.mergedIntoId ? await resolveMergedTicket(linked.id, tx) : linked;
    if (!ticket) return null;
    // Lock the row: a staff status change and this reopen must not interleave.
    const [locked] = await tx.$queryRaw<{ status: string; email: string; assigneeId: string | null }[]>`SELECT "status"::text, "email", "assigneeId"::text FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
    if (!requesterCanWrite(locked.status)) return null;
    // Someone else's request survived the merge: their requester must not read this person's text.
    const visibility = sameRequester(linked, locked) ? "public" : "internal";
    const message = await insertMessage(tx, { ticketId: ticket.id, authorType: "requester", visibility, body });
    await recordEvent(tx, ticket.id, { type: "requester" }, { kind: "requester_message", after: { messageId: message.id }, at: now });
    if (screenshot) {
      const file = await insertAttachment(tx, ticket.id, screenshot, message.id);
      await recordEvent(tx, ticket.id, { type: "requester" }, { kind: "attachment", after: { attachmentId: file.id, filename: file.filename }, at: now });
    }
    const next = statusAfterRequesterMessage(locked.status as TicketStatus);
    if (next !== locked.status) {
      await tx.ticket.update({ where: { id: ticket.id }, data: { status: next } });
      await recordEvent(tx, ticket.id, { type: "requester" }, { kind: "status", before: { status: locked.status }, after: { status: next }, at: now });
    } else {
      await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    }
    await notifyRequesterMessage(tx, { id: ticket.id, assigneeId: locked.assigneeId }, now);
    return { messageId: message.id, ticketId: ticket.id };
  });
}
