// Creating a ticket: its reference, status-link token and "created" event (insertTicket, used by the
// intake, the seed and the test factories), and the intake's transaction with screenshot and mail.
import "server-only";
import { randomUUID } from "node:crypto";
import { now as clockNow } from "@/lib/clock";
import { getGuideDeclaration } from "@/lib/content";
import { db } from "@/lib/db";
import { insertAttachment } from "@/lib/data/attachments";
import { enqueueMail, type OutgoingMail } from "@/lib/data/outbox";
import { insertIntakeTicket, takeIntakeNumber } from "@/lib/data/intake";
import { findIntakeByIdempotencyKey, isUniqueViolation, type IntakeResult } from "@/lib/data/tickets";
import { env } from "@/lib/env";
import { threadHeaders } from "@/lib/mail/threading";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { answerProblems, readAnswers } from "@/lib/guides/answers";
import { genericForm } from "@/lib/guides/generic-form";
import { jstYear } from "@/lib/jst";
import type { Screenshot } from "@/lib/screenshot";
import type { StaffFile } from "@/lib/staff-attachments";
import type { SignOff } from "@/lib/mail/templates";
import { getSignOff } from "@/lib/data/settings";
import { recordEvent } from "@/lib/tickets/events";
import { applySla, newTicketSla } from "@/lib/tickets/sla";
import { notifyNewTicket, plannedNotifications } from "@/lib/tickets/notify";
import { statusTokenExpiry } from "@/lib/tickets/status-link";
import { newSecretToken } from "@/lib/tokens";
import type { TicketPriority } from "@/lib/tickets/workflow";

type Tx = Prisma.TransactionClient | PrismaClient;


