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
  const at = event.at ?? new Date();
  // Unread markers (decision 0019): the entry is activity for everyone but its author. An author who
  // had read the ticket stays up to date; one who had not (a bulk change from the list) keeps the
  // ticket unread, since what they have not seen is still there.
  if (actor.type === "staff") {
    await tx.$executeRaw`
      UPDATE "TicketReadMark" r SET "readAt" = GREATEST(r."readAt", ${at})
      FROM "Ticket" t
      WHERE r."staffId" = ${actor.id}::uuid AND r."ticketId" = ${ticketId}::uuid AND t."id" = r."ticketId" AND r."readAt" >= t."lastActivityAt"`;
  }
  await tx.$executeRaw`UPDATE "Ticket" SET "lastActivityAt" = GREATEST("lastActivityAt", ${at}) WHERE "id" = ${ticketId}::uuid`;
  return tx.ticketEvent.create({
    data: {
      ticketId,
      actorType: actor.type,
      actorId: actor.type === "staff" ? actor.id : null,
      kind: event.kind,
      before: event.before,
      after: event.after,
      createdAt: at,
    },
    select: { id: true },
  });
}

export const staffActor = (actor: { id: string }): EventActor => ({ type: "staff", id: actor.id });
