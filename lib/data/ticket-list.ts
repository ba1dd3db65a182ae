// The staff ticket list: filters, search, keyset pagination, counts and the CSV export's statement.
// Callers check the actor first (lib/auth/guards). Changes to tickets live in lib/tickets/.
import "server-only";
import { db, pool } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { jstDayStart } from "@/lib/jst";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import type { TicketPriority, TicketStatus } from "@/lib/tickets/workflow";
import type { Sort, SortDir, TicketFilter } from "@/lib/validation/triage";

const TICKET_STATUSES = TICKET_STATUS.values;
const TICKET_PRIORITIES = TICKET_PRIORITY.values;

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
  lastActivityAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Something happened since this staff member last opened the ticket (decision 0019). */
  unread: boolean;
  /** The due time that runs next (lib/tickets/sla.ts nextDue; NO_DUE when none) and whether the SLA clock stands still. */
  slaDueAt: Date;
  slaPausedAt: Date | null;
};

type KeyKind = "time" | "text" | "status" | "priority";
type SortKey = { column: "createdAt" | "lastActivityAt" | "reference" | "username" | "status" | "priority" | "slaDueAt"; kind: KeyKind; desc: boolean };
// Each sort is its index's column order (after the status tab's equality), scanned forwards for
// one direction and backwards for the other, so that every page is an index range scan however deep
// it is. `forward` is the direction the index reads forwards. The id breaks ties, except after the
// unique reference.
const SORT_SPECS: Record<Sort, { keys: SortKey[]; id: boolean; forward: SortDir; statusInOrder?: true }> = {
  created: { keys: [{ column: "createdAt", kind: "time", desc: true }], id: true, forward: "desc" },
  activity: { keys: [{ column: "lastActivityAt", kind: "time", desc: true }], id: true, forward: "desc" },
  reference: { keys: [{ column: "reference", kind: "text", desc: false }], id: false, forward: "asc" },
  requester: { keys: [{ column: "username", kind: "text", desc: false }], id: true, forward: "asc" },
  // Within a status or priority, the newest first (ascending) or the longest waiting first (descending).
  status: {
    keys: [
      { column: "status", kind: "status", desc: false },
      { column: "createdAt", kind: "time", desc: true },
    ],
    id: true,
    forward: "asc",
  },
  priority: {
    keys: [
      { column: "priority", kind: "priority", desc: false },
      { column: "createdAt", kind: "time", desc: true },
    ],
    id: true,
    forward: "asc",
  },
  // Index "Ticket_slaDueAt_id_idx" (all tabs) and "Ticket_status_slaDueAt_id_idx" (a status tab).
  // Resolved and closed tickets all sit at the far end of slaDueAt (9999-12-31, no due time), which
  // the planner cannot know: on a status tab it would walk the status-less index past every other
  // status's due times. Ordering by the (fixed) status first leaves it only the status index
  // (listTicketsSql spells that status so that the planner keeps it in the order).
  due: { keys: [{ column: "slaDueAt", kind: "time", desc: false }], id: true, forward: "asc", statusInOrder: true },
};

// Cursor: the sort key of a row at the page's edge, opaque in the URL.
type Cursor = { v: string[]; id: string };
type CursorRow = Pick<TicketListRow, "id" | "createdAt" | "lastActivityAt" | "reference" | "username" | "status" | "priority" | "slaDueAt">;

export function encodeCursor(row: CursorRow, sort: Sort): string {
  const v = SORT_SPECS[sort].keys.map((k) => {
    const value = row[k.column];
    return value instanceof Date ? value.toISOString() : String(value);
  });
  return Buffer.from(JSON.stringify({ v, id: row.id } satisfies Cursor)).toString("base64url");
}

const KIND_VALID: Record<KeyKind, (v: string) => boolean> = {
  time: (v) => !Number.isNaN(Date.parse(v)),
  text: (v) => v.length <= 200,
  status: (v) => (TICKET_STATUSES as readonly string[]).includes(v),
  priority: (v) => (TICKET_PRIORITIES as readonly string[]).includes(v),
};

