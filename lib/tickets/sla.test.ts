// applySla through the real use cases on a real database, on a clock the test moves (lib/clock.ts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rereadClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { changePriority, changeStatus } from "@/lib/tickets/change-properties";
import { addReply } from "@/lib/tickets/reply";
import { addRequesterMessage } from "@/lib/tickets/requester-message";
import { NO_DUE } from "@/lib/tickets/sla";
import { createStaff, createTicket } from "@/lib/testing/factories";

const jst = (local: string) => new Date(`${local}+09:00`);
let dir: string;

function setClock(local: string) {
  writeFileSync(process.env.TEBIKI_TEST_CLOCK_FILE!, jst(local).toISOString());
  rereadClock();
}

const sla = (id: string) =>
  db().ticket.findUniqueOrThrow({
    where: { id },
    select: {
      firstResponseDueAt: true,
      resolutionDueAt: true,
      slaPausedAt: true,
      firstRespondedAt: true,
      slaPausedMinutes: true,
      slaDueAt: true,
      firstResponseTargetMinutes: true,
      resolutionTargetMinutes: true,
    },
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sla-clock-"));
  process.env.TEBIKI_TEST_CLOCK_FILE = path.join(dir, "clock");
});
afterAll(() => {
  delete process.env.TEBIKI_TEST_CLOCK_FILE;
  rereadClock();
  rmSync(dir, { recursive: true, force: true });
});

// The migration's default calendar (Mon–Fri 8:30–17:15) and policies (normal: 4 h / 5 days, urgent: 1 h / 1 day).
describe("service levels through the ticket use cases", () => {
  it("sets due times on creation, pauses while waiting, pushes them on resume, records the first reply", async () => {
    const { user } = await createStaff();
    const actor = { id: user.id, name: user.name };
    // Friday 4 December 2026, 16:30: 45 minutes left that day.
    setClock("2026-12-04T16:30:00");
    const { ticket, token } = await createTicket({ priority: "normal", createdAt: jst("2026-12-04T16:30:00") });
    let s = await sla(ticket.id);
    expect(s.firstResponseTargetMinutes).toBe(240);
    expect(s.firstResponseDueAt).toEqual(jst("2026-12-07T11:45:00"));
    // 45 min Friday + 4 × 525 Monday–Thursday + 480 Friday.
    expect(s.resolutionDueAt).toEqual(jst("2026-12-11T16:30:00"));
    expect(s.slaDueAt).toEqual(s.firstResponseDueAt);

    setClock("2026-12-07T09:00:00");
    await changeStatus(actor, ticket.id, "waiting");
    s = await sla(ticket.id);
    expect(s.slaPausedAt).toEqual(jst("2026-12-07T09:00:00"));
    expect(s.slaDueAt).toEqual(NO_DUE);
    expect(s.firstResponseDueAt).toEqual(jst("2026-12-07T11:45:00"));

    // The requester answers a business day later (Monday 9:00–17:15 and Tuesday 8:30–9:00 = 525 min):
    // the ticket reopens and both due times move by that business day.
    setClock("2026-12-08T09:00:00");
    expect(await addRequesterMessage(token, "まだログインできません", null)).not.toBeNull();
    s = await sla(ticket.id);
    expect(s.slaPausedAt).toBeNull();
    expect(s.slaPausedMinutes).toBe(525);
    expect(s.firstResponseDueAt).toEqual(jst("2026-12-08T11:45:00"));
    expect(s.resolutionDueAt).toEqual(jst("2026-12-14T16:30:00"));
    expect(s.slaDueAt).toEqual(jst("2026-12-08T11:45:00"));

    setClock("2026-12-08T10:00:00");
    await addReply(actor, ticket.id, "手順をご案内します。", "keep");
    s = await sla(ticket.id);
    expect(s.firstRespondedAt).toEqual(jst("2026-12-08T10:00:00"));
    expect(s.slaDueAt).toEqual(s.resolutionDueAt);

    // Urgent from the start: 525 business minutes plus the 525 it waited, from Friday 16:30. The first
    // response, already given, keeps its due time.
    await changePriority(actor, ticket.id, "urgent");
    s = await sla(ticket.id);
    expect(s.resolutionTargetMinutes).toBe(525);
    expect(s.firstResponseDueAt).toEqual(jst("2026-12-08T11:45:00"));
    expect(s.resolutionDueAt).toEqual(jst("2026-12-08T16:30:00"));

    setClock("2026-12-08T11:00:00");
    await changeStatus(actor, ticket.id, "resolved");
    s = await sla(ticket.id);
    expect(s.slaPausedAt).toEqual(jst("2026-12-08T11:00:00"));
    expect(s.slaDueAt).toEqual(NO_DUE);
  });

  it("keeps a due time that had passed before the pause, and pauses in the same step as a reply", async () => {
    const { user } = await createStaff();
    const actor = { id: user.id, name: user.name };
    setClock("2026-12-09T09:00:00");
    const { ticket } = await createTicket({ priority: "urgent", createdAt: jst("2026-12-09T09:00:00") });
    expect((await sla(ticket.id)).firstResponseDueAt).toEqual(jst("2026-12-09T10:00:00"));

    // Answered late, and set to waiting with the reply.
    setClock("2026-12-09T11:00:00");
    await addReply(actor, ticket.id, "ご確認ください。", "waiting");
    let s = await sla(ticket.id);
    expect(s.firstRespondedAt).toEqual(jst("2026-12-09T11:00:00"));
    expect(s.slaPausedAt).toEqual(jst("2026-12-09T11:00:00"));

    // Half an hour of waiting moves resolution from Thursday 9:00 to 9:30.
    setClock("2026-12-09T11:30:00");
    await changeStatus(actor, ticket.id, "open");
    s = await sla(ticket.id);
    expect(s.resolutionDueAt).toEqual(jst("2026-12-10T09:30:00"));
    expect(s.firstResponseDueAt).toEqual(jst("2026-12-09T10:00:00"));

    // Missed at 9:30, then waiting from 12:00: a missed due time is not moved by a later pause.
    setClock("2026-12-10T12:00:00");
    await changeStatus(actor, ticket.id, "waiting");
    setClock("2026-12-11T10:00:00");
    await changeStatus(actor, ticket.id, "open");
    s = await sla(ticket.id);
    expect(s.resolutionDueAt).toEqual(jst("2026-12-10T09:30:00"));
    expect(s.slaDueAt).toEqual(jst("2026-12-10T09:30:00"));
    expect(s.slaPausedMinutes).toBe(30 + 315 + 90);
  });

  it("gives no due time where the policy has no target", async () => {
    setClock("2026-12-09T09:00:00");
    await db().slaPolicy.upsert({
      where: { priority_guideId: { priority: "low", guideId: "jaist-sso" } },
      create: { priority: "low", guideId: "jaist-sso", firstResponseMinutes: null, resolutionMinutes: 30 },
      update: { firstResponseMinutes: null, resolutionMinutes: 30 },
    });
    try {
      const { ticket } = await createTicket({ priority: "low", guideId: "jaist-sso", createdAt: jst("2026-12-09T09:00:00") });
      const s = await sla(ticket.id);
      expect(s.firstResponseDueAt).toBeNull();
      expect(s.resolutionDueAt).toEqual(jst("2026-12-09T09:30:00"));
      expect(s.slaDueAt).toEqual(jst("2026-12-09T09:30:00"));
    } finally {
      await db().slaPolicy.delete({ where: { priority_guideId: { priority: "low", guideId: "jaist-sso" } } });
    }
  });
});