/** The next reference for a guide prefix, e.g. SSO-2026-000123; one atomic upsert, safe under concurrency. */
export async function nextReference(tx: Tx, prefix: string, now = new Date()): Promise<string> {
  const year = jstYear(now);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES (${prefix}, ${year}, 1)
    ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + 1
    RETURNING "last"`;
  return formatReference(prefix, year, rows[0].last);
}

const formatReference = (prefix: string, year: number, n: number) => `${prefix}-${year}-${String(n).padStart(6, "0")}`;

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
 * At most this many creates per process at once; the rest wait here, so that a burst of submissions
 * never takes every connection of the pool (10) from page loads and health checks, and never hits the
 * pool's short connect timeout. A create holds a connection only for one statement at a time now
 * (decision 0035), so 8 are no longer a queue on one lock but the pool's share for the intake.
 */
const MAX_CONCURRENT_CREATES = 8;
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

export type IntakeOptions = {
  screenshot?: Screenshot | null;
  /** Further files checked by content (a mail's images and PDFs, issue 11). */
  files?: StaffFile[];
  mail: (reference: string, token: string, signOff: SignOff) => Omit<OutgoingMail, "ticketId">;
  /** Runs last in the ticket's transaction (the inbound mail marks itself applied). */
  within?: (tx: Prisma.TransactionClient, ticketId: string) => Promise<void>;
  /** The caller has just looked the idempotency key up (submitIntake, before the rate limit). */
  idempotencyChecked?: boolean;
};

/**
 * Creates a ticket from the contact form or the API, with its screenshot, its confirmation mail and
 * the notifications of the guide's followers, atomically (the outbox). A repeated idempotency key
 * returns the first ticket (no token: it was shown once and is not stored).
 *
 * Two round trips (decision 0035): the reference number with what the ticket needs to know
 * (lib/data/intake.ts takeIntakeNumber), then the ticket and all its rows in one statement. A number
 * whose create fails is a gap in the prefix's references. The inbound mail's create (`within`) keeps
 * the interactive transaction its settlement needs.
 */
export async function createTicketFromIntake(input: NewTicket, options: IntakeOptions): Promise<IntakeResult> {
  const key = input.idempotencyKey ?? undefined;
  if (key && !options.idempotencyChecked) {
    const existing = await findIntakeByIdempotencyKey(key);
    if (existing) return existing;
  }
  try {
    return await withCreateSlot(() => (options.within ? createInTransaction(input, options, options.within) : createInOneStatement(input, options)));
  } catch (error) {
    // Two submits with one key at the same moment: the loser's insert fails on the unique index.
    if (key && isUniqueViolation(error, "idempotencyKey")) {
      const existing = await findIntakeByIdempotencyKey(key);
      if (existing) return existing;
    }
    throw error;
  }
}

/** Ticket.priority's default in schema.prisma: the priority whose SLA targets a new ticket gets. */
const NEW_TICKET_PRIORITY = "normal" satisfies TicketPriority;

/** Fields the intake never sets: a ticket it creates is new, normal, unassigned and created now. */
const SERVER_OWNED = ["status", "priority", "assigneeId", "createdAt", "updatedAt", "version", "mergedIntoId", "firstResponseAt", "resolvedAt", "closedAt", "mailToken"] as const;

async function createInOneStatement(input: NewTicket, options: IntakeOptions): Promise<IntakeResult> {
  const { referencePrefix, ...data } = input;
  for (const field of SERVER_OWNED) {
    if (Object.hasOwn(data, field) && data[field as keyof typeof data] !== undefined) throw new Error(`an intake ticket cannot set ${field}`);
  }
  assertAnswersDeclared(data.guideId ?? null, data.answers);
  const now = new Date();
  const year = jstYear(now);
  const context = await takeIntakeNumber(referencePrefix, year, data.guideId ?? null, NEW_TICKET_PRIORITY);
  const reference = formatReference(referencePrefix, year, context.number);
  const id = randomUUID();
  const mailToken = randomUUID().replace(/-/g, "");
  const { token, hash } = newSecretToken();
  const sla = newTicketSla(context.targets, context.calendar, clockNow());
  const files = [...(options.screenshot ? [options.screenshot] : []), ...(options.files ?? [])].map((f) => ({ id: randomUUID(), ...f }));

  const confirmation = options.mail(reference, token, context.signOff);
  const { MAIL_FROM, MAIL_REPLY_TO } = env();
  // As enqueueMail does: a mail to the ticket's requester opens the ticket's mail thread.
  const thread = confirmation.to.toLowerCase() === data.email.toLowerCase()
    ? threadHeaders({ ticketId: id, mailToken, from: MAIL_FROM, replyBase: MAIL_REPLY_TO ?? MAIL_FROM, previous: null, lastInbound: data.lastInboundMessageId ?? null })
    : {};
  const followers = plannedNotifications("new_ticket", context.followers, { reference, description: data.description }, context.signOff);

  await insertIntakeTicket(
    {
      id,
      reference,
      guideId: data.guideId ?? null,
      path: data.path === undefined ? [] : [...(data.path as string[])],
      walk: data.walk === undefined ? [] : [...(data.walk as string[])],
      endStep: data.endStep ?? null,
      pathAnswers: data.pathAnswers ?? {},
      answers: data.answers ?? {},
      changedFields: data.changedFields === undefined ? [] : [...(data.changedFields as string[])],
      locale: data.locale ?? "ja",
      name: data.name,
      username: data.username,
      affiliation: data.affiliation,
      email: data.email,
      failedAt: new Date(data.failedAt),
      device: data.device ?? null,
      description: data.description,
      idempotencyKey: data.idempotencyKey ?? null,
      statusTokenHash: hash,
      statusTokenExpiresAt: statusTokenExpiry(now),
      mailToken,
      helpSessionHash: data.helpSessionHash ?? null,
      lastInboundMessageId: data.lastInboundMessageId ?? null,
      ...sla,
      createdAt: now,
    },
    files,
    [{ ...confirmation, ...thread, ticketId: id }, ...followers.mails.map((m) => ({ ...m, ticketId: null }))],
    followers.inApp,
  );
  return { ticketId: id, reference, locale: data.locale ?? "ja", token, duplicate: false };
}

async function createInTransaction(input: NewTicket, options: IntakeOptions, within: NonNullable<IntakeOptions["within"]>): Promise<IntakeResult> {
  return db().$transaction(
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
      await within(tx, ticket.id);
      return { ticketId: ticket.id, reference: ticket.reference, locale: ticket.locale, token, duplicate: false };
    },
    // Creates queue on the sequence row under load; give them time rather than failing.
    { maxWait: 10_000, timeout: 20_000 },
  );
}
