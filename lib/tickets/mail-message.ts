// A requester's mail on their ticket (issue 11): the same use case as a message from the status page
// (appendRequesterMessage), in one transaction with the inbound row's move to "applied", so the mail is
// applied exactly once however often it was fetched.
import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { settleInboundMail } from "@/lib/data/inbound-mail";
import { getSignOff } from "@/lib/data/settings";
import type { InboundFile } from "@/lib/mail/inbound/parse";
import { secretMaskedMail } from "@/lib/mail/templates";
import { appendRequesterMessage } from "@/lib/tickets/requester-message";
import { mintStatusToken, statusUrl } from "@/lib/tickets/status-link";

export class TicketClosedToMail extends Error {
  constructor() {
    super("the ticket takes no messages");
  }
}

export type MailMessage = { inboundId: string; messageId: string | null; body: string; files: InboundFile[]; masked: boolean };

/** Applies the mail to the ticket; false when another worker already did. Throws TicketClosedToMail for a closed ticket. */
export async function applyMailToTicket(ticketId: string, mail: MailMessage, now = new Date()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    if (!(await settleInboundMail(mail.inboundId, { state: "applied", ticketId }, tx, now))) return false;
    const added = await appendRequesterMessage(tx, ticketId, { body: mail.body, files: mail.files, visibility: "public", via: "mail", now });
    if (!added) throw new TicketClosedToMail();
    const ticket = await tx.ticket.update({
      where: { id: ticketId },
      data: { lastInboundMessageId: mail.messageId ?? undefined },
      select: { email: true, name: true, reference: true, locale: true },
    });
    if (mail.masked) {
      const locale = ticket.locale === "en" ? "en" : "ja";
      const link = statusUrl(locale, await mintStatusToken(tx, ticketId, now));
      const text = secretMaskedMail({ locale, name: ticket.name, reference: ticket.reference, statusUrl: link, signOff: await getSignOff(tx) });
      await enqueueMail(tx, { ticketId, kind: "secret-masked", to: ticket.email, ...text });
    }
    return true;
  });
}
