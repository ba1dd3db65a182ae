// Data layer for tickets. Pages and actions call these; they never import Prisma themselves.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newSecretToken } from "@/lib/tokens";

type Tx = Prisma.TransactionClient | PrismaClient;

/** How long a requester's status link stays valid. */
export const STATUS_TOKEN_DAYS = 180;

/** The next reference for a guide prefix, e.g. SSO-2026-000123; one atomic upsert, safe under concurrency. */
export async function nextReference(tx: Tx, prefix: string, now = new Date()): Promise<string> {
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(now));
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES (${prefix}, ${year}, 1)
    ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + 1
    RETURNING "last"`;
  return `${prefix}-${year}-${String(rows[0].last).padStart(6, "0")}`;
}

export type NewTicket = Omit<
  Prisma.TicketUncheckedCreateInput,
  "id" | "reference" | "statusTokenHash" | "statusTokenExpiresAt"
> & { referencePrefix: string };

/**
 * Inserts a ticket with its reference, its status-link token and a "created" event, in the
 * given transaction. Returns the ticket and the plain token (shown once, never stored).
 */
export async function insertTicket(tx: Tx, input: NewTicket) {
  const { referencePrefix, ...data } = input;
  const { token, hash } = newSecretToken();
  const now = new Date();
  const ticket = await tx.ticket.create({
    data: {
      ...data,
      reference: await nextReference(tx, referencePrefix, now),
      statusTokenHash: hash,
      statusTokenExpiresAt: new Date(now.getTime() + STATUS_TOKEN_DAYS * 86_400_000),
    },
  });
  await tx.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      actorType: "requester",
      kind: "created",
      after: { status: ticket.status, priority: ticket.priority },
      createdAt: ticket.createdAt,
    },
  });
  return { ticket, token };
}

export async function countTickets(): Promise<number> {
  return db().ticket.count();
}
