// The mail outbox: a mail is a row written in the same transaction as the change that causes it;
// lib/mail/ delivers pending rows via SMTP with retries (issue: ticket intake).
import "server-only";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addJob, TASKS } from "@/lib/jobs/queue";
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
  const row = await tx.outboxMail.create({ data: { ...mail, ...thread, ticketId } });
  // The delivery job commits with the mail, so it goes out as soon as the change is committed, from
  // whichever instance's worker takes the job; a burst of mails collapses into one pending job
  // (docs/decisions/0029-job-queue.md).
  await addJob(tx, TASKS.deliverMail, { jobKey: TASKS.deliverMail });
  return row;
}
