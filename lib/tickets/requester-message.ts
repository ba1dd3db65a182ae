import "server-only";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import { ticketByTokenWhere } from "@/lib/data/tickets";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Screenshot } from "@/lib/screenshot";
import type { StaffFile } from "@/lib/staff-attachments";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent } from "@/lib/tickets/events";
import { applySla } from "@/lib/tickets/sla";
import { notifyRequesterMessage } from "@/lib/tickets/notify";
import { requesterCanWrite, statusAfterRequesterMessage, statusTimestamps, type TicketStatus } from "@/lib/tickets/workflow";

type Tx = Prisma.TransactionClient;

export type RequesterMessage = {
  body: string;
  /** Checked by content already: a screenshot from the status page, image or PDF from a mail. */
  files: (Screenshot | StaffFile)[];
  /** Internal when the text is another person's than the ticket's requester (a merge; decision 0018). */
  visibility: "public" | "internal";
  /** How it came: through the status page, or by mail (issue 11). */
  via: "web" | "mail";
  now: Date;
};

/**
 * The requester's message on a ticket, whichever way it came: locks the row, refuses a ticket that no
 * longer takes messages (null), writes the message, its files and their history, reopens per the
 * workflow and notifies the assignee (or the queue), all in the caller's transaction.
 */
export async function appendRequesterMessage(tx: Tx, ticketId: string, m: RequesterMessage) {
  // Lock the row: a staff status change and this reopen must not interleave.
  const [locked] = await tx.$queryRaw<{ status: string; assigneeId: string | null; guideId: string | null }[]>`
    SELECT "status"::text, "assigneeId"::text, "guideId" FROM "Ticket" WHERE "id" = ${ticketId}::uuid FOR UPDATE`;
  if (!locked || !requesterCanWrite(locked.status)) return null;
  const message = await insertMessage(tx, { ticketId, authorType: "requester", visibility: m.visibility, body: m.body });
  const after = m.via === "mail" ? { messageId: message.id, via: "mail" } : { messageId: message.id };
  await recordEvent(tx, ticketId, { type: "requester" }, { kind: "requester_message", after, at: m.now });
  for (const file of m.files) {
    const stored = await insertAttachment(tx, ticketId, file, message.id);
    await recordEvent(tx, ticketId, { type: "requester" }, { kind: "attachment", after: { attachmentId: stored.id, filename: stored.filename }, at: m.now });
  }
  const from = locked.status as TicketStatus;
  const next = statusAfterRequesterMessage(from);
  if (next !== from) {
    await tx.ticket.update({ where: { id: ticketId }, data: { status: next, ...statusTimestamps(from, next, m.now) } });
    await recordEvent(tx, ticketId, { type: "requester" }, { kind: "status", before: { status: locked.status }, after: { status: next }, at: m.now });
    await applySla(tx, ticketId, "status");
  }
  await notifyRequesterMessage(tx, { id: ticketId, assigneeId: locked.assigneeId, guideId: locked.guideId }, m.now);
  return { messageId: message.id, ticketId };
}

/**
 * Adds a requester message (and screenshot) through the status link. Null when the token is unknown,
 * expired or the ticket closed. The status link of a merged ticket keeps working: the message lands
 * on the surviving ticket.
 */
export async function addRequesterMessage(token: string, body: string, screenshot: Screenshot | null, now = new Date()) {
  return db().$transaction(async (tx) => {
    const linked = await tx.ticket.findFirst({ where: await ticketByTokenWhere(token, now, tx), select: { id: true, email: true, mergedIntoId: true } });
    if (!linked) return null;
    const ticket = linked.mergedIntoId ? await resolveMergedTicket(linked.id, tx) : linked;
    if (!ticket) return null;
    // Someone else's request survived the merge: their requester must not read this person's text.
    const visibility = sameRequester(linked, ticket) ? "public" : "internal";
    return appendRequesterMessage(tx, ticket.id, { body, files: screenshot ? [screenshot] : [], visibility, via: "web", now });
  });
}
