// The mail outbox: a mail is a row written in the same transaction as the change that causes it;
// lib/mail/ delivers pending rows via SMTP with retries (issue: ticket intake).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type OutgoingMail = { ticketId?: string | null; kind: string; to: string; subject: string; text: string };

export async function enqueueMail(tx: Prisma.TransactionClient, mail: OutgoingMail) {
  return tx.outboxMail.create({ data: { ...mail, ticketId: mail.ticketId ?? null } });
}
