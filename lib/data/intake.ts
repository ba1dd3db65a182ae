// The intake's statements (issue 14, docs/decisions/0035-intake-throughput.md): a contact request
// costs three round trips, run on the pool with plain pg and named (prepared) statements, not through
// Prisma: the idempotency lookup with the rate-limit hit (tebiki_rate_limit_hit, lib/rate-limit.ts),
// the reference number with everything the new ticket needs to know, and the ticket with its rows in
// one statement; the live views' notice follows the commit (round 2).
import "server-only";
import { pool } from "@/lib/db";
import type { OpeningHours, Weekday } from "@/lib/business-time";
import { DEFAULT_HOURS } from "@/lib/business-time";
import { DEFAULT_SIGN_OFF, type SignOff } from "@/lib/mail/templates";
import { LIVE_CHANNEL, type Notice } from "@/lib/live/messages";
import { log } from "@/lib/log";
import { NO_GUIDE } from "@/lib/notifications/kinds";
import { CALENDAR_ID } from "@/lib/data/business-calendar";
import { parseStoredHours } from "@/lib/validation/business-calendar";

export type IntakeFollower = { id: string; name: string; email: string; choice: { inApp: boolean; mail: boolean } | null };

export type IntakeContext = {
  number: number;
  signOff: SignOff;
  calendar: { hours: Partial<Record<Weekday, OpeningHours>>; closures: Set<string> };
  targets: { firstResponseMinutes: number | null; resolutionMinutes: number | null };
  /** Active staff following the ticket's guide (or "no guide"), by id, with their new-ticket choice. */
  followers: IntakeFollower[];
};

/**
 * The reference number (tebiki_next_ticket_number: the counter row is locked only for this statement)
 * and, read in the same round trip, the sign-off, the business calendar, the SLA targets of a new
 * ticket's priority and the guide's followers: what getSignOff, getBusinessCalendar, findSlaTargets
 * and notifyNewTicket read inside the old transaction, one statement each.
 */
export async function takeIntakeNumber(prefix: string, year: number, guideId: string | null, priority: string): Promise<IntakeContext> {
  const { rows } = await pool().query({
    name: "tebiki-intake-context",
    text: `SELECT "tebiki_next_ticket_number"($1, $2) AS "number",
      (SELECT json_build_object('ja', "signOffJa", 'en', "signOffEn") FROM "HelpDeskSetting" WHERE "id" = 'default') AS "signOff",
      (SELECT "hours" FROM "BusinessCalendar" WHERE "id" = $3) AS "hours",
      (SELECT coalesce(json_agg(to_char("day", 'YYYY-MM-DD')), '[]') FROM "ClosureDay") AS "closures",
      (SELECT coalesce(json_agg(json_build_object('guideId', "guideId", 'first', "firstResponseMinutes", 'resolution', "resolutionMinutes")), '[]')
         FROM "SlaPolicy" WHERE "priority" = $4::"TicketPriority" AND "guideId" IN ($5, '')) AS "targets",
      (SELECT coalesce(json_agg(json_build_object('id', s."id", 'name', s."name", 'email', s."email", 'inApp', p."inApp", 'mail', p."mail") ORDER BY s."id"), '[]')
         FROM "GuideFollow" f JOIN "StaffUser" s ON s."id" = f."staffId" AND s."active"
         LEFT JOIN "NotificationPreference" p ON p."staffId" = s."id" AND p."kind" = 'new_ticket'
         WHERE f."guideKey" = $6) AS "followers"`,
    values: [prefix, year, CALENDAR_ID, priority, guideId ?? "", guideId ?? NO_GUIDE],
  });
  const row = rows[0] as {
    number: number;
    signOff: SignOff | null;
    hours: unknown;
    closures: string[];
    targets: { guideId: string; first: number | null; resolution: number | null }[];
    followers: { id: string; name: string; email: string; inApp: boolean | null; mail: boolean | null }[];
  };
  // The guide's own policy wins over the default ("" guide), as in findSlaTargets.
  const target = row.targets.find((t) => t.guideId !== "") ?? row.targets[0];
  return {
    number: row.number,
    signOff: row.signOff ?? DEFAULT_SIGN_OFF,
    calendar: { hours: (row.hours === null ? null : parseStoredHours(row.hours)) ?? DEFAULT_HOURS, closures: new Set(row.closures) },
    targets: { firstResponseMinutes: target?.first ?? null, resolutionMinutes: target?.resolution ?? null },
    followers: row.followers.map((f) => ({ id: f.id, name: f.name, email: f.email, choice: f.inApp === null || f.mail === null ? null : { inApp: f.inApp, mail: f.mail } })),
  };
}