/** A cursor from the URL, or null when it is missing, forged or from another sort. */
function decodeCursor(value: string | undefined, sort: Sort): Cursor | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    const keys = SORT_SPECS[sort].keys;
    if (typeof c.id !== "string" || !/^[0-9a-f-]{36}$/.test(c.id) || !Array.isArray(c.v) || c.v.length !== keys.length) return null;
    if (!keys.every((k, i) => typeof c.v[i] === "string" && KIND_VALID[k.kind](c.v[i]))) return null;
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
function filterConditions(filter: TicketFilter, me: { id: string }, withSearch = true): Prisma.Sql[] {
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
  if (filter.q && withSearch) where.push(searchCondition(filter.q));
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

function keyValue(kind: KeyKind, v: string): Prisma.Sql {
  switch (kind) {
    case "time":
      return Prisma.sql`${new Date(v)}`;
    case "status":
      return Prisma.sql`${v}::"TicketStatus"`;
    case "priority":
      return Prisma.sql`${v}::"TicketPriority"`;
    default:
      return Prisma.sql`${v}`;
  }
}

/**
 * ORDER BY and the keyset condition of a sort read forwards or backwards. The condition is spelled
 * out per column (`a >= x AND (a > x OR ...)`) rather than as a row comparison, because the columns'
 * directions differ and the leading `a >= x` is what bounds the index range.
 *
 * With two sort columns before the id (priority, then created) that bound is only the priority:
 * a cursor deep inside "low" would scan every earlier "low" row. So the seek comes in two ranges,
 * "same first column, after the cursor in the second" and "later first column", each an index
 * range of its own, read as a UNION ALL (listTicketsSql).
 */
function orderAndSeek(
  sort: Sort,
  forward: boolean,
  cursor: Cursor | null,
  fixed: Set<SortKey["column"]>,
): { order: Prisma.Sql; seeks: Prisma.Sql[] } {
  const spec = SORT_SPECS[sort];
  // A column the filter fixes (the status on a status tab) orders nothing, and in the keyset
  // condition it would only hide the range bound of the next column from the planner.
  const cols = spec.keys
    .filter((k) => !fixed.has(k.column))
    .map((k) => ({ col: Prisma.raw(`t."${k.column}"`), desc: k.desc !== !forward, value: cursor ? keyValue(k.kind, cursor.v[spec.keys.indexOf(k)]) : null }));
  if (spec.id) cols.push({ col: Prisma.raw(`t."id"`), desc: !forward, value: cursor ? Prisma.sql`${cursor.id}::uuid` : null });
  const ordered = spec.statusInOrder && fixed.has("status") ? [{ col: Prisma.raw(`t."status"`), desc: cols[0].desc }, ...cols] : cols;
  const order = Prisma.join(
    ordered.map((c) => Prisma.sql`${c.col} ${Prisma.raw(c.desc ? "DESC" : "ASC")}`),
    ", ",
  );
  if (!cursor) return { order, seeks: [] };
  const seekFrom = (i: number): Prisma.Sql => {
    const c = cols[i];
    const strict = Prisma.raw(c.desc ? "<" : ">");
    if (i === cols.length - 1) return Prisma.sql`${c.col} ${strict} ${c.value}`;
    const loose = Prisma.raw(c.desc ? "<=" : ">=");
    return Prisma.sql`${c.col} ${loose} ${c.value} AND (${c.col} ${strict} ${c.value} OR (${seekFrom(i + 1)}))`;
  };
  if (cols.length < 3) return { order, seeks: [seekFrom(0)] };
  const [first] = cols;
  return {
    order,
    seeks: [Prisma.sql`${first.col} = ${first.value} AND ${seekFrom(1)}`, Prisma.sql`${first.col} ${Prisma.raw(first.desc ? "<" : ">")} ${first.value}`],
  };
}

/** The SQL of one list page (exported for the EXPLAIN test). `backwards` reads the page before `filter.before`. */
export function listTicketsSql(filter: TicketFilter, me: { id: string }, limit = PAGE_SIZE, backwards = false, searchWindow?: number): Prisma.Sql {
  const windowed = Boolean(searchWindow && filter.q);
  const where = filterConditions(filter, me, !windowed);
  if (filter.status !== "all") {
    // For a sort that orders by the fixed status (statusInOrder), = ANY keeps PostgreSQL from
    // treating the status as a constant and so from dropping it from the order it needs an index for.
    where.push(
      SORT_SPECS[filter.sort].statusInOrder
        ? Prisma.sql`t."status" = ANY(ARRAY[${filter.status}]::"TicketStatus"[])`
        : Prisma.sql`t."status" = ${filter.status}::"TicketStatus"`,
    );
  }
  const forward = (filter.dir === SORT_SPECS[filter.sort].forward) !== backwards;
  const fixed = new Set<SortKey["column"]>();
  if (filter.status !== "all") fixed.add("status");
  if (filter.priority) fixed.add("priority");
  const { order, seeks } = orderAndSeek(filter.sort, forward, decodeCursor(backwards ? filter.before : filter.cursor, filter.sort), fixed);
  const range = (seek: Prisma.Sql | null) => {
    const all = seek ? [...where, seek] : where;
    const whereSql = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
    if (!windowed) return Prisma.sql`SELECT * FROM "Ticket" t ${whereSql} ORDER BY ${order} LIMIT ${limit}`;
    // The search tried on the first rows of the order only (see listTickets).
    return Prisma.sql`SELECT * FROM (SELECT * FROM "Ticket" t ${whereSql} ORDER BY ${order} LIMIT ${searchWindow}) t
      WHERE ${searchCondition(filter.q!)} ORDER BY ${order} LIMIT ${limit}`;
  };
  const page =
    seeks.length > 1
      ? Prisma.sql`SELECT * FROM (${Prisma.join(seeks.map((seek) => Prisma.sql`(${range(seek)})`), " UNION ALL ")}) t ORDER BY ${order} LIMIT ${limit}`
      : range(seeks[0] ?? null);
  // The read mark is looked up for the page's rows only, one primary-key probe each: a correlated
  // subquery, because as a join the planner may read all of a staff member's marks into a hash.
  return Prisma.sql`
    SELECT t."id", t."reference", t."status"::text AS "status", t."priority"::text AS "priority", t."name", t."username",
           t."email", t."guideId", t."endStep", t."answers", t."locale", left(t."description", 140) AS "summary",
           t."createdAt", t."updatedAt", t."lastActivityAt", t."assigneeId", s."name" AS "assigneeName", t."version",
           t."slaDueAt", t."slaPausedAt",
           t."lastActivityAt" > COALESCE(
             (SELECT r."readAt" FROM "TicketReadMark" r WHERE r."staffId" = ${me.id}::uuid AND r."ticketId" = t."id"),
             '-infinity') AS "unread"
    FROM (${page}) t
    LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
    ORDER BY ${order}`;
}

export type TicketListPage = { rows: TicketListRow[]; nextCursor: string | null; prevCursor: string | null };

/**
 * Rows of the list's order a frequent word's search looks through, widening, before its trigram
 * index answers (see searchPageRows). Each window is a walk of the list's index, ~8 µs a row at 1M
 * tickets (2,000: ~20 ms, 8,000: ~70 ms at load 4 on 2 CPUs), where the trigram index's bitmap of a
 * word in 100k tickets reads ~64k heap pages (0.8-3 s): so a frequent word missing from the newest
 * few thousand tickets (a burst of tickets about something else) still walks (decision 0036, round 2).
 */
export const SEARCH_WINDOWS = [2_000, 8_000] as const;

/** A search over the trigram index (three characters or more, not a reference). */
const trigramSearch = (q: string | undefined) => Boolean(q && !REFERENCE.test(q) && [...q].length >= SHORT_QUERY_LENGTH);

/**
 * Runs a query with index scans off, so that PostgreSQL answers a search from the trigram index (a
 * bitmap) and sorts what matched, instead of walking the list's order and testing every row.
 */
async function withBitmapSearch<T>(query: Prisma.Sql): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
    return tx.$queryRaw<T>(query);
  });
}

