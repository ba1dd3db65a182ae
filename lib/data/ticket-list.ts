// The staff ticket list: filters, search, keyset pagination, counts and the CSV export's pages.
// Callers check the actor first (lib/auth/guards). Changes to tickets live in lib/tickets/.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { jstDayStart } from "@/lib/jst";
import type { TicketPriority, TicketStatus } from "@/lib/tickets/workflow";
import type { Sort, TicketFilter } from "@/lib/validation/triage";

export const PAGE_SIZE = 50;

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
  /** sent back by the bulk form, so a ticket changed since the list was shown is skipped (decision 0018) */
  version: number;
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
  if (filter.q) where.push(searchCondition(filter.q));
  return where;
}

// The exact expression of the GIN trigram index "Ticket_search_trgm_idx" (migration
// 20261126140500_ticket_search), so that it applies: the ticket's own fields, then every message and
// internal note ("searchText"). Staff only: notes are in it.
const SEARCH_TEXT = Prisma.sql`(t."reference" || ' ' || t."username" || ' ' || t."name" || ' ' || t."email" || ' ' || t."affiliation" || ' ' || t."description" || ' ' || t."searchText")`;

const REFERENCE = /^[A-Za-z]{2,10}-\d{4}-\d{6,}$/;

/** Shorter queries than this match the starts of words of the requester's name and username only. */
export const SHORT_QUERY_LENGTH = 3;

// The expression of "Ticket_requester_trgm_idx", for short queries.
const REQUESTER_TEXT = Prisma.sql`(t."name" || ' ' || t."username")`;

/**
 * Substring search, case-insensitive, with % and _ literal. A query of one or two characters has no
 * trigram, so a substring ILIKE could only be answered by reading every row: such a query matches
 * where a word of the requester's name or username starts with it (a family name 田中, a username's
 * start s12) through word similarity ("<%", which pads word starts), and the ILIKE keeps that to real
 * substrings (decision 0023).
 */
function searchCondition(q: string): Prisma.Sql {
  // A whole reference is a lookup of that ticket: its unique index answers at once, where the
  // trigram index would intersect the long posting lists of "202", "000"... (~100 ms at 1M tickets).
  if (REFERENCE.test(q)) return Prisma.sql`t."reference" = ${q.toUpperCase()}`;
  if ([...q].length >= SHORT_QUERY_LENGTH) return Prisma.sql`${SEARCH_TEXT} ILIKE ${containsPattern(q)}`;
  return Prisma.sql`(${q} <% ${REQUESTER_TEXT} AND ${REQUESTER_TEXT} ILIKE ${containsPattern(q)})`;
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
           t."createdAt", t."updatedAt", t."assigneeId", s."name" AS "assigneeName", t."version"
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
