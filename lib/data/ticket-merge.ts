// Where a merged ticket lives on: the requester's status link, and later the mail loop threading
// replies by reference, follow mergedIntoId to the surviving ticket.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Merges are flattened (lib/tickets/merge.ts), so one hop is the rule; the bound guards bad data. */
const MAX_HOPS = 10;

/**
 * The ticket that `id` ended up in: itself when never merged, else the end of its mergedIntoId chain.
 * Null when `id` is no ticket.
 */
export async function resolveMergedTicket(id: string, client: Prisma.TransactionClient = db()) {
  let current = await client.ticket.findUnique({ where: { id }, select: { id: true, reference: true, status: true, email: true, mergedIntoId: true } });
  for (let hop = 0; current?.mergedIntoId && hop < MAX_HOPS; hop++) {
    current = await client.ticket.findUnique({ where: { id: current.mergedIntoId }, select: { id: true, reference: true, status: true, email: true, mergedIntoId: true } });
  }
  return current;
}

/** Same person: the one case where a merged ticket's requester may read the survivor's conversation. */
export const sameRequester = (a: { email: string }, b: { email: string }) => a.email.trim().toLowerCase() === b.email.trim().toLowerCase();
