// The CSV export's rows (decision 0036): one statement read through a cursor in batches, in the
// list's order for every sort, with the values the CSV printed when it read tickets through Prisma,
// and the pooled connection given back when a download stops half way.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { iterateTicketsForExport, listTickets, type ExportTicket } from "@/lib/data/ticket-list";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { SORTS, TicketFilterSchema } from "@/lib/validation/triage";

const filter = (over: Record<string, string>) => TicketFilterSchema.parse(over);
const me = { id: randomUUID() };

async function exported(f: ReturnType<typeof filter>, batchSize: number) {
  const batches: ExportTicket[][] = [];
  for await (const batch of iterateTicketsForExport(me, f, batchSize)) batches.push(batch);
  return batches;
}

describe("CSV export rows", () => {
  it("come in batches, in the list's order for every sort, with the ticket's values", async () => {
    const tag = randomUUID().slice(0, 8);
    const { user: agent } = await createStaff({ name: `担当 ${tag}` });
    const base = new Date("2026-05-01T00:00:00.000Z").getTime();
    const statuses = ["new", "open", "waiting", "resolved", "closed"] as const;
    const priorities = ["low", "normal", "high", "urgent"] as const;
    for (let i = 0; i < 7; i++) {
      await createTicket({
        description: `export ${tag} "${i}"`,
        status: statuses[i % 5],
        priority: priorities[(i * 3) % 4],
        assigneeId: i % 2 ? agent.id : null,
        username: `x${tag}${String.fromCharCode(97 + ((i * 5) % 7))}`,
        createdAt: new Date(base + (i % 3) * 60_000 + i),
        lastActivityAt: new Date(base + ((i * 5) % 7) * 3_600_000),
      });
    }
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const f = filter({ status: "all", q: tag, sort, dir });
        const batches = await exported(f, 3);
        expect(batches.map((b) => b.length), `${sort} ${dir}`).toEqual([3, 3, 1]);
        const listed = (await listTickets(me, f, 100)).rows.map((r) => r.reference);
        expect(batches.flat().map((t) => t.reference), `${sort} ${dir}`).toEqual(listed);
      }
    }
    // A status tab exports that status only.
    expect((await exported(filter({ status: "open", q: tag }), 100)).flat().map((t) => t.status)).toEqual(["open", "open"]);

    const rows = (await exported(filter({ status: "all", q: tag }), 100)).flat();
    const tickets = await db().ticket.findMany({ where: { description: { contains: tag } }, include: { assignee: true } });
    for (const t of tickets) {
      const row = rows.find((r) => r.reference === t.reference)!;
      expect(row).toEqual({
        reference: t.reference,
        status: t.status,
        priority: t.priority,
        assigneeName: t.assignee?.name ?? null,
        // As Date#toISOString printed them in the CSV before.
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
        firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
        resolvedAt: t.resolvedAt?.toISOString() ?? null,
        locale: t.locale,
        name: t.name,
        username: t.username,
        affiliation: t.affiliation,
        email: t.email,
        failedAt: t.failedAt.toISOString(),
        guideId: t.guideId,
        answers: t.answers,
        endStep: t.endStep,
        path: t.path.join(" "),
        changedFields: t.changedFields.join(" "),
        device: t.device,
        description: t.description,
      });
    }
    expect(rows.filter((r) => r.assigneeName === `担当 ${tag}`)).toHaveLength(3);
  });

  it("gives its connection back when the reader stops early or the batch is the last", async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 5; i++) await createTicket({ description: `early ${tag}` });
    const f = filter({ status: "all", q: tag });
    for await (const batch of iterateTicketsForExport(me, f, 2)) {
      expect(batch).toHaveLength(2);
      // Held while the export runs.
      expect(pool().totalCount - pool().idleCount).toBeGreaterThan(0);
      break;
    }
    expect(pool().totalCount - pool().idleCount).toBe(0);
    expect((await exported(f, 5)).map((b) => b.length)).toEqual([5]);
    expect(pool().totalCount - pool().idleCount).toBe(0);
    // The connections still work.
    expect((await listTickets(me, f)).rows).toHaveLength(5);
  });
});
