// Data layer for tickets. Pages and actions call these; they never import Prisma themselves.
import "server-only";
import { getGuideDeclaration } from "@/lib/content";
import { db } from "@/lib/db";
import { answerProblems, readAnswers } from "@/lib/guides/answers";
import { genericForm } from "@/lib/guides/generic-form";
import { jstYear } from "@/lib/jst";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newSecretToken } from "@/lib/tokens";

type Tx = Prisma.TransactionClient | PrismaClient;

/** How long a requester's status link stays valid. */
export const STATUS_TOKEN_DAYS = 180;

/** The next reference for a guide prefix, e.g. SSO-2026-000123; one atomic upsert, safe under concurrency. */
export async function nextReference(tx: Tx, prefix: string, now = new Date()): Promise<string> {
  const year = jstYear(now);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES (${prefix}, ${year}, 1)
    ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + 1
    RETURNING "last"`;
  return `${prefix}-${year}-${String(rows[0].last).padStart(6, "0")}`;
}

export type NewTicket = Omit<
  Prisma.TicketUncheckedCreateInput,
  "id" | "reference" | "statusTokenHash" | "statusTokenExpiresAt"
> & { referencePrefix: string };

/**
 * Inserts a ticket with its reference, its status-link token and a "created" event, in the
 * given transaction. Returns the ticket and the plain token (shown once, never stored).
 *
 * The reference is taken last: nextReference locks the (prefix, year) counter row until the
 * transaction ends, so everything else (`beforeReference`, e.g. storing a screenshot) runs first and
 * concurrent creates queue on that lock for as short a time as possible.
 */
export async function insertTicket(tx: Tx, input: NewTicket, beforeReference?: (ticketId: string) => Promise<void>) {
  const { referencePrefix, ...data } = input;
  assertAnswersDeclared(data.guideId ?? null, data.answers);
  const { token, hash } = newSecretToken();
  const now = new Date();
  const draft = await tx.ticket.create({
    data: {
      ...data,
      // Never visible: replaced below in the same transaction.
      reference: `pending:${hash}`,
      statusTokenHash: hash,
      statusTokenExpiresAt: new Date(now.getTime() + STATUS_TOKEN_DAYS * 86_400_000),
    },
    select: { id: true, status: true, priority: true, createdAt: true },
  });
  await tx.ticketEvent.create({
    data: {
      ticketId: draft.id,
      actorType: "requester",
      kind: "created",
      after: { status: draft.status, priority: draft.priority },
      createdAt: draft.createdAt,
    },
  });
  if (beforeReference) await beforeReference(draft.id);
  const ticket = await tx.ticket.update({ where: { id: draft.id }, data: { reference: await nextReference(tx, referencePrefix, now) } });
  return { ticket, token };
}

/**
 * Ticket.answers must fit the declaration of the ticket's guide (the generic form without one): the
 * intake schema already ensures it, and this holds every other writer (seed, factories, scripts) to
 * it, so no stored answer is one that labels, filters and CSV columns do not know.
 */
function assertAnswersDeclared(guideId: string | null, json: unknown) {
  const guide = guideId ? getGuideDeclaration(guideId) : null;
  if (guideId && !guide) throw new Error(`ticket answers: no guide "${guideId}"`);
  const stored = json === undefined ? {} : json;
  const answers = readAnswers(stored);
  const problems = answerProblems(guide, guide ?? genericForm(), answers);
  if (Object.keys(answers).length !== Object.keys(stored as object).length) problems.push("answers hold a value that is neither text nor a list of text");
  if (problems.length) throw new Error(`ticket answers do not fit ${guideId ?? "the generic form"}: ${problems.join("; ")}`);
}

export async function countTickets(): Promise<number> {
  return db().ticket.count();
}

// --- Intake (issue 4): the requester's side of a ticket.

import { insertAttachment } from "@/lib/data/attachments";
import { enqueueMail, type OutgoingMail } from "@/lib/data/outbox";
import type { Screenshot } from "@/lib/screenshot";
import { hashToken } from "@/lib/tokens";

export type IntakeResult = { ticketId: string; reference: string; locale: string; token: string | null; duplicate: boolean };

function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; meta?: Record<string, unknown>; message?: string };
  return e.code === "P2002" && JSON.stringify(e.meta ?? {}).concat(e.message ?? "").includes(field);
}

async function findByIdempotencyKey(key: string): Promise<IntakeResult | null> {
  const t = await db().ticket.findUnique({ where: { idempotencyKey: key }, select: { id: true, reference: true, locale: true } });
  return t ? { ticketId: t.id, reference: t.reference, locale: t.locale, token: null, duplicate: true } : null;
}

/** A ticket already created with this idempotency key (a repeated submit), or null. */
export async function getIntakeByIdempotencyKey(key: string | undefined): Promise<IntakeResult | null> {
  return key ? findByIdempotencyKey(key) : null;
}

/**
 * At most this many intake transactions per process at once; the rest wait here. A burst of
 * submissions (they queue on the reference counter's row lock) then never takes every connection of
 * the pool from page loads and health checks, and never hits the pool's short connect timeout.
 */
const MAX_CONCURRENT_CREATES = 4;
let activeCreates = 0;
const waitingCreates: (() => void)[] = [];

async function withCreateSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (activeCreates < MAX_CONCURRENT_CREATES) activeCreates++;
  // The releasing caller hands its slot over directly, so a newcomer cannot slip in between.
  else await new Promise<void>((resolve) => waitingCreates.push(resolve));
  try {
    return await fn();
  } finally {
    const next = waitingCreates.shift();
    if (next) next();
    else activeCreates--;
  }
}

/**
 * Creates a ticket from the contact form or the API, with its screenshot and its confirmation mail,
 * in one transaction (the outbox). A repeated idempotency key returns the first ticket (no token:
 * it was shown once and is not stored).
 */
export async function createTicketFromIntake(
  input: NewTicket,
  options: { screenshot?: Screenshot | null; mail: (reference: string, token: string) => Omit<OutgoingMail, "ticketId"> },
): Promise<IntakeResult> {
  const key = input.idempotencyKey ?? undefined;
  if (key) {
    const existing = await findByIdempotencyKey(key);
    if (existing) return existing;
  }
  try {
    return await withCreateSlot(() => db().$transaction(
      async (tx) => {
        const screenshot = options.screenshot;
        const { ticket, token } = await insertTicket(tx, input, async (ticketId) => {
          if (!screenshot) return;
          const file = await insertAttachment(tx, ticketId, screenshot);
          await tx.ticketEvent.create({
            data: { ticketId, actorType: "requester", kind: "attachment", after: { attachmentId: file.id, filename: file.filename } },
          });
        });
        await enqueueMail(tx, { ...options.mail(ticket.reference, token), ticketId: ticket.id });
        return { ticketId: ticket.id, reference: ticket.reference, locale: ticket.locale, token, duplicate: false };
      },
      // Creates queue on the sequence row under load; give them time rather than failing.
      { maxWait: 10_000, timeout: 20_000 },
    ));
  } catch (error) {
    // Two submits with one key at the same moment: the loser's transaction is rolled back.
    if (key && isUniqueViolation(error, "idempotencyKey")) {
      const existing = await findByIdempotencyKey(key);
      if (existing) return existing;
    }
    throw error;
  }
}

const byToken = (token: string, now: Date) => ({ statusTokenHash: hashToken(token), statusTokenExpiresAt: { gt: now } });

/** What the requester may see of their ticket: never internal notes, never staff identities beyond a name. */
export async function getTicketByToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  return db().ticket.findFirst({
    where: byToken(token, now),
    select: {
      id: true,
      reference: true,
      status: true,
      locale: true,
      name: true,
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
      messages: {
        where: { visibility: "public" },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          authorType: true,
          body: true,
          createdAt: true,
          attachments: { select: { id: true, filename: true, size: true, contentType: true } },
        },
      },
    },
  });
}
export type RequesterTicket = NonNullable<Awaited<ReturnType<typeof getTicketByToken>>>;

/** Statuses on which the requester can still write; a closed ticket asks for a new request. */
export const REQUESTER_CAN_WRITE = ["new", "open", "waiting", "resolved"] as const;

/**
 * Adds a requester message (and screenshot) through the status link. A message on a ticket that
 * waits for the requester reopens it. Null when the token is unknown, expired or the ticket closed.
 */
export async function addRequesterMessage(token: string, body: string, screenshot: Screenshot | null, now = new Date()) {
  return db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: byToken(token, now), select: { id: true } });
    if (!ticket) return null;
    // Lock the row: a staff status change and this reopen must not interleave.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
    if (!(REQUESTER_CAN_WRITE as readonly string[]).includes(locked.status)) return null;
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, authorType: "requester", visibility: "public", body },
      select: { id: true },
    });
    await tx.ticketEvent.create({ data: { ticketId: ticket.id, actorType: "requester", kind: "requester_message", after: { messageId: message.id } } });
    if (screenshot) {
      const file = await insertAttachment(tx, ticket.id, screenshot, message.id);
      await tx.ticketEvent.create({
        data: { ticketId: ticket.id, actorType: "requester", kind: "attachment", after: { attachmentId: file.id, filename: file.filename } },
      });
    }
    if (locked.status === "waiting") {
      await tx.ticket.update({ where: { id: ticket.id }, data: { status: "open" } });
      await tx.ticketEvent.create({
        data: { ticketId: ticket.id, actorType: "requester", kind: "status", before: { status: "waiting" }, after: { status: "open" } },
      });
    } else {
      await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    }
    return { messageId: message.id };
  });
}