/** Runs one statement of a search page; `bitmap`: with index scans off (withBitmapSearch). */
export type SearchStatementRunner = (query: Prisma.Sql, bitmap: boolean) => Promise<TicketListRow[]>;

/**
 * The statements of a trigram search's page, in order, until one fills it. A substring search has two
 * good plans: a frequent word is found at once walking the list's order; a rare one must come from the
 * trigram index (the walk read 250,000 rows at 1M tickets for a word in 185 of them; decision 0023).
 * PostgreSQL's estimate of the word's tickets (the statistics of the index's expression) tells the two
 * apart well, but its LIMIT costing still picks the walk or a lossy bitmap of a frequent word. So a
 * word estimated rare goes to the trigram index, sorted; a frequent one walks the SEARCH_WINDOWS, and
 * only when they do not hold a whole page (matches of the filter are rare although the word is not)
 * does the trigram index answer (decision 0036). Exported, with its runner, for the plan test.
 */
export async function searchPageRows(
  run: SearchStatementRunner,
  frequent: boolean,
  me: { id: string },
  filter: TicketFilter,
  limit: number,
  backwards: boolean,
): Promise<TicketListRow[]> {
  if (frequent) {
    for (const window of SEARCH_WINDOWS) {
      const walked = await run(listTicketsSql(filter, me, limit, backwards, window), false);
      if (walked.length === limit) return walked;
    }
  }
  return run(listTicketsSql(filter, me, limit, backwards), true);
}

