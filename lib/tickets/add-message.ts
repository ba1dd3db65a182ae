import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type MessageData = {
  ticketId: string;
  authorType: "staff" | "requester" | "system";
  authorId?: string;
  visibility: "public" | "internal";
  body: string;
  createdAt?: Date;
};

/**
 * Writes a message or internal note and appends its text to the ticket's "searchText" in the same
 * transaction, so that the staff list finds it at once (decision 0023). Every message goes through
 * here: a message written elsewhere would be invisible to search.
 */
export async function insertMessage(tx: Prisma.TransactionClient, data: MessageData) {
  const message = await tx.ticketMessage.create({ data, select: { id: true } });
  await tx.$executeRaw`
    UPDATE "Ticket" SET "searchText" = CASE WHEN "searchText" = '' THEN ${data.body} ELSE "searchText" || E'\n' || ${data.body} END
    WHERE "id" = ${data.ticketId}::uuid`;
  return message;
}

/**
 * Rebuilds a ticket's "searchText" from its messages, for a change that moves messages between
 * tickets (merge.ts) rather than adding one.
 */
export async function rebuildSearchText(tx: Prisma.TransactionClient, ticketId: string) {
  await tx.$executeRaw`
    UPDATE "Ticket" SET "searchText" = coalesce(
      (SELECT string_agg(m."body", E'\n' ORDER BY m."createdAt", m."id") FROM "TicketMessage" m WHERE m."ticketId" = ${ticketId}::uuid), '')
    WHERE "id" = ${ticketId}::uuid`;
}
