import "server-only";
import { csatUrls } from "@/lib/csat/links";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import { enqueueMail } from "@/lib/data/outbox";
import { getSignOff } from "@/lib/data/settings";
import { staffReplyMail } from "@/lib/mail/templates";
import { applyStatus, type Actor } from "@/lib/tickets/change-properties";
import { insertMessage } from "@/lib/tickets/add-message";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { applySla } from "@/lib/tickets/sla";
import { assertNotMerged, lockTicket } from "@/lib/tickets/lock";
import { renderPlaceholders } from "@/lib/tickets/placeholders";
import { mintStatusToken, statusUrl } from "@/lib/tickets/status-link";
import { assertNotMoved } from "@/lib/tickets/version";
import { canTransition } from "@/lib/tickets/workflow";
import type { StaffFile } from "@/lib/staff-attachments";

export type ReplyThen = "waiting" | "open" | "resolved" | "keep";

/**
 * A public reply: the message, its files, its event, the first-response time, the mail with a fresh
 * status link (same transaction). The message keeps {{status_link}} as written; the mail fills it (lib/tickets/placeholders.ts).
 */
export type ReplyOptions = { files?: StaffFile[]; baseVersion?: number };

export async function addReply(actor: Actor, ticketId: string, body: string, then: ReplyThen, { files = [], baseVersion }: ReplyOptions = {}) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    assertNotMerged(ticket);
    await assertNotMoved(tx, ticket, baseVersion, "message");
    const now = new Date();
    const message = await insertMessage(tx, { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "public", body, createdAt: now });
    const attachments = [];
    for (const file of files) attachments.push(await insertAttachment(tx, ticket.id, file, message.id));
    const after = attachments.length ? { messageId: message.id, attachments: attachments.map((a) => a.filename) } : { messageId: message.id };
    await recordEvent(tx, ticket.id, staffActor(actor), { kind: "reply", after, at: now });
    await tx.ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: ticket.firstResponseAt ?? now, updatedAt: now } });
    await applySla(tx, ticket.id, "first-reply");
    const locale = ticket.locale === "en" ? "en" : "ja";
    const link = statusUrl(locale, await mintStatusToken(tx, ticket.id, now));
    const moveTo = then !== "keep" && then !== ticket.status && canTransition(ticket.status, then) ? then : null;
    const text = renderPlaceholders(body, { locale, name: ticket.name, reference: ticket.reference, statusLink: link });
    const mail = staffReplyMail({
      locale,
      name: ticket.name,
      reference: ticket.reference,
      body: text,
      attachments: attachments.map((a) => a.filename),
      statusUrl: link,
      signOff: await getSignOff(tx),
      // A reply that resolves asks for the rating itself: one mail, not a reply and a "resolved" (0030).
      csat: moveTo === "resolved" ? csatUrls(link) : undefined,
    });
    await enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: ticket.email, ...mail });
    if (moveTo) await applyStatus(tx, actor, ticket, moveTo, new Date(now.getTime() + 1), { resolveMail: false });
    return message;
  });
}
