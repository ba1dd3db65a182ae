// Inbound mail rows (issue 11): the raw store every source writes to before anything else happens.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { messageKey } from "@/lib/mail/inbound/message-key";

export type InboundSource = "imap" | "smtp";

/**
 * Keeps one raw mail. Idempotent by its message key: the second store of the same mail changes
 * nothing and says so. Returns once the row is committed, so a source may then acknowledge the mail
 * (move it on the IMAP server, answer 250 to the sending server).
 */
export async function storeInboundMail(input: { raw: Buffer; source: InboundSource; envelopeFrom?: string | null }): Promise<{ id: string; duplicate: boolean }> {
  const key = messageKey(input.raw);
  const inserted = await db().$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundMail" ("messageKey", "source", "raw", "size", "envelopeFrom")
    VALUES (${key}, ${input.source}, ${input.raw}, ${input.raw.length}, ${input.envelopeFrom ?? null})
    ON CONFLICT ("messageKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length) return { id: inserted[0].id, duplicate: false };
  const existing = await db().inboundMail.findUniqueOrThrow({ where: { messageKey: key }, select: { id: true } });
  return { id: existing.id, duplicate: true };
}

export async function countInboundMail(where: { source?: InboundSource } = {}) {
  return db().inboundMail.count({ where });
}

export type TicketMatch = { ticketId: string; by: "thread" | "token" | "subject" };

const REFERENCE_IN_SUBJECT = /\[([A-Z]{2,6}-\d{4}-\d{6})\]/;

/**
 * The ticket an inbound mail answers, by the surest sign first: a Message-ID of its thread in
 * In-Reply-To/References (the ticket's root id, a mail we sent, a requester mail already applied),
 * then the ticket's mail token in a recipient's plus-address, then "[REFERENCE]" in the subject. A
 * subject match is a weak sign (references are guessable): the caller holds it unless the sender is
 * the ticket's requester.
 */
export async function findTicketForMail(
  mail: { threadIds: string[]; recipients: string[]; subject: string },
  decode: { rootTicketId: (id: string) => string | null; mailToken: (address: string) => string | null },
): Promise<TicketMatch | null> {
  const ids = mail.threadIds.slice(0, 50);
  if (ids.length) {
    const roots = ids.map(decode.rootTicketId).filter((v): v is string => Boolean(v));
    if (roots.length) {
      const ticket = await db().ticket.findFirst({ where: { id: { in: roots } }, select: { id: true } });
      if (ticket) return { ticketId: ticket.id, by: "thread" };
    }
    const sent = await db().outboxMail.findFirst({ where: { messageId: { in: ids }, ticketId: { not: null } }, select: { ticketId: true } });
    if (sent?.ticketId) return { ticketId: sent.ticketId, by: "thread" };
    const earlier = await db().inboundMail.findFirst({
      where: { messageKey: { in: ids.map((id) => `mid:${id}`) }, ticketId: { not: null }, state: "applied" },
      select: { ticketId: true },
    });
    if (earlier?.ticketId) return { ticketId: earlier.ticketId, by: "thread" };
  }
  for (const address of mail.recipients) {
    const token = decode.mailToken(address);
    if (!token) continue;
    const ticket = await db().ticket.findUnique({ where: { mailToken: token }, select: { id: true } });
    if (ticket) return { ticketId: ticket.id, by: "token" };
  }
  const reference = mail.subject.match(REFERENCE_IN_SUBJECT)?.[1];
  if (reference) {
    const ticket = await db().ticket.findUnique({ where: { reference }, select: { id: true } });
    if (ticket) return { ticketId: ticket.id, by: "subject" };
  }
  return null;
}

/** Claims received mails to process, with a lease so that several instances never take the same one. */
export async function claimReceivedMail(now: Date, batch: number, leaseMs: number, ids?: string[]): Promise<{ id: string; raw: Uint8Array; envelopeFrom: string | null; attempts: number }[]> {
  const until = new Date(now.getTime() + leaseMs);
  // Only these rows: tests that must not take the rows of tests running beside them.
  const only = ids ? Prisma.sql`AND "id" = ANY(${ids}::uuid[])` : Prisma.empty;
  // In the order they came: UPDATE … RETURNING keeps no order of its own, and a follow-up processed
  // before the mail it answers would open a ticket of its own.
  return db().$queryRaw`
    WITH claimed AS (
      UPDATE "InboundMail" SET "lockedUntil" = ${until}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "InboundMail"
        WHERE "state" = 'received' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}) ${only}
        ORDER BY "receivedAt" LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "raw", "envelopeFrom", "attempts", "receivedAt")
    SELECT "id", "raw", "envelopeFrom", "attempts" FROM claimed ORDER BY "receivedAt", "id"`;
}

export type InboundOutcome = { state: "applied" | "held" | "ignored" | "failed"; reason?: string | null; ticketId?: string | null };

/**
 * Moves a received mail to its outcome; false when it was no longer "received" (another worker got
 * there first). Given a transaction, it is part of the change that applies the mail: exactly once.
 */
export async function settleInboundMail(id: string, outcome: InboundOutcome, tx: Prisma.TransactionClient = db(), now = new Date()): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "InboundMail" SET "state" = ${outcome.state}::"InboundMailState", "reason" = ${outcome.reason ?? null},
      "ticketId" = ${outcome.ticketId ?? null}::uuid, "processedAt" = ${now}, "lockedUntil" = NULL
    WHERE "id" = ${id}::uuid AND "state" = 'received'`;
  return changed === 1;
}

/** A processing failure: retried later with a growing pause, given up ("failed", kept for staff) after `maxAttempts`. */
export async function deferInboundMail(id: string, attempts: number, error: string, maxAttempts: number, now = new Date()) {
  if (attempts >= maxAttempts) {
    await db().inboundMail.updateMany({ where: { id, state: "received" }, data: { state: "failed", reason: "processing-error", lastError: error.slice(0, 1000), lockedUntil: null, processedAt: now } });
    return;
  }
  const pause = Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);
  await db().inboundMail.updateMany({ where: { id, state: "received" }, data: { lastError: error.slice(0, 1000), lockedUntil: null, nextAttemptAt: new Date(now.getTime() + pause) } });
}

// ---- The held queue for staff (issue 11, part Q). Callers run requireStaff first.

export type StaffMailState = "held" | "ignored" | "failed";
export const STAFF_MAIL_PAGE_SIZE = 50;

/** One page of mail in a state, newest first, with the raw bytes to parse for display (this page only). */
export async function listInboundMailForStaff(state: StaffMailState) {
  return db().inboundMail.findMany({
    where: { state },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: STAFF_MAIL_PAGE_SIZE,
    select: { id: true, raw: true, envelopeFrom: true, reason: true, ticketId: true, receivedAt: true, size: true, lastError: true },
  });
}

export async function countHeldInboundMail() {
  return db().inboundMail.count({ where: { state: "held" } });
}

export async function countInboundMailByState() {
  const rows = await db().inboundMail.groupBy({ by: ["state"], where: { state: { in: ["held", "ignored", "failed"] } }, _count: { _all: true } });
  const counts: Record<StaffMailState, number> = { held: 0, ignored: 0, failed: 0 };
  for (const row of rows) counts[row.state as StaffMailState] = row._count._all;
  return counts;
}

/** The tickets a page of mail matched, by id: the reference to link, the requester to compare the sender with. */
export async function ticketsForInboundMail(ids: string[]) {
  const rows = ids.length ? await db().ticket.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true, email: true } }) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** A held mail to act on; null when there is no such mail. */
export async function getInboundMailForStaff(id: string) {
  return db().inboundMail.findUnique({ where: { id }, select: { id: true, raw: true, envelopeFrom: true, state: true, reason: true, ticketId: true, messageKey: true } });
}

/** The stored bytes, for the raw download. */
export async function getInboundRawForStaff(id: string) {
  return db().inboundMail.findUnique({ where: { id }, select: { raw: true, receivedAt: true } });
}

/**
 * Moves a held mail to the outcome staff chose, recording who; false when it was no longer held
 * (another staff member handled it meanwhile). In the caller's transaction when one is given.
 */
export async function settleHeldMail(id: string, outcome: InboundOutcome, staffId: string, tx: Prisma.TransactionClient = db(), now = new Date()): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "InboundMail" SET "state" = ${outcome.state}::"InboundMailState", "reason" = ${outcome.reason ?? null},
      "ticketId" = COALESCE(${outcome.ticketId ?? null}::uuid, "ticketId"), "processedAt" = ${now}, "handledById" = ${staffId}::uuid
    WHERE "id" = ${id}::uuid AND "state" = 'held'`;
  return changed === 1;
}
