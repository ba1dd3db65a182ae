// The intake's cost in SQL statements (issue 14, docs/decisions/0035-intake-throughput.md): counted by
// a logging pg client on the real test database, so that a change that adds round trips to every
// ticket fails here rather than only in `npm run bench`.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rereadClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { liveNoticesSent } from "@/lib/data/intake";
import { submitIntake } from "@/lib/intake/submit";
import { LIVE_CHANNEL, parseNotice } from "@/lib/live/messages";
import { applySla } from "@/lib/tickets/sla";
import { certificateWalkForm } from "@/lib/testing/intake-form";

/** Statements per submitted ticket: idempotency lookup with the rate-limit hit, reference number with context, insert. */
const MAX_STATEMENTS_PER_INTAKE = 3;

const jst = (local: string) => new Date(`${local}+09:00`);
let dir: string;
let sent: string[] = [];
const original = pg.Client.prototype.query;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "intake-clock-"));
  process.env.TEBIKI_TEST_CLOCK_FILE = path.join(dir, "clock");
  // Every statement of the app's pool goes through a pg.Client (Prisma's adapter too).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    // The live views' notice follows the commit, one statement per burst of tickets (round 2): not
    // part of a ticket's own round trips; "tells the live views" below holds it.
    if (!text.includes("pg_notify($1, p)")) sent.push(text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterEach(() => {
  sent = [];
});
afterAll(() => {
  pg.Client.prototype.query = original;
  delete process.env.TEBIKI_TEST_CLOCK_FILE;
  rereadClock();
  rmSync(dir, { recursive: true, force: true });
});

const form = (overrides: Record<string, unknown> = {}) => certificateWalkForm(overrides, "count");
const ip = () => `203.0.113.${randomUUID()}`;

describe("one intake", () => {
  it("tells the live views after its commit", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${LIVE_CHANNEL}`);
    try {
      const outs = await Promise.all([0, 1, 2].map(() => submitIntake({ raw: form(), ip: ip(), locale: "ja" })));
      await liveNoticesSent();
      const refs = outs.map((o) => (o.kind === "created" ? o.reference : ""));
      await expect
        .poll(() => heard.map(parseNotice).filter((n) => n?.t === "ticket" && n.kind === "created" && refs.includes(n.ref ?? "")).length, { timeout: 10_000 })
        .toBe(3);
    } finally {
      await listener.end();
    }
  });

  it(`costs at most ${MAX_STATEMENTS_PER_INTAKE} SQL statements, and a repeated key one`, async () => {
    // Warm: the pool's first connections and Prisma's start are no part of a ticket's cost.
    expect((await submitIntake({ raw: form(), ip: ip(), locale: "ja" })).kind).toBe("created");
    sent = [];
    const raw = form();
    const out = await submitIntake({ raw, ip: ip(), locale: "ja" });
    expect(out.kind).toBe("created");
    expect(sent.length, sent.join("\n---\n")).toBeLessThanOrEqual(MAX_STATEMENTS_PER_INTAKE);
    // The statements made everything a ticket needs: the row, its event and its confirmation mail.
    const ticket = await db().ticket.findUniqueOrThrow({ where: { idempotencyKey: raw.idempotencyKey }, include: { events: true, mails: true } });
    expect(ticket.events.map((e) => [e.kind, e.version])).toEqual([["created", 1]]);
    expect(ticket.version).toBe(1);
    expect(ticket.mails).toHaveLength(1);
    expect(ticket.mails[0].replyTo).toContain(ticket.mailToken);

    sent = [];
    const again = await submitIntake({ raw, ip: ip(), locale: "ja" });
    expect(again.kind === "created" && again.duplicate).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it("writes the due times applySla gives a new ticket", async () => {
    // Friday 4 December 2026, 16:30 Japan time: the migration's calendar and normal-priority policy.
    writeFileSync(process.env.TEBIKI_TEST_CLOCK_FILE!, jst("2026-12-04T16:30:00").toISOString());
    rereadClock();
    const raw = form();
    expect((await submitIntake({ raw, ip: ip(), locale: "ja" })).kind).toBe("created");
    const columns = { firstResponseDueAt: true, resolutionDueAt: true, slaDueAt: true, slaPausedAt: true, firstResponseTargetMinutes: true, resolutionTargetMinutes: true } as const;
    const written = await db().ticket.findUniqueOrThrow({ where: { idempotencyKey: raw.idempotencyKey }, select: { id: true, ...columns } });
    expect(written.firstResponseDueAt).toEqual(jst("2026-12-07T11:45:00"));
    expect(written.resolutionDueAt).toEqual(jst("2026-12-11T16:30:00"));
    await db().$transaction((tx) => applySla(tx, written.id, "created"));
    expect(await db().ticket.findUniqueOrThrow({ where: { id: written.id }, select: { id: true, ...columns } })).toEqual(written);
  });
});
