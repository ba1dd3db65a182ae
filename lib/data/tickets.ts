// Queries on tickets for the requester's side and the intake. Changes live in lib/tickets/.
import "server-only";
import { db } from "@/lib/db";
import { findTicketByIdempotencyKey } from "@/lib/data/intake";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/tokens";

export async function countTickets(): Promise<number> {
  return db().ticket.count();
}

export type IntakeResult = { ticketId: string; reference: string; locale: string; token: string | null; duplicate: boolean };

export function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; meta?: Record<string, unknown>; message?: string };
  if (e.code === "P2002") return JSON.stringify(e.meta ?? {}).concat(e.message ?? "").includes(field);
  // Plain pg (the intake's statements, lib/data/intake.ts): SQLSTATE 23505 names the index, "Ticket_idempotencyKey_key".
  const constraint = (error as { constraint?: unknown }).constraint;
  return e.code === "23505" && typeof constraint === "string" && constraint.includes(field);
}

export async function findIntakeByIdempotencyKey(key: string): Promise<IntakeResult | null> {
  const t = await findTicketByIdempotencyKey(key);
  return t ? { ticketId: t.id, reference: t.reference, locale: t.locale, token: null, duplicate: true } : null;
}

/**
 * The where-clause of a live status link: the confirmation mail's (Ticket.statusTokenHash) or any
 * unexpired one a reply mail minted (TicketStatusToken; docs/decisions/0022). Two unique-index
 * lookups rather than one OR with EXISTS, which PostgreSQL can only answer by scanning every ticket.
 */
export async function ticketByTokenWhere(token: string, now: Date, client: Prisma.TransactionClient = db()): Promise<{ id: string }> {
  const hash = hashToken(token);
  const first = await client.ticket.findFirst({ where: { statusTokenHash: hash, statusTokenExpiresAt: { gt: now } }, select: { id: true } });
  if (first) return { id: first.id };
  const minted = await client.ticketStatusToken.findFirst({ where: { tokenHash: hash, expiresAt: { gt: now } }, select: { ticketId: true } });
  // No ticket has the nil uuid: an unknown or expired link matches nothing.
  return { id: minted?.ticketId ?? "00000000-0000-0000-0000-000000000000" };
}

const PUBLIC_MESSAGES = {
  where: { visibility: "public" },
  orderBy: { createdAt: "asc" },
  select: {
    id: true,
    authorType: true,
    body: true,
    createdAt: true,
    attachments: { select: { id: true, filename: true, size: true, contentType: true } },
  },
} as const;

/**
 * What the requester may see of their ticket: never internal notes, never staff identities beyond a
 * name. A merged ticket says where it went (`survivor`); its status is the survivor's, and when the
 * survivor is the same person's request its conversation is the survivor's (decision 0018).
 */
export async function getTicketByToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const ticket = await db().ticket.findFirst({
    where: await ticketByTokenWhere(token, now),
    select: {
      id: true,
      reference: true,
      status: true,
      locale: true,
      name: true,
      email: true,
      mergedIntoId: true,
      createdAt: true,
      updatedAt: true,
      failedAt: true,
      description: true,
      guideId: true,
      path: true,
      attachments: {
        where: { messageId: null },
        select: { id: true, filename: true, size: true, contentType: true },
        orderBy: { createdAt: "asc" },
      },
      messages: PUBLIC_MESSAGES,
    },
  });
  if (!ticket) return null;
  const { email, mergedIntoId, ...shown } = ticket;
  const survivor = mergedIntoId ? await resolveMergedTicket(ticket.id) : null;
  if (!survivor || survivor.id === ticket.id) return { ...shown, survivor: null };
  const same = sameRequester({ email }, survivor);
  const messages = same ? await db().ticketMessage.findMany({ ...PUBLIC_MESSAGES, where: { ticketId: survivor.id, visibility: "public" } }) : shown.messages;
  return { ...shown, status: survivor.status, messages, survivor: { reference: survivor.reference } };
}
export type RequesterTicket = NonNullable<Awaited<ReturnType<typeof getTicketByToken>>>;
