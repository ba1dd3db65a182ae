import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TicketError } from "@/lib/tickets/errors";

/** Locks a ticket's row for the rest of the transaction and reads what the use cases decide on. */
export async function lockTicket(tx: Prisma.TransactionClient, ticketId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Ticket" WHERE "id" = ${ticketId}::uuid FOR UPDATE`;
  if (!rows.length) throw new TicketError("not-found");
  return tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      id: true,
      reference: true,
      status: true,
      priority: true,
      assigneeId: true,
      firstResponseAt: true,
      resolvedAt: true,
      locale: true,
      email: true,
      name: true,
      version: true,
      mergedIntoId: true,
    },
  });
}
export type LockedTicket = Awaited<ReturnType<typeof lockTicket>>;

/** Staff work on a merged ticket goes to its survivor; the source stays as it was merged. */
export function assertNotMerged(ticket: { mergedIntoId: string | null }) {
  if (ticket.mergedIntoId) throw new TicketError("merged");
}
