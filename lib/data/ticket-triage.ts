// Staff side of tickets: the triage list (filters, search, keyset pagination), the detail, and every
// change a staff member makes, each with a TicketEvent. Callers check the actor first (lib/auth/guards).
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/data/outbox";
import { jstDayStart } from "@/lib/jst";
import { getGuideDeclaration } from "@/lib/content";
import { readAnswers } from "@/lib/guides/answers";
import type { StaffSessionUser } from "@/lib/data/staff";
import { TICKET_STATUS } from "@/lib/ticket-fields";
import type { BulkAction, Sort, TicketFilter } from "@/lib/validation/triage";

type Tx = Prisma.TransactionClient;
type Actor = Pick<StaffSessionUser, "id" | "name">;
export type TicketStatus = (typeof TICKET_STATUS.values)[number];
export type TicketPriority = "low" | "normal" | "high" | "urgent";

export const PAGE_SIZE = 50;

// ---------------------------------------------------------------------------------------------
// The list

export type TicketListRow = {
  id: string;
  reference: string;
  status: TicketStatus;
  priority: TicketPriority;
  name: string;
  username: string;
  email: string;
  guideId: string | null;
  endStep: string | null;
  answers: Record<string, unknown>;
  locale: string;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
};

// Cursor: the sort key of the last row shown, opaque in the URL.
type Cursor = { t: string; p?: TicketPriority; id: string };

export function encodeCursor(row: Pick<TicketListRow, "id" | "createdAt" | "updatedAt" | "priority">, sort: Sort): string {
  const c: Cursor = { t: (sort === "updated" ? row.updatedAt : row.createdAt).toISOString(), id: row.id };
  if (sort === "priority") c.p = row.priority;
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(value: string | undefined, sort: Sort): Cursor | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (typeof c.id !== "string" || !/^[0-9a-f-]{36}$/.test(c.id) || Number.isNaN(Date.parse(c.t))) return null;
    if (sort === "priority" && !["low", "normal", "high", "urgent"].includes(c.p ?? "")) return null;
    return c;
  } catch {
    return null;
  }
}

/** `LIKE` pattern for a substring, with the user's % and _ taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** WHERE conditions of a filter, except the status tab and the cursor. */
function filterConditions(filter: TicketFilter, me: { id: string }): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.priority) where.push(Prisma.sql`t."priority" = ${filter.priority}::"TicketPriority"`);
  if (filter.assignee === "me") where.push(Prisma.sql`t."assigneeId" = ${me.id}::uuid`);
  else if (filter.assignee === "unassigned") where.push(Prisma.sql`t."assigneeId" IS NULL`);
  else if (filter.assignee !== "anyone") where.push(Prisma.sql`t."assigneeId" = ${filter.assignee}::uuid`);
  if (filter.endStep) where.push(Prisma.sql`t."endStep" = ${filter.endStep}`);
  if (filter.guide === "none") where.push(Prisma.sql`t."guideId" IS NULL`);
  else if (filter.guide) where.push(Prisma.sql`t."guideId" = ${filter.guide}`);
  // Containment, so that the GIN index "Ticket_answers_idx" (jsonb_path_ops) applies to any key.
  if (Object.keys(filter.answers).length) where.push(Prisma.sql`t."answers" @> ${JSON.stringify(filter.answers)}::jsonb`);
  if (filter.locale) where.push(Prisma.sql`t."locale" = ${filter.locale}`);
  // Day bounds are Japan days: staff think in Japan time whatever the server's zone.
  if (filter.from) where.push(Prisma.sql`t."createdAt" >= ${jstDayStart(filter.from)}`);
  if (filter.to) where.push(Prisma.sql`t."createdAt" < ${new Date(jstDayStart(filter.to).getTime() + 86_400_000)}`);
  if (filter.q) {
    // The exact expression of the GIN trigram index "Ticket_search_trgm_idx", so that it applies.
    where.push(
      Prisma.sql`(t."reference" || ' ' || t."username" || ' ' || t."name" || ' ' || t."email" || ' ' || t."description") ILIKE ${containsPattern(filter.q)}`,
    );
  }
  return where;
}