async function pageRows(me: { id: string }, filter: TicketFilter, limit: number, backwards: boolean): Promise<TicketListRow[]> {
  if (!trigramSearch(filter.q)) return db().$queryRaw<TicketListRow[]>(listTicketsSql(filter, me, limit, backwards));
  const run: SearchStatementRunner = (query, bitmap) => (bitmap ? withBitmapSearch<TicketListRow[]>(query) : db().$queryRaw<TicketListRow[]>(query));
  return searchPageRows(run, await frequentSearch(filter.q!), me, filter, limit, backwards);
}

export async function listTickets(me: { id: string }, filter: TicketFilter, pageSize = PAGE_SIZE): Promise<TicketListPage> {
  const backwards = Boolean(filter.before && decodeCursor(filter.before, filter.sort));
  const rows = await pageRows(me, filter, pageSize + 1, backwards);
  const more = rows.length > pageSize;
  if (backwards) {
    const page = rows.slice(0, pageSize).reverse();
    if (!page.length) return { rows: page, nextCursor: null, prevCursor: null };
    // Read from the page after: that page is there, and the next link leads back to it.
    return { rows: page, nextCursor: encodeCursor(page[page.length - 1], filter.sort), prevCursor: more ? encodeCursor(page[0], filter.sort) : null };
  }
  const page = more ? rows.slice(0, pageSize) : rows;
  const cameFromAfter = Boolean(decodeCursor(filter.cursor, filter.sort));
  return {
    rows: page,
    nextCursor: more ? encodeCursor(page[page.length - 1], filter.sort) : null,
    prevCursor: cameFromAfter && page.length ? encodeCursor(page[0], filter.sort) : null,
  };
}

/** Counts stop here: an exact count of a million rows is a full scan, "1,000+" says enough. */
export const COUNT_CAP = 1000;

/**
 * A search whose words PostgreSQL expects in more tickets than this is not counted: its matches are
 * spread through the table, and counting even a thousand of them per tab reads the whole trigram
 * posting list (~250 ms a tab at 1M tickets for a word in 450k of them) or walks far through a tab.
 * The planner's estimate of each tab is shown instead, marked as one (decision 0036). Below it, the
 * search also goes straight to its index for the page (pageRows).
 */
export const ESTIMATE_SEARCH_ABOVE = 5_000;

type Tab = TicketStatus | "all";
const TABS: Tab[] = [...TICKET_STATUSES, "all"];
/** Per tab; `estimated`: the planner's estimates (see countTicketsByStatus), else exact up to COUNT_CAP + 1. */
export type TicketCounts = { byStatus: Record<Tab, number>; estimated: boolean };

type ExplainRow = { "QUERY PLAN": unknown };

function estimateSql(where: Prisma.Sql[]): Prisma.Sql {
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  return Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Ticket" t ${whereSql}`;
}

/** The EXPLAIN whose row estimate decides whether a search is frequent (exported for the plan test). */
export const searchEstimateSql = (q: string) => estimateSql([searchCondition(q)]);

