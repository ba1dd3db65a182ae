// Status, priority and assignee: the properties staff change on a ticket, singly or in bulk.
import "server-only";
import { followResolvingAssignee, offerCsat } from "@/lib/csat/offer";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TicketError } from "@/lib/tickets/errors";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { assertNotMerged, lockTicket } from "@/lib/tickets/lock";
import { notifyAssigned } from "@/lib/tickets/notify";
import { applySla } from "@/lib/tickets/sla";
import { assertNotMoved } from "@/lib/tickets/version";
import { canTransition, statusTimestamps, type TicketPriority, type TicketStatus } from "@/lib/tickets/workflow";

type Tx = Prisma.TransactionClient;
export type Actor = { id: string; name: string };

/**
 * `resolveMail: false` when the caller's own mail already carries the rating links (a reply that
 * resolves); otherwise resolving mails the requester the CSAT links (docs/decisions/0030-csat.md).
 */
export async function applyStatus(tx: Tx, actor: Actor, ticket: { id: string; status: TicketStatus }, status: TicketStatus, now: Date, { resolveMail = true } = {}) {
  if (ticket.status === status) return false;
  if (!canTransition(ticket.status, status)) throw new TicketError("transition");
  await tx.ticket.update({ where: { id: ticket.id }, data: { status, ...statusTimestamps(ticket.status, status, now) } });
  await recordEvent(tx, ticket.id, staffActor(actor), { kind: "status", before: { status: ticket.status }, after: { status }, at: now });
  if (status === "resolved") await offerCsat(tx, ticket.id, now, { mail: resolveMail });
  await applySla(tx, ticket.id, "status");
  return true;
}

export async function applyPriority(tx: Tx, actor: Actor, ticket: { id: string; priority: TicketPriority }, priority: TicketPriority, now: Date) {
  if (ticket.priority === priority) return false;
  await tx.ticket.update({ where: { id: ticket.id }, data: { priority } });
  await recordEvent(tx, ticket.id, staffActor(actor), { kind: "priority", before: { priority: ticket.priority }, after: { priority }, at: now });
  await applySla(tx, ticket.id, "priority");
  return true;
}

async function staffName(tx: Tx, id: string | null) {
  if (!id) return null;
  return (await tx.staffUser.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

export async function applyAssignee(tx: Tx, actor: Actor, ticket: { id: string; assigneeId: string | null }, assigneeId: string | null, now: Date) {
  if (ticket.assigneeId === assigneeId) return false;
  if (assigneeId) {
    const target = await tx.staffUser.findUnique({ where: { id: assigneeId }, select: { active: true } });
    if (!target?.active) throw new TicketError("assignee");
  }
  await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId } });
  await recordEvent(tx, ticket.id, staffActor(actor), {
    kind: "assignee",
    before: { assigneeId: ticket.assigneeId, assigneeName: await staffName(tx, ticket.assigneeId) },
    after: { assigneeId, assigneeName: await staffName(tx, assigneeId) },
    at: now,
  });
  await notifyAssigned(tx, actor.id, ticket.id, assigneeId, now);
  await followResolvingAssignee(tx, ticket.id, assigneeId, now);
  return true;
}

export async function changeStatus(actor: Actor, ticketId: string, status: TicketStatus) {
  return db().$transaction(async (tx) => applyStatus(tx, actor, await lockTicket(tx, ticketId), status, new Date()));
}

export async function changePriority(actor: Actor, ticketId: string, priority: TicketPriority) {
  return db().$transaction(async (tx) => applyPriority(tx, actor, await lockTicket(tx, ticketId), priority, new Date()));
}

export async function changeAssignee(actor: Actor, ticketId: string, assigneeId: string | null) {
  return db().$transaction(async (tx) => applyAssignee(tx, actor, await lockTicket(tx, ticketId), assigneeId, new Date()));
}

export type Properties = { status: TicketStatus; priority: TicketPriority; assigneeId: string | null };

/**
 * The properties form: status, priority and assignee in one transaction, refused as a whole when the
 * ticket's properties moved since `baseVersion` (the page the agent decided on). Returns which
 * properties changed (none when the form was sent unchanged) and the version the ticket is now at.
 */
export async function changeProperties(actor: Actor, ticketId: string, wanted: Properties, baseVersion: number | undefined) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    assertNotMerged(ticket);
    await assertNotMoved(tx, ticket, baseVersion, "properties");
    const now = new Date();
    const changed: ("status" | "priority" | "assignee")[] = [];
    if (await applyStatus(tx, actor, ticket, wanted.status, now)) changed.push("status");
    if (await applyPriority(tx, actor, ticket, wanted.priority, now)) changed.push("priority");
    if (await applyAssignee(tx, actor, ticket, wanted.assigneeId, now)) changed.push("assignee");
    const { version } = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { version: true } });
    return { changed, version };
  });
}