export type IntakeTicketRow = {
  id: string;
  reference: string;
  guideId: string | null;
  path: string[];
  walk: string[];
  endStep: string | null;
  pathAnswers: unknown;
  answers: unknown;
  changedFields: string[];
  locale: string;
  name: string;
  username: string;
  affiliation: string;
  email: string;
  failedAt: Date;
  device: string | null;
  description: string;
  idempotencyKey: string | null;
  statusTokenHash: string;
  statusTokenExpiresAt: Date;
  mailToken: string;
  helpSessionHash: string | null;
  lastInboundMessageId: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseTargetMinutes: number | null;
  resolutionTargetMinutes: number | null;
  slaDueAt: Date;
  createdAt: Date;
};

export type IntakeFileRow = { id: string; filename: string; contentType: string; size: number; sha256: string; data: Uint8Array };
export type IntakeMailRow = { ticketId: string | null; kind: string; to: string; subject: string; text: string; messageId?: string; inReplyTo?: string; references?: string; replyTo?: string };

/**
 * The ticket, its "created" event (version 1) and one "attachment" event per file (versions 2…), its
 * files, its mails (the confirmation and the followers' notifications; the OutboxMail insert trigger
 * asks for delivery at commit) and the followers' in-app notifications, in one statement: one
 * implicit transaction, so all of it or nothing commits. The live views' NOTIFY (the message
 * lib/tickets/events.ts notifyTicketChange sends for every later change) follows the commit, below.
 */
export async function insertIntakeTicket(t: IntakeTicketRow, files: IntakeFileRow[], mails: IntakeMailRow[], notifiedStaffIds: string[]): Promise<void> {
  const version = 1 + files.length;
  const fileEvents = files.map((f, i) => ({ kind: "attachment", after: { attachmentId: f.id, filename: f.filename }, version: i + 2 }));
  await pool().query({
    name: "tebiki-intake-insert",
    text: `WITH t AS (
        INSERT INTO "Ticket" ("id", "reference", "guideId", "path", "walk", "endStep", "pathAnswers", "answers", "changedFields", "locale",
          "name", "username", "affiliation", "email", "failedAt", "device", "description", "idempotencyKey", "statusTokenHash",
          "statusTokenExpiresAt", "mailToken", "helpSessionHash", "lastInboundMessageId", "firstResponseDueAt", "resolutionDueAt",
          "firstResponseTargetMinutes", "resolutionTargetMinutes", "slaDueAt", "createdAt", "updatedAt", "lastActivityAt", "version")
        VALUES ($1::uuid, $2, $3, $4::text[], $5::text[], $6, $7::jsonb, $8::jsonb, $9::text[], $10, $11, $12, $13, $14, $15, $16, $17, $18,
          $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $29, $29, $30)
        RETURNING "id", "reference", "status", "priority", "createdAt"),
      a AS (
        INSERT INTO "Attachment" ("id", "ticketId", "filename", "contentType", "size", "sha256", "data", "createdAt")
        SELECT f."id", t."id", f."filename", f."contentType", f."size", f."sha256", f."data", t."createdAt"
        FROM t, unnest($31::uuid[], $32::text[], $33::text[], $34::int[], $35::text[], $36::bytea[]) AS f("id", "filename", "contentType", "size", "sha256", "data")),
      e AS (
        INSERT INTO "TicketEvent" ("ticketId", "actorType", "kind", "after", "version", "createdAt")
        SELECT t."id", 'requester'::"ActorType", 'created', jsonb_build_object('status', t."status", 'priority', t."priority"), 1, t."createdAt" FROM t
        UNION ALL
        SELECT t."id", 'requester'::"ActorType", x."kind", x."after", x."version", t."createdAt" FROM t, jsonb_to_recordset($37::jsonb) AS x("kind" text, "after" jsonb, "version" int)),
      m AS (
        INSERT INTO "OutboxMail" ("ticketId", "kind", "to", "subject", "text", "messageId", "inReplyTo", "references", "replyTo")
        SELECT CASE WHEN x."ofTicket" THEN t."id" END, x."kind", x."to", x."subject", x."text", x."messageId", x."inReplyTo", x."references", x."replyTo"
        FROM t, jsonb_to_recordset($38::jsonb) AS x("ofTicket" boolean, "kind" text, "to" text, "subject" text, "text" text, "messageId" text, "inReplyTo" text, "references" text, "replyTo" text)),
      n AS (
        INSERT INTO "Notification" ("staffId", "kind", "ticketId", "createdAt")
        SELECT s, 'new_ticket'::"NotificationKind", t."id", t."createdAt" FROM t, unnest($39::uuid[]) AS s)
      SELECT t."id" FROM t`,
    values: [
      t.id, t.reference, t.guideId, t.path, t.walk, t.endStep, JSON.stringify(t.pathAnswers ?? {}), JSON.stringify(t.answers ?? {}), t.changedFields, t.locale,
      t.name, t.username, t.affiliation, t.email, t.failedAt, t.device, t.description, t.idempotencyKey, t.statusTokenHash,
      t.statusTokenExpiresAt, t.mailToken, t.helpSessionHash, t.lastInboundMessageId, t.firstResponseDueAt, t.resolutionDueAt,
      t.firstResponseTargetMinutes, t.resolutionTargetMinutes, t.slaDueAt, t.createdAt, version,
      files.map((f) => f.id), files.map((f) => f.filename), files.map((f) => f.contentType), files.map((f) => f.size), files.map((f) => f.sha256),
      files.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength)),
      JSON.stringify(fileEvents),
      JSON.stringify(mails.map((m) => ({ ofTicket: m.ticketId !== null, kind: m.kind, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId ?? null, inReplyTo: m.inReplyTo ?? null, references: m.references ?? null, replyTo: m.replyTo ?? null }))),
      notifiedStaffIds,
    ],
  });
  notifyCreatedAfterCommit({ t: "ticket", id: t.id, ref: t.reference, kind: "created", actor: null });
}

