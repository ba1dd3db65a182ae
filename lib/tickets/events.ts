// The ticket history: every change to a ticket, by anyone, goes through recordEvent.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LIVE_CHANNEL } from "@/lib/live/messages";

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
  const row = await tx.ticketEvent.create({
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
  await notifyTicketChange(tx, ticketId, actor, event.kind);
  return row;
}

/**
 * A hint for the live views of every instance (lib/live/hub.ts, docs/decisions/0020-live-updates.md).
 * PostgreSQL delivers a NOTIFY at commit, so a rolled-back change never announces itself. Ids and the
 * kind only, never names or message bodies: clients re-read through the guarded pages. A ticket being
 * created still has its placeholder reference here (the real one is set later in the transaction).
 */
async function notifyTicketChange(tx: Tx, ticketId: string, actor: EventActor, kind: EventKind) {
  await tx.$executeRaw`
    SELECT pg_notify(${LIVE_CHANNEL}, json_build_object(
      't', 'ticket', 'id', t."id", 'ref', CASE WHEN t."reference" LIKE 'pending:%' THEN NULL ELSE t."reference" END,
      'kind', ${kind}::text, 'actor', ${actor.type === "staff" ? actor.id : null}::text)::text)
    FROM "Ticket" t WHERE t."id" = ${ticketId}::uuid`;
}

export const staffActor = (actor: { id: string }): EventActor => ({ type: "staff", id: actor.id });
