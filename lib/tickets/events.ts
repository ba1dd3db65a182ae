// The ticket history: every change to a ticket, by anyone, goes through recordEvent.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export type EventActor = { type: "staff"; id: string } | { type: "requester" } | { type: "system" };
export type EventKind =
  | "created"
  | "status"
  | "priority"
  | "assignee"
  | "note"
  | "reply"
  | "requester_message"
  | "attachment"
  | "merged"
  | "merged_from";

export type TicketEventInput = {
  kind: EventKind;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  at?: Date;
};

/**
 * Records one history entry and bumps the ticket's version in the same statement pair, so no use case
 * can change a ticket without a stale form noticing (decision 0018). The event keeps the version it
 * made: "what happened since version n" is the events with a higher one.
 */
export async function recordEvent(tx: Tx, ticketId: string, actor: EventActor, event: TicketEventInput) {
  const { version } = await tx.ticket.update({ where: { id: ticketId }, data: { version: { increment: 1 } }, select: { version: true } });
  return tx.ticketEvent.create({
    data: {
      ticketId,
      actorType: actor.type,
      actorId: actor.type === "staff" ? actor.id : null,
      kind: event.kind,
      before: event.before,
      after: event.after,
      version,
      createdAt: event.at ?? new Date(),
    },
    select: { id: true, version: true },
  });
}

export const staffActor = (actor: { id: string }): EventActor => ({ type: "staff", id: actor.id });
