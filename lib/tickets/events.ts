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
  | "attachment"
  | "merged"
  | "merged_from"
  | "csat";

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
  // One statement: the version (a stale form notices, decision 0018), the last activity and, as any
  // Prisma update of the ticket would, updatedAt.
  const [{ version }] = await tx.$queryRaw<{ version: number }[]>`
    UPDATE "Ticket" SET "version" = "version" + 1, "lastActivityAt" = GREATEST("lastActivityAt", ${at}), "updatedAt" = ${new Date()}
    WHERE "id" = ${ticketId}::uuid RETURNING "version"`;
  const row = await tx.ticketEvent.create({
    data: {
      ticketId,
      actorType: actor.type,
      actorId: actor.type === "staff" ? actor.id : null,
      kind: event.kind,
      before: event.before,
      after: event.after,
      version,
      createdAt: at,
    },
    select: { id: true, version: true },
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
