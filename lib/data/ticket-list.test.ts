// The agent's list (issue 10 part B): column sorts, previous/next pages, capped totals, and the
// per-agent unread marker kept by recordEvent and the detail page's read mark.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markTicketRead } from "@/lib/data/ticket-reads";
import { COUNT_CAP, countTicketsByStatus, formatCount, formatEstimate, listTickets, type TicketListRow } from "@/lib/data/ticket-list";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { changeStatus } from "@/lib/tickets/change-properties";
import { addNote } from "@/lib/tickets/note";
import { addRequesterMessage } from "@/lib/tickets/requester-message";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { SORTS, TicketFilterSchema, filterToParams, type TicketFilter } from "@/lib/validation/triage";

const filter = (over: Record<string, string>) => TicketFilterSchema.parse(over);
const me = { id: randomUUID() };

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;
const STATUS_RANK = { new: 0, open: 1, waiting: 2, resolved: 3, closed: 4 } as const;
/** The order each sort promises, written out independently of the SQL. */
function expectedOrder(rows: TicketListRow[], sort: TicketFilter["sort"], dir: "asc" | "desc") {
  const key = (r: TicketListRow): (number | string)[] => {
    switch (sort) {
      case "created":
        return [r.createdAt.getTime()];
      case "activity":
        return [r.lastActivityAt.getTime()];
      case "reference":
        return [r.reference];
      case "requester":
        return [r.username];
      case "status":
        return [STATUS_RANK[r.status], -r.createdAt.getTime()];
      case "priority":
        return [PRIORITY_RANK[r.priority], -r.createdAt.getTime()];
      case "due":
        return [r.slaDueAt.getTime(), r.id];
    }
  };
  const cmp = (a: TicketListRow, b: TicketListRow) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  };
  return [...rows].sort((a, b) => (dir === "asc" ? cmp(a, b) : cmp(b, a)));
}

async function pagesForward(f: TicketFilter, size: number) {
  const pages: TicketListRow[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listTickets(me, { ...f, cursor, before: undefined }, size);
    pages.push(page.rows);
    if (i === 0) expect(page.prevCursor).toBeNull();
    if (!page.nextCursor) return { pages, last: page };
    cursor = page.nextCursor;
  }
  throw new Error("no last page");
}

describe("ticket list: sorts and pages", () => {
  it("sorts by every column both ways, and pages forwards and back to the same pages, ties included", async () => {
    const tag = randomUUID().slice(0, 8);
    const base = new Date("2026-04-01T00:00:00.000Z").getTime();
    const statuses = ["new", "open", "waiting", "resolved", "closed"] as const;
    const priorities = ["low", "normal", "high", "urgent"] as const;
    for (let i = 0; i < 13; i++) {
      // Every fourth ticket shares its timestamps and requester with another: the id breaks the tie.
      const t = i % 4 === 0 ? base : base + i * 60_000;
      await createTicket({
        description: `sort ${tag}`,
        status: statuses[i % 5],
        priority: priorities[(i * 3) % 4],
        username: `u${tag}${i % 4 === 0 ? "same" : String.fromCharCode(97 + ((i * 7) % 13))}`,
        createdAt: new Date(t),
        lastActivityAt: new Date(base + ((i * 5) % 13) * 3_600_000 + (i % 4 === 0 ? 0 : i)),
      });
    }
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const f = filter({ status: "all", q: tag, sort, dir });
        const whole = (await listTickets(me, f, 100)).rows;
        expect(whole, `${sort} ${dir}`).toHaveLength(13);
        expect(whole.map((r) => r.id), `${sort} ${dir}`).toEqual(expectedOrder(whole, sort, dir).map((r) => r.id));

        const { pages, last } = await pagesForward(f, 3);
        expect(pages.flat().map((r) => r.id), `${sort} ${dir} paged`).toEqual(whole.map((r) => r.id));
        // Back from the last page with "previous": the same pages in reverse, then no previous.
        let prev = last.prevCursor;
        for (let i = pages.length - 2; i >= 0; i--) {
          expect(prev, `${sort} ${dir} prev ${i}`).not.toBeNull();
          const page = await listTickets(me, { ...f, cursor: undefined, before: prev! }, 3);
          expect(page.rows.map((r) => r.id), `${sort} ${dir} prev ${i}`).toEqual(pages[i].map((r) => r.id));
          expect(page.nextCursor).not.toBeNull();
          prev = page.prevCursor;
        }
        expect(prev, `${sort} ${dir}: no page before the first`).toBeNull();
      }
    }
  });

  it("keeps sort and direction in the URL, leaving defaults out, and reads the old sort names", () => {
    expect(filterToParams(filter({ sort: "priority" })).toString()).toBe("sort=priority");
    expect(filterToParams(filter({ sort: "priority", dir: "asc" })).toString()).toBe("sort=priority&dir=asc");
    expect(filter({ sort: "oldest" })).toMatchObject({ sort: "created", dir: "asc" });
    expect(filter({ sort: "updated" })).toMatchObject({ sort: "activity", dir: "desc" });
    expect(filter({ sort: "priority" })).toMatchObject({ sort: "priority", dir: "desc" });
    expect(filter({ sort: "requester", dir: "sideways" })).toMatchObject({ sort: "requester", dir: "asc" });
  });

  it("shows my tickets over every status for assignee=me, unless a tab is chosen", async () => {
    const { user } = await createStaff();
    const tag = randomUUID().slice(0, 8);
    const ids = [];
    for (const status of ["new", "open", "waiting", "closed"] as const) {
      ids.push((await createTicket({ description: `mine ${tag}`, status, assigneeId: user.id })).ticket.id);
    }
    await createTicket({ description: `mine ${tag}`, status: "open" });
    const mine = filter({ assignee: "me", q: tag });
    expect(mine.status).toBe("all");
    expect((await listTickets(user, mine)).rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((await listTickets(user, filter({ assignee: "me", status: "open", q: tag }))).rows).toHaveLength(1);
    // The tab links of "mine": "all" is its default, "new" must be spelled out.
    expect(filterToParams(mine, { q: undefined }).toString()).toBe("assignee=me");
    expect(filterToParams(mine, { q: undefined, status: "new" }).toString()).toBe("assignee=me&status=new");
  });

  it(`caps the totals at ${COUNT_CAP.toLocaleString("en-US")}+ on every tab`, async () => {
    const tag = randomUUID().slice(0, 8);
    await db().$executeRaw`
      INSERT INTO "Ticket" ("reference", "status", "locale", "name", "username", "affiliation", "email", "failedAt", "description",
        "statusTokenHash", "statusTokenExpiresAt", "updatedAt")
      SELECT 'CAP-' || ${tag} || '-' || g, (CASE WHEN g <= 1005 THEN 'new' ELSE 'open' END)::"TicketStatus", 'ja', 'Cap', 'cap' || g, 'student',
        'cap' || g || '@example.com', now(), 'capped ' || ${tag}, md5(${tag} || g), now() + interval '1 day', now()
      FROM generate_series(1, 1010) g`;
    const { byStatus: counts, estimated } = await countTicketsByStatus(me, filter({ q: tag }));
    expect(estimated).toBe(false);
    expect(counts).toMatchObject({ new: COUNT_CAP + 1, open: 5, waiting: 0, all: COUNT_CAP + 1 });
    expect(formatCount(counts.new)).toBe("1,000+");
    expect(formatCount(counts.open)).toBe("5");
    expect(formatCount(COUNT_CAP)).toBe("1,000");
    // Estimates keep two significant figures and always say they are estimates.
    expect(formatEstimate(447_498)).toBe("約450,000");
    expect(formatEstimate(1_722)).toBe("約1,700");
    expect(formatEstimate(87)).toBe("約87");
    expect(formatEstimate(1)).toBe("約1");
    await db().$executeRaw`DELETE FROM "Ticket" WHERE "reference" LIKE ${`CAP-${tag}-%`}`;
  });
});

