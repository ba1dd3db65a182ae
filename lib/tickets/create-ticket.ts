// Creating a ticket: its reference, status-link token and "created" event (insertTicket, used by the
// intake, the seed and the test factories), and the intake's transaction with screenshot and mail.
import "server-only";
import { getGuideDeclaration } from "@/lib/content";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import { enqueueMail, type OutgoingMail } from "@/lib/data/outbox";
import { findIntakeByIdempotencyKey, isUniqueViolation, type IntakeResult } from "@/lib/data/tickets";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { answerProblems, readAnswers } from "@/lib/guides/answers";
import { genericForm } from "@/lib/guides/generic-form";
import { jstYear } from "@/lib/jst";
import type { Screenshot } from "@/lib/screenshot";
import type { StaffFile } from "@/lib/staff-attachments";
import type { SignOff } from "@/lib/mail/templates";
import { getSignOff } from "@/lib/data/settings";
import { recordEvent } from "@/lib/tickets/events";
import { applySla } from "@/lib/tickets/sla";
import { notifyNewTicket } from "@/lib/tickets/notify";
import { statusTokenExpiry } from "@/lib/tickets/status-link";
import { newSecretToken } from "@/lib/tokens";

type Tx = Prisma.TransactionClient | PrismaClient;


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
  // searchText is the messages' text, written by add-message.ts only.
  "id" | "reference" | "statusTokenHash" | "statusTokenExpiresAt" | "searchText"
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
      statusTokenExpiresAt: statusTokenExpiry(now),
    },
    select: { id: true, status: true, priority: true, createdAt: true },
  });
  await recordEvent(tx as Prisma.TransactionClient, draft.id, { type: "requester" }, {
    kind: "created",
    after: { status: draft.status, priority: draft.priority },
    at: draft.createdAt,
  });
  // A ticket given its creation time (seed, tests) started then; one from the intake starts now.
  await applySla(tx as Prisma.TransactionClient, draft.id, "created", data.createdAt ? new Date(data.createdAt) : undefined);
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
 * Creates a ticket from the contact form or the API, with its screenshot, its confirmation mail and
 * the notifications of the guide's followers, in one transaction (the outbox). A repeated idempotency key returns the first ticket (no token:
 * it was shown once and is not stored).
 */
export async function createTicketFromIntake(
  input: NewTicket,
  options: {
    screenshot?: Screenshot | null;
    /** Further files checked by content (a mail's images and PDFs, issue 11). */
    files?: StaffFile[];
    mail: (reference: string, token: string, signOff: SignOff) => Omit<OutgoingMail, "ticketId">;
    /** Runs last in the ticket's transaction (the inbound mail marks itself applied). */
    within?: (tx: Prisma.TransactionClient, ticketId: string) => Promise<void>;
  },
): Promise<IntakeResult> {
  const key = input.idempotencyKey ?? undefined;
  if (key) {
    const existing = await findIntakeByIdempotencyKey(key);
    if (existing) return existing;
  }
  try {
    return await withCreateSlot(() => db().$transaction(
      async (tx) => {
        const files: (Screenshot | StaffFile)[] = [...(options.screenshot ? [options.screenshot] : []), ...(options.files ?? [])];
        // Read before insertTicket takes the reference counter's row lock, which others queue on.
        const signOff = await getSignOff(tx);
        const { ticket, token } = await insertTicket(tx, input, async (ticketId) => {
          for (const one of files) {
            const file = await insertAttachment(tx, ticketId, one);
            await recordEvent(tx, ticketId, { type: "requester" }, { kind: "attachment", after: { attachmentId: file.id, filename: file.filename } });
          }
        });
        await enqueueMail(tx, { ...options.mail(ticket.reference, token, signOff), ticketId: ticket.id });
        await notifyNewTicket(tx, ticket);
        await options.within?.(tx, ticket.id);
        return { ticketId: ticket.id, reference: ticket.reference, locale: ticket.locale, token, duplicate: false };
      },
      // Creates queue on the sequence row under load; give them time rather than failing.
      { maxWait: 10_000, timeout: 20_000 },
    ));
  } catch (error) {
    // Two submits with one key at the same moment: the loser's transaction is rolled back.
    if (key && isUniqueViolation(error, "idempotencyKey")) {
      const existing = await findIntakeByIdempotencyKey(key);
      if (existing) return existing;
    }
    throw error;
  }
}