// ORDER BY and keyset conditions follow the column order of the indexes (status, createdAt DESC, id),
// (status, updatedAt DESC, id) and (status, priority, createdAt DESC, id), scanned forwards or
// backwards, so a page is an index range scan however deep it is.
function orderAndSeek(sort: Sort, cursor: Cursor | null): { order: Prisma.Sql; seek: Prisma.Sql | null } {
  const t = cursor ? new Date(cursor.t) : null;
  switch (sort) {
    case "oldest":
      return {
        order: Prisma.sql`t."createdAt" ASC, t."id" DESC`,
        seek: cursor && Prisma.sql`t."createdAt" >= ${t} AND (t."createdAt" > ${t} OR t."id" < ${cursor.id}::uuid)`,
      };
    case "updated":
      return {
        order: Prisma.sql`t."updatedAt" DESC, t."id" ASC`,
        seek: cursor && Prisma.sql`t."updatedAt" <= ${t} AND (t."updatedAt" < ${t} OR t."id" > ${cursor.id}::uuid)`,
      };
    case "priority":
      // Most urgent first, and within a priority the longest waiting first.
      return {
        order: Prisma.sql`t."priority" DESC, t."createdAt" ASC, t."id" DESC`,
        seek:
          cursor &&
          Prisma.sql`t."priority" <= ${cursor.p}::"TicketPriority" AND (t."priority" < ${cursor.p}::"TicketPriority" OR (t."createdAt" >= ${t} AND (t."createdAt" > ${t} OR t."id" < ${cursor.id}::uuid)))`,
      };
    default:
      return {
        order: Prisma.sql`t."createdAt" DESC, t."id" ASC`,
        seek: cursor && Prisma.sql`t."createdAt" <= ${t} AND (t."createdAt" < ${t} OR t."id" > ${cursor.id}::uuid)`,
      };
  }
}

/** The SQL of one list page (exported for the EXPLAIN test). */
export function listTicketsSql(filter: TicketFilter, me: { id: string }, limit = PAGE_SIZE): Prisma.Sql {
  const where = filterConditions(filter, me);
  if (filter.status !== "all") where.push(Prisma.sql`t."status" = ${filter.status}::"TicketStatus"`);
  const { order, seek } = orderAndSeek(filter.sort, decodeCursor(filter.cursor, filter.sort));
  if (seek) where.push(seek);
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  return Prisma.sql`
    SELECT t."id", t."reference", t."status"::text AS "status", t."priority"::text AS "priority", t."name", t."username",
           t."email", t."guideId", t."endStep", t."answers", t."locale", left(t."description", 140) AS "summary",
           t."createdAt", t."updatedAt", t."assigneeId", s."name" AS "assigneeName"
    FROM (SELECT * FROM "Ticket" t ${whereSql} ORDER BY ${order} LIMIT ${limit}) t
    LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
    ORDER BY ${order}`;
}

export async function listTickets(
  me: { id: string },
  filter: TicketFilter,
  pageSize = PAGE_SIZE,
): Promise<{ rows: TicketListRow[]; nextCursor: string | null }> {
  const rows = await db().$queryRaw<TicketListRow[]>(listTicketsSql(filter, me, pageSize + 1));
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  return { rows: page, nextCursor: more ? encodeCursor(page[page.length - 1], filter.sort) : null };
}

/** Tickets per status tab for the current filter (without the tab and cursor). */
export async function countTicketsByStatus(me: { id: string }, filter: TicketFilter): Promise<Record<TicketStatus | "all", number>> {
  const where = filterConditions(filter, me);
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const rows = await db().$queryRaw<{ status: TicketStatus; n: number }[]>`
    SELECT t."status"::text AS "status", count(*)::int AS "n" FROM "Ticket" t ${whereSql} GROUP BY t."status"`;
  const counts = { new: 0, open: 0, waiting: 0, resolved: 0, closed: 0, all: 0 };
  for (const r of rows) {
    counts[r.status] = r.n;
    counts.all += r.n;
  }
  return counts;
}

/** Every ticket of a filter (all statuses when the tab is "all"), page by page, for the CSV export. */
export async function* iterateTicketsForExport(me: { id: string }, filter: TicketFilter, pageSize = 500) {
  let cursor: string | undefined = undefined;
  for (;;) {
    const ids = await db().$queryRaw<TicketListRow[]>(listTicketsSql({ ...filter, cursor }, me, pageSize));
    if (!ids.length) return;
    const full = await db().ticket.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      select: exportSelect,
    });
    const byId = new Map(full.map((t) => [t.id, t]));
    for (const row of ids) {
      const t = byId.get(row.id);
      if (t) yield t;
    }
    if (ids.length < pageSize) return;
    cursor = encodeCursor(ids[ids.length - 1], filter.sort);
  }
}

const exportSelect = {
  id: true,
  reference: true,
  status: true,
  priority: true,
  createdAt: true,
  updatedAt: true,
  firstResponseAt: true,
  resolvedAt: true,
  locale: true,
  name: true,
  username: true,
  affiliation: true,
  email: true,
  failedAt: true,
  guideId: true,
  answers: true,
  endStep: true,
  path: true,
  changedFields: true,
  device: true,
  description: true,
  assignee: { select: { name: true } },
} as const;
export type ExportTicket = Prisma.TicketGetPayload<{ select: typeof exportSelect }>;

