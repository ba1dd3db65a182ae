import "server-only";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import type { StaffFile } from "@/lib/staff-attachments";
import type { Actor } from "@/lib/tickets/change-properties";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { assertNotMerged, lockTicket } from "@/lib/tickets/lock";
import { assertNotMoved } from "@/lib/tickets/version";

/** An internal note: staff only, never mailed, never on the requester's page. */
export type NoteOptions = { files?: StaffFile[]; baseVersion?: number };

export async function addNote(actor: Actor, ticketId: string, body: string, { files = [], baseVersion }: NoteOptions = {}) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    assertNotMerged(ticket);
    await assertNotMoved(tx, ticket, baseVersion, "message");
    const now = new Date();
    const message = await insertMessage(tx, { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "internal", body, createdAt: now });
    const names: string[] = [];
    for (const file of files) names.push((await insertAttachment(tx, ticket.id, file, message.id)).filename);
    await recordEvent(tx, ticket.id, staffActor(actor), { kind: "note", after: names.length ? { messageId: message.id, attachments: names } : { messageId: message.id }, at: now });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    return message;
  });
}
