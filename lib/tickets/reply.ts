import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { staffReplyMail } from "@/lib/mail/templates";
import { applyStatus, type Actor } from "@/lib/tickets/change-properties";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { lockTicket } from "@/lib/tickets/lock";
import { canTransition } from "@/lib/tickets/workflow";

export type ReplyThen = "waiting" | "open" | "resolved" | "keep";

/** A public reply: the message, its event, the first-response time, the mail (same transaction). */
export async function addReply(actor: Actor, ticketId: string, body: string, then: ReplyThen) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    const now = new Date();
    const message = await insertMessage(tx, { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "public", body, createdAt: now });
    await recordEvent(tx, ticket.id, staffActor(actor), { kind: "reply", after: { messageId: message.id }, at: now });
    await tx.ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: ticket.firstResponseAt ?? now, updatedAt: now } });
    const mail = staffReplyMail({ locale: ticket.locale === "en" ? "en" : "ja", name: ticket.name, reference: ticket.reference, body });
    await enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: ticket.email, ...mail });
    if (then !== "keep" && then !== ticket.status && canTransition(ticket.status, then)) {
      await applyStatus(tx, actor, ticket, then, new Date(now.getTime() + 1));
    }
    return message;
  });
}