// ---------------------------------------------------------------------------------------------
// The detail

export async function getTicketForStaff(_me: { id: string }, reference: string) {
  const ticket = await db().ticket.findUnique({
    where: { reference },
    include: {
      assignee: { select: { id: true, name: true } },
      attachments: { select: { id: true, filename: true, contentType: true, size: true, createdAt: true, messageId: true } },
      messages: {
        orderBy: { createdAt: "asc" },
        select: { id: true, authorType: true, visibility: true, body: true, createdAt: true, author: { select: { name: true } } },
      },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, actorType: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
      },
    },
  });
  return ticket;
}
export type StaffTicket = NonNullable<Awaited<ReturnType<typeof getTicketForStaff>>>;

/**
 * Same guide, end step and incident answers (the guide's form.incidentFields) in the last 24 hours:
 * a hint that several people hit the same wall.
 */
export async function listSimilarTickets(ticket: { id: string; guideId: string | null; endStep: string | null; answers: unknown }, now = new Date()) {
  if (!ticket.endStep || !ticket.guideId) return [];
  const guide = getGuideDeclaration(ticket.guideId);
  const answers = readAnswers(ticket.answers);
  const same: Record<string, string | string[]> = {};
  for (const key of guide?.form.incidentFields ?? []) if (Object.hasOwn(answers, key)) same[key] = answers[key];
  return db().$queryRaw<{ id: string; reference: string; status: TicketStatus; name: string; answers: Record<string, unknown>; createdAt: Date }[]>`
    SELECT "id", "reference", "status"::text AS "status", "name", "answers", "createdAt" FROM "Ticket"
    WHERE "guideId" = ${ticket.guideId} AND "endStep" = ${ticket.endStep} AND "answers" @> ${JSON.stringify(same)}::jsonb
      AND "createdAt" >= ${new Date(now.getTime() - 86_400_000)} AND "id" <> ${ticket.id}::uuid
    ORDER BY "createdAt" DESC LIMIT 10`;
}

/** An attachment's bytes for staff download (the caller has run requireStaff). */
export async function getAttachmentForStaff(_me: { id: string }, id: string) {
  return db().attachment.findUnique({ where: { id }, select: { filename: true, contentType: true, size: true, data: true } });
}

// ---------------------------------------------------------------------------------------------
// Changes

export class TriageError extends Error {
  constructor(public code: "not-found" | "transition" | "assignee") {
    super(code);
  }
}

// The workflow: new → open → waiting → resolved → closed; resolved and closed can be reopened.
const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  new: ["open", "waiting", "resolved", "closed"],
  open: ["waiting", "resolved", "closed"],
  waiting: ["open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: ["open"],
};
export const allowedTransitions = (from: TicketStatus) => TRANSITIONS[from];

async function lockTicket(tx: Tx, ticketId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Ticket" WHERE "id" = ${ticketId}::uuid FOR UPDATE`;
  if (!rows.length) throw new TriageError("not-found");
  return tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { id: true, reference: true, status: true, priority: true, assigneeId: true, firstResponseAt: true, resolvedAt: true, locale: true, email: true, name: true },
  });
}

async function applyStatus(tx: Tx, actor: Actor, ticket: { id: string; status: TicketStatus }, status: TicketStatus, now: Date) {
  if (ticket.status === status) return false;
  if (!TRANSITIONS[ticket.status].includes(status)) throw new TriageError("transition");
  const data: Prisma.TicketUpdateInput = { status };
  if (status === "resolved") data.resolvedAt = now;
  if (status === "closed") data.closedAt = now;
  if (status === "open" && (ticket.status === "resolved" || ticket.status === "closed")) {
    // A reopened ticket is unresolved again; the resolution time counts from its next resolution.
    data.resolvedAt = null;
    data.closedAt = null;
  }
  await tx.ticket.update({ where: { id: ticket.id }, data });
  await tx.ticketEvent.create({
    data: { ticketId: ticket.id, actorType: "staff", actorId: actor.id, kind: "status", before: { status: ticket.status }, after: { status }, createdAt: now },
  });
  return true;
}

async function applyPriority(tx: Tx, actor: Actor, ticket: { id: string; priority: TicketPriority }, priority: TicketPriority, now: Date) {
  if (ticket.priority === priority) return false;
  await tx.ticket.update({ where: { id: ticket.id }, data: { priority } });
  await tx.ticketEvent.create({
    data: { ticketId: ticket.id, actorType: "staff", actorId: actor.id, kind: "priority", before: { priority: ticket.priority }, after: { priority }, createdAt: now },
  });
  return true;
}

