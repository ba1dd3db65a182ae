// The mail outbox: a mail is a row written in the same transaction as the change that causes it;
// lib/mail/ delivers pending rows via SMTP with retries (issue: ticket intake).
import "server-only";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { threadHeaders } from "@/lib/mail/threading";

export type OutgoingMail = { ticketId?: string | null; kind: string; to: string; subject: string; text: string };

/**
 * Queues a mail. A mail to the requester of its ticket joins the ticket's mail thread
 * (lib/mail/threading.ts), whoever queues it; a mail to staff about a ticket does not.
 */
export async function enqueueMail(tx: Prisma.TransactionClient, mail: OutgoingMail) {
  const ticketId = mail.ticketId ?? null;
  let thread = {};
  if (ticketId) {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { email: true, mailToken: true, lastInboundMessageId: true } });
    if (ticket && ticket.email.toLowerCase() === mail.to.toLowerCase()) {
      const previous = await tx.outboxMail.findFirst({
        where: { ticketId, messageId: { not: null } },
        orderBy: { createdAt: "desc" },
        select: { messageId: true },
      });
      const { MAIL_FROM, MAIL_REPLY_TO } = env();
      thread = threadHeaders({
        ticketId,
        mailToken: ticket.mailToken,
        from: MAIL_FROM,
        replyBase: MAIL_REPLY_TO ?? MAIL_FROM,
        previous: previous?.messageId ?? null,
        lastInbound: ticket.lastInboundMessageId,
      });
    }
  }
  // The row's insert trigger adds the delivery job at commit (migration 20261126170200_sla_alerts,
  // docs/decisions/0029-job-queue.md): the mail goes out as soon as the change is committed, from
  // whichever instance's worker takes the job.
  return tx.outboxMail.create({ data: { ...mail, ...thread, ticketId } });
}