/** PostgreSQL's estimate of the rows matching `where`: planning only, nothing is read. */
async function estimateRows(where: Prisma.Sql[]): Promise<number> {
  const [row] = await db().$queryRaw<ExplainRow[]>(estimateSql(where));
  const raw = row["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: { "Plan Rows": number } }];
  return Math.round(plan[0].Plan["Plan Rows"]);
}

/** Whether PostgreSQL expects the search words of `q` in more than ESTIMATE_SEARCH_ABOVE tickets. */
async function frequentSearch(q: string): Promise<boolean> {
  return (await estimateRows([searchCondition(q)])) > ESTIMATE_SEARCH_ABOVE;
}

/**
 * Whether the capped count of every tab is a range of one index (Ticket_status_priority_createdAt_id_idx,
 * Ticket_assigneeId_status_createdAt_idx, Ticket_status_createdAt_id_idx): then it reads at most
 * COUNT_CAP + 1 index entries a tab. Any other condition (guide, end step, answers, language, or
 * priority with assignee) has to be tested on rows, thousands of them before a tab reaches the cap:
 * 250-500 ms for the six tabs at 1M tickets, bitmaps or not (decision 0036).
 */
function countsAreIndexRanges(filter: TicketFilter): boolean {
  const others = filter.guide || filter.endStep || Object.keys(filter.answers).length || filter.locale;
  return !others && !(filter.priority && filter.assignee !== "anyone");
}

/** A rare search's matches counted per tab in one pass over its index; more than this and it is not rare after all. */
const RARE_SEARCH_READ = 10_000;

const statusCondition = (s: Tab) => (s === "all" ? [] : [Prisma.sql`t."status" = ${s}::"TicketStatus"`]);

async function estimateCounts(me: { id: string }, filter: TicketFilter): Promise<TicketCounts> {
  const where = filterConditions(filter, me);
  const estimates = await Promise.all(TABS.map((s) => estimateRows([...where, ...statusCondition(s)])));
  return { byStatus: Object.fromEntries(TABS.map((s, i) => [s, estimates[i]])) as Record<Tab, number>, estimated: true };
}

/**
 * Tickets per status tab for the current filter (without the tab and cursor): exact up to
 * COUNT_CAP + 1 where that is cheap (a search the statistics call rare, a reference, the tabs alone
 * or with one indexed condition), else PostgreSQL's estimates, marked as such for the page to say so.
 */
export async function countTicketsByStatus(me: { id: string }, filter: TicketFilter): Promise<TicketCounts> {
  if (filter.q && REFERENCE.test(filter.q)) return { byStatus: await cappedCounts(me, filter), estimated: false };
  if (filter.q) {
    if (await frequentSearch(filter.q)) return estimateCounts(me, filter);
    // A rare word: its few matches, from its trigram (or requester) index, counted in one pass.
    const query = searchCountSql(filter, me);
    const rows = trigramSearch(filter.q) ? await withBitmapSearch<{ status: TicketStatus; n: number }[]>(query) : await db().$queryRaw<{ status: TicketStatus; n: number }[]>(query);
    const all = rows.reduce((sum, r) => sum + r.n, 0);
    if (all >= RARE_SEARCH_READ) return estimateCounts(me, filter);
    const byStatus = Object.fromEntries(TABS.map((s) => [s, Math.min(COUNT_CAP + 1, s === "all" ? all : (rows.find((r) => r.status === s)?.n ?? 0))]));
    return { byStatus: byStatus as Record<Tab, number>, estimated: false };
  }
  if (!countsAreIndexRanges(filter)) return estimateCounts(me, filter);
  return { byStatus: await cappedCounts(me, filter), estimated: false };
}

/** The per-status matches of a search, read once, at most RARE_SEARCH_READ (exported for the EXPLAIN test). */
export function searchCountSql(filter: TicketFilter, me: { id: string }): Prisma.Sql {
  const where = filterConditions(filter, me);
  return Prisma.sql`SELECT m."status"::text AS "status", count(*)::int AS "n"
    FROM (SELECT t."status" FROM "Ticket" t WHERE ${Prisma.join(where, " AND ")} LIMIT ${RARE_SEARCH_READ}) m GROUP BY 1`;
}

async function cappedCounts(me: { id: string }, filter: TicketFilter): Promise<Record<Tab, number>> {
  const [row] = await db().$queryRaw<Record<Tab, number>[]>(countTicketsSql(filter, me));
  return row;
}

/** The capped counts of every tab in one statement (exported for the EXPLAIN test). */
export function countTicketsSql(filter: TicketFilter, me: { id: string }): Prisma.Sql {
  const where = filterConditions(filter, me);
  const capped = (s: Tab) => {
    const all = [...where, ...statusCondition(s)];
    const whereSql = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
    return Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM "Ticket" t ${whereSql} LIMIT ${COUNT_CAP + 1}) c)`;
  };
  return Prisma.sql`SELECT ${Prisma.join(TABS.map((s) => Prisma.sql`${capped(s)} AS ${Prisma.raw(`"${s}"`)}`), ", ")}`;
}

/** "1,000+" past the cap. */
export function formatCount(n: number): string {
  return n > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en-US")}+` : n.toLocaleString("en-US");
}

