// Optimistic concurrency (decision 0018): a staff form carries the ticket version its page showed.
// Under the row lock, the events recorded since then decide whether the change still makes sense.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketChange } from "@/lib/tickets/describe-change";
import { TicketError } from "@/lib/tickets/errors";

/**
 * What a change must not overlook. A properties form decided on the properties it showed; a reply
 * or note was written for the conversation and state it showed (Zendesk-like: a new message or a
 * status change is worth a second look, an assignee or priority change is not). A merge moves the
 * conversation away, so everything stops on it.
 */
export const MATTERS = {
  properties: ["status", "priority", "assignee", "merged"],
  message: ["reply", "note", "requester_message", "status", "merged"],
} as const;
export type ChangeScope = keyof typeof MATTERS;

/** The history entries recorded after `version`, oldest first, as the refusal explains them. */
export async function changesSince(tx: Prisma.TransactionClient, ticketId: string, version: number): Promise<TicketChange[]> {
  const events = await tx.ticketEvent.findMany({
    where: { ticketId, version: { gt: version } },
    orderBy: { version: "asc" },
    select: { kind: true, actorType: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
  });
  return events.map((e) => ({ kind: e.kind, actorType: e.actorType, actorName: e.actor?.name ?? null, before: e.before, after: e.after, at: e.createdAt }));
}

/**
 * Throws TicketError("conflict") when the ticket moved since `baseVersion` in a way that matters to
 * this kind of change. Call it with the row locked (lockTicket), so nothing moves between the check
 * and the write. `baseVersion` undefined: a caller with no page behind it (seed, tests, scripts).
 */
export async function assertNotMoved(tx: Prisma.TransactionClient, ticket: { id: string; version: number }, baseVersion: number | undefined, scope: ChangeScope) {
  if (baseVersion === undefined || baseVersion === ticket.version) return;
  const changes = await changesSince(tx, ticket.id, baseVersion);
  // A version from the future is no page we served: refuse it like a stale one.
  if (baseVersion > ticket.version || changes.some((c) => (MATTERS[scope] as readonly string[]).includes(c.kind))) {
    throw new TicketError("conflict", changes);
  }
}