async function staffName(tx: Tx, id: string | null) {
  if (!id) return null;
  return (await tx.staffUser.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

async function applyAssignee(tx: Tx, actor: Actor, ticket: { id: string; assigneeId: string | null }, assigneeId: string | null, now: Date) {
  if (ticket.assigneeId === assigneeId) return false;
  if (assigneeId) {
    const target = await tx.staffUser.findUnique({ where: { id: assigneeId }, select: { active: true } });
    if (!target?.active) throw new TriageError("assignee");
  }
  await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId } });
  await tx.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      actorType: "staff",
      actorId: actor.id,
      kind: "assignee",
      before: { assigneeId: ticket.assigneeId, assigneeName: await staffName(tx, ticket.assigneeId) },
      after: { assigneeId, assigneeName: await staffName(tx, assigneeId) },
      createdAt: now,
    },
  });
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

export async function addNote(actor: Actor, ticketId: string, body: string) {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "internal", body },
      select: { id: true },
    });
    await tx.ticketEvent.create({ data: { ticketId: ticket.id, actorType: "staff", actorId: actor.id, kind: "note", after: { messageId: message.id } } });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: new Date() } });
    return message;
  });
}

const REPLY_MAIL = {
  ja: {
    subject: (ref: string) => `[${ref}] ヘルプデスクからの返信`,
    text: (name: string, ref: string, body: string) =>
      `${name} 様\n\nお問い合わせ(受付番号 ${ref})について、ヘルプデスクから返信しました。\n\n` +
      `----------------------------------------\n${body}\n----------------------------------------\n\n` +
      `返信や追加の情報は、受付時のメールにある「お問い合わせ状況」ページからお送りください。\n` +
      `パスワードやワンタイムパスワードは書かないでください。\n\n情報社会基盤研究センター ヘルプデスク\n`,
  },
  en: {
    subject: (ref: string) => `[${ref}] Reply from the help desk`,
    text: (name: string, ref: string, body: string) =>
      `Dear ${name},\n\nThe help desk has replied to your request (reference ${ref}).\n\n` +
      `----------------------------------------\n${body}\n----------------------------------------\n\n` +
      `To answer or add information, use the request status page linked in the confirmation mail.\n` +
      `Never write your password or one-time password.\n\nRCACI Help Desk\n`,
  },
};

/** A public reply: the message, its event, the first-response time, the mail (same transaction). */
export async function addReply(actor: Actor, ticketId: string, body: string, then: "waiting" | "open" | "resolved" | "keep") {
  return db().$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    const now = new Date();
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, authorType: "staff", authorId: actor.id, visibility: "public", body, createdAt: now },
      select: { id: true },
    });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, actorType: "staff", actorId: actor.id, kind: "reply", after: { messageId: message.id }, createdAt: now },
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: ticket.firstResponseAt ?? now, updatedAt: now } });
    const text = ticket.locale === "en" ? REPLY_MAIL.en : REPLY_MAIL.ja;
    await enqueueMail(tx, {
      ticketId: ticket.id,
      kind: "staff-reply",
      to: ticket.email,
      subject: text.subject(ticket.reference),
      text: text.text(ticket.name, ticket.reference, body),
    });
    if (then !== "keep" && then !== ticket.status && TRANSITIONS[ticket.status].includes(then)) {
      await applyStatus(tx, actor, ticket, then, new Date(now.getTime() + 1));
    }
    return message;
  });
}

/** One change applied to many tickets; tickets where the change does not apply are skipped. */
export async function bulkUpdate(actor: Actor, ticketIds: string[], action: BulkAction): Promise<{ changed: number; skipped: number }> {
  let changed = 0;
  let skipped = 0;
  await db().$transaction(async (tx) => {
    const now = new Date();
    for (const id of [...new Set(ticketIds)].sort()) {
      let ticket;
      try {
        ticket = await lockTicket(tx, id);
      } catch {
        skipped++;
        continue;
      }
      let did = false;
      if (action.action === "status") {
        if (ticket.status !== action.status && TRANSITIONS[ticket.status].includes(action.status)) did = await applyStatus(tx, actor, ticket, action.status, now);
      } else if (action.action === "priority") did = await applyPriority(tx, actor, ticket, action.priority, now);
      else did = await applyAssignee(tx, actor, ticket, action.assigneeId, now);
      if (did) changed++;
      else skipped++;
    }
  });
  return { changed, skipped };
}