// The live views' NOTIFY of a new ticket (decision 0020), sent after the ticket's commit rather than
// in its statement (decision 0035, round 2): PostgreSQL serializes the commits of transactions that
// notify (a database-wide lock from before the commit's WAL flush to its end), so with the NOTIFY in
// the ticket's transaction every intake's commit and flush queued behind the previous one (measured
// on the bench database at 32 connections: 264 tickets/s with it against 527-748 without). A
// NOTIFY-only transaction writes no WAL, so its turn is short, and the ones that pile up while one is
// in flight go out together in the next (one transaction, one message each, as before). What is
// lost: the message, if the process dies between the ticket's commit and this; the view then shows
// the ticket at its next re-read (a reconnect, a page load).
const liveQueue: string[] = [];
let liveSending: Promise<void> | null = null;
function notifyCreatedAfterCommit(notice: Notice) {
  liveQueue.push(JSON.stringify(notice));
  liveSending ??= sendLiveNotices();
}
async function sendLiveNotices() {
  while (liveQueue.length) {
    const batch = liveQueue.splice(0, liveQueue.length);
    await pool()
      .query({ name: "tebiki-intake-live", text: `SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) AS p`, values: [LIVE_CHANNEL, batch] })
      .catch((error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error), notices: batch.length }, "live notice of new tickets not sent"));
  }
  // No await between the last look at the queue and this: a notice queued later starts a new run.
  liveSending = null;
}

/** Resolves when the live notices of the tickets created so far have been sent (tests). */
export async function liveNoticesSent(): Promise<void> {
  await liveSending;
}

/** The ticket a repeated idempotency key made, by the unique index; one named statement. */
export async function findTicketByIdempotencyKey(key: string): Promise<{ id: string; reference: string; locale: string } | null> {
  const { rows } = await pool().query({ name: "tebiki-intake-idempotency", text: `SELECT "id", "reference", "locale" FROM "Ticket" WHERE "idempotencyKey" = $1`, values: [key] });
  return (rows[0] as { id: string; reference: string; locale: string } | undefined) ?? null;
}

/**
 * The idempotency lookup and, only when the key made no ticket yet, the per-IP limit's hit
 * (tebiki_rate_limit_hit, lib/rate-limit.ts) in one round trip (decision 0035, round 2): a repeated
 * submit is not counted against the limit (decision 0007), as with the two statements before. The
 * limit's function takes its advisory lock and its counts' snapshots after the lookup, as it did.
 */
export async function findRepeatOrHitLimit(
  idempotencyKey: string | null,
  limitKey: string,
  windows: { limit: number; seconds: number }[],
  now: Date,
): Promise<{ repeat: { id: string; reference: string; locale: string } | null; retryAt: Date | null }> {
  const { rows } = await pool().query({
    name: "tebiki-intake-repeat-or-limit",
    text: `SELECT k."id", k."reference", k."locale",
        CASE WHEN k."id" IS NULL THEN "tebiki_rate_limit_hit"($2, $3::int[], $4::int[], $5) END AS "retryAt"
      FROM (SELECT 1) AS one LEFT JOIN "Ticket" k ON k."idempotencyKey" = $1`,
    values: [idempotencyKey, limitKey, windows.map((w) => w.limit), windows.map((w) => w.seconds), now],
  });
  const row = rows[0] as { id: string | null; reference: string | null; locale: string | null; retryAt: Date | null };
  return { repeat: row.id ? { id: row.id, reference: row.reference!, locale: row.locale! } : null, retryAt: row.retryAt };
}
