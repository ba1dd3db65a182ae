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
  | "attachment";

export type TicketEventInput = {
  kind: EventKind;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  at?: Date;
};

export async function recordEvent(tx: Tx, ticketId: string, actor: EventActor, event: TicketEventInput) {
  return tx.ticketEvent.create({
    data: {
      ticketId,
      actorType: actor.type,
      actorId: actor.type === "staff" ? actor.id : null,
      kind: event.kind,
      before: event.before,
      after: event.after,
      createdAt: event.at ?? new Date(),
    },
    select: { id: true },
  });
}

export const staffActor = (actor: { id: string }): EventActor => ({ type: "staff", id: actor.id });
