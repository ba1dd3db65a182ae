import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { getSignOff } from "@/lib/data/settings";
import { staffReplyMail } from "@/lib/mail/templates";
import { applyStatus, type Actor } from "@/lib/tickets/change-properties";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { lockTicket } from "@/lib/tickets/lock";
import { mintStatusToken, statusUrl } from "@/lib/tickets/status-link";
import { canTransition } from "@/lib/tickets/workflow";

export type ReplyThen = "waiting" | "open" | "resolved" | "keep";

/** A public reply: the message, its event, the first-response time, the mail with a fresh status link (same transaction). */
export async function addReply(actor: Actor, ticketId: string, body: string, then: ReplyThen) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    const now = new Date();
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "public", body, createdAt: now },
      select: { id: true },
    });
    await recordEvent(tx, ticket.id, staffActor(actor), { kind: "reply", after: { messageId: message.id }, at: now });
    await tx.ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: ticket.firstResponseAt ?? now, updatedAt: now } });
    const locale = ticket.locale === "en" ? "en" : "ja";
    const link = statusUrl(locale, await mintStatusToken(tx, ticket.id, now));
    const mail = staffReplyMail({ locale, name: ticket.name, reference: ticket.reference, body, statusUrl: link, signOff: await getSignOff(tx) });
    await enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: ticket.email, ...mail });
    if (then !== "keep" && then !== ticket.status && canTransition(ticket.status, then)) {
      await applyStatus(tx, actor, ticket, then, new Date(now.getTime() + 1));
    }
    return message;
  });
}