/** A planner's estimate to two significant figures ("約45,000"): its digits beyond are noise. */
export function formatEstimate(n: number): string {
  const digits = Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1);
  const rounded = Math.round(n / 10 ** digits) * 10 ** digits;
  return `約${rounded.toLocaleString("en-US")}`;
}

// Times as Date#toISOString writes them (the columns are timestamptz(3)) and lists as the CSV prints
// them, formatted by PostgreSQL: parsing them in JavaScript only to print them again cost more than
// reading the rows.
const iso = (column: string) => Prisma.raw(`to_char(t."${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The CSV export's one statement: every ticket of the filter (all statuses when the tab is "all") in the list's order. */
export function exportTicketsSql(filter: TicketFilter, me: { id: string }): Prisma.Sql {
  const where = filterConditions(filter, me);
  if (filter.status !== "all") where.push(Prisma.sql`t."status" = ${filter.status}::"TicketStatus"`);
  const fixed = new Set<SortKey["column"]>(filter.status !== "all" ? ["status"] : []);
  if (filter.priority) fixed.add("priority");
  const { order } = orderAndSeek(filter.sort, filter.dir === SORT_SPECS[filter.sort].forward, null, fixed);
  const whereSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  return Prisma.sql`
    SELECT t."reference", t."status"::text AS "status", t."priority"::text AS "priority", s."name" AS "assigneeName",
           ${iso("createdAt")} AS "createdAt", ${iso("updatedAt")} AS "updatedAt", ${iso("firstResponseAt")} AS "firstResponseAt",
           ${iso("resolvedAt")} AS "resolvedAt", t."locale", t."name", t."username", t."affiliation", t."email",
           ${iso("failedAt")} AS "failedAt", t."guideId", t."answers", t."endStep",
           array_to_string(t."path", ' ') AS "path", array_to_string(t."changedFields", ' ') AS "changedFields", t."device", t."description"
    FROM "Ticket" t
    LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
    ${whereSql}
    ORDER BY ${order}`;
}

export type ExportTicket = {
  reference: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeName: string | null;
  /** ISO 8601 in UTC, as Date#toISOString. */
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  locale: string;
  name: string;
  username: string;
  affiliation: string;
  email: string;
  failedAt: string;
  guideId: string | null;
  answers: unknown;
  endStep: string | null;
  /** Space-separated, as the CSV prints a list. */
  path: string;
  changedFields: string;
  device: string | null;
  description: string;
};

/**
 * Every ticket of a filter for the CSV export, `batchSize` rows at a time, from one statement read
 * through a cursor (DECLARE, FETCH): memory stays at one batch however large the export. A cursor is
 * planned for its first rows (cursor_tuple_fraction), so the export walks the list's index in order
 * and its first bytes leave at once, where the same SELECT alone would sort a tenth of the table
 * first (plan test in ticket-list-plan.test.ts). Holds one pooled connection, in a read-only
 * transaction, until the caller has read to the end or called return().
 */
export async function* iterateTicketsForExport(me: { id: string }, filter: TicketFilter, batchSize = 1000): AsyncGenerator<ExportTicket[]> {
  const sql = exportTicketsSql(filter, me);
  const client = await pool().connect();
  let finished = false;
  let broken: Error | undefined;
  let pending: Promise<{ rows: ExportTicket[] }> | null = null;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE tebiki_export NO SCROLL CURSOR FOR ${sql.text}`, sql.values);
    const fetchBatch = () => {
      const batch = client.query<ExportTicket>(`FETCH ${Math.trunc(batchSize)} FROM tebiki_export`);
      // Handled where it is awaited; meanwhile a failure must not count as an unhandled rejection.
      batch.catch(() => {});
      return batch;
    };
    // The next batch is read while the caller formats and sends this one: the database and the
    // formatting overlap instead of taking turns (decision 0036, round 2). At most two batches in memory.
    pending = fetchBatch();
    while (pending) {
      const rows: ExportTicket[] = (await pending).rows;
      pending = rows.length < batchSize ? null : fetchBatch();
      if (rows.length) yield rows;
    }
    await client.query("COMMIT");
    finished = true;
  } finally {
    // Ended early (a download stopped) or failed: the transaction and its cursor go with a rollback
    // (after the batch still being read); a connection that cannot even do that is not given back to the pool.
    if (pending) await pending.catch(() => {});
    if (!finished) await client.query("ROLLBACK").catch((error: Error) => (broken = error));
    client.release(broken);
  }
}
