import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/tickets/change-properties";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { lockTicket } from "@/lib/tickets/lock";

/** An internal note: staff only, never mailed, never on the requester's page. */
export async function addNote(actor: Actor, ticketId: string, body: string) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    const now = new Date();
    const message = await insertMessage(tx, { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "internal", body, createdAt: now });
    await recordEvent(tx, ticket.id, staffActor(actor), { kind: "note", after: { messageId: message.id }, at: now });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    return message;
  });
}