describe("ticket list: unread per agent", () => {
  const unread = async (who: { id: string }, ticketId: string, tag: string) =>
    (await listTickets(who, filter({ status: "all", q: tag }))).rows.find((r) => r.id === ticketId)!.unread;

  it("is unread for everyone until each opens it; others' changes make it unread again, one's own do not", async () => {
    const { user: a } = await createStaff({ name: "Agent A" });
    const { user: b } = await createStaff({ name: "Agent B" });
    const tag = randomUUID().slice(0, 8);
    const { ticket, token } = await createTicket({ description: `unread ${tag}`, status: "open", createdAt: new Date(Date.now() - 3_600_000) });

    expect([await unread(a, ticket.id, tag), await unread(b, ticket.id, tag)]).toEqual([true, true]);
    await markTicketRead(a, ticket.id);
    expect([await unread(a, ticket.id, tag), await unread(b, ticket.id, tag)]).toEqual([false, true]);

    // A's own note is not news to A.
    await addNote(a, ticket.id, "checked the logs");
    expect(await unread(a, ticket.id, tag)).toBe(false);

    // B reads it, then A changes it: news to B only.
    await markTicketRead(b, ticket.id);
    expect(await unread(b, ticket.id, tag)).toBe(false);
    await changeStatus(a, ticket.id, "waiting");
    expect([await unread(a, ticket.id, tag), await unread(b, ticket.id, tag)]).toEqual([false, true]);

    // The requester writes back: news to both.
    await markTicketRead(b, ticket.id);
    expect(await addRequesterMessage(token, "still failing", null, new Date(Date.now() + 1_000))).not.toBeNull();
    expect([await unread(a, ticket.id, tag), await unread(b, ticket.id, tag)]).toEqual([true, true]);

    // A bulk change from the list by A, who has not read the message, leaves it unread for A.
    await bulkUpdate(a, [ticket.id], { action: "priority", priority: "high" });
    expect(await unread(a, ticket.id, tag)).toBe(true);
    await markTicketRead(a, ticket.id);
    expect([await unread(a, ticket.id, tag), await unread(b, ticket.id, tag)]).toEqual([false, true]);
  });

  it("keeps lastActivityAt at the latest history entry", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket({ description: "activity", status: "open", createdAt: new Date("2026-01-01T00:00:00Z"), lastActivityAt: new Date("2026-01-01T00:00:00Z") });
    const before = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { lastActivityAt: true } });
    expect(before.lastActivityAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    await addNote(user, ticket.id, "note");
    const [after, event] = await Promise.all([
      db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { lastActivityAt: true } }),
      db().ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "note" }, select: { createdAt: true } }),
    ]);
    expect(after.lastActivityAt).toEqual(event.createdAt);
  });
});
