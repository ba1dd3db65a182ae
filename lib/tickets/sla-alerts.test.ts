// SLA warnings and breaches against the real PostgreSQL (issue 13, docs/decisions/0029): which alert
// a target gets at a given instant, none while paused or met, each once per ticket, target and kind
// even with two checkers at once, to the assignee or, when unassigned, to the guide's followers (else the admins).
// Every check here is limited to its own tickets (ticketIds) and runs at an explicit instant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getGuideDeclaration } from "@/lib/content";
import { buildTicketInput, createStaff, createTicket } from "@/lib/testing/factories";
import { checkSlaAlerts, DEFAULT_WARNING_MINUTES, requestSlaCheck } from "@/lib/tickets/sla-alerts";

const MIN = 60_000;
const T0 = new Date("2026-12-01T01:00:00Z"); // 10:00 in Japan, a Tuesday: the instant the checks run
let lead = DEFAULT_WARNING_MINUTES;
// Who hears of an unassigned ticket: this file makes the only follower of FOLLOWED; no test follows
// UNFOLLOWED (lib/tickets/notify.test.ts follows "wifi").
const FOLLOWED = "jaist-sso";
const UNFOLLOWED = "password";

beforeAll(async () => {
  lead = (await db().businessCalendar.findUnique({ where: { id: "default" } }))?.slaWarningMinutes ?? DEFAULT_WARNING_MINUTES;
});

const staffIds: string[] = [];
afterAll(async () => {
  await db().guideFollow.deleteMany({ where: { staffId: { in: staffIds } } });
  await db().staffUser.updateMany({ where: { id: { in: staffIds } }, data: { active: false } });
});

async function agent(active = true, role: "agent" | "admin" = "agent") {
  const { user } = await createStaff({ active, role, name: `SLA ${Math.random().toString(36).slice(2, 8)}` });
  staffIds.push(user.id);
  return user;
}

type Sla = { firstResponseDueAt?: Date | null; resolutionDueAt?: Date | null; slaPausedAt?: Date | null; firstRespondedAt?: Date | null; assigneeId?: string | null };

async function ticketWith(sla: Sla, status: "new" | "open" | "waiting" | "resolved" = "open", guideId?: string) {
  const {
    ticket: { id },
  } = await createTicket(guideId ? buildTicketInput(undefined, getGuideDeclaration(guideId)!) : {});
  // Only the SLA state written here: the due times the ticket got at creation from the real policy and
  // clock are cleared, so each case is exactly what it says.
  const none = { firstResponseDueAt: null, resolutionDueAt: null, slaPausedAt: null, firstRespondedAt: null };
  await db().ticket.update({ where: { id }, data: { status, ...none, ...sla } });
  return id;
}

async function alerts(ticketId: string) {
  const rows = await db().ticketSlaAlert.findMany({ where: { ticketId } });
  return rows.map((r) => `${r.target}:${r.kind}`).sort();
}

describe("SLA alerts", () => {
  it("warns within the lead, breaches once due, and chooses the breach when both apply", async () => {
    const assignee = await agent();
    const far = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() + (lead + 5) * MIN), assigneeId: assignee.id });
    const soon = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() + (lead - 5) * MIN), assigneeId: assignee.id });
    const past = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() - MIN), resolutionDueAt: new Date(T0.getTime() + 10 * MIN), assigneeId: assignee.id });
    const ids = [far, soon, past];

    expect(await checkSlaAlerts({ at: T0, ticketIds: ids })).toEqual({ warnings: 2, breaches: 1 });
    expect(await alerts(far)).toEqual([]);
    expect(await alerts(soon)).toEqual(["first_response:warning"]);
    // Past due and never warned: the breach only. The resolution target is within the lead: warned.
    expect(await alerts(past)).toEqual(["first_response:breach", "resolution:warning"]);

    // Nothing twice: the same instant again sends nothing.
    expect(await checkSlaAlerts({ at: T0, ticketIds: ids })).toEqual({ warnings: 0, breaches: 0 });
    // A lead later: "soon" and the resolution of "past" have passed their due times, "far" has come within the lead.
    expect(await checkSlaAlerts({ at: new Date(T0.getTime() + lead * MIN), ticketIds: ids })).toEqual({ warnings: 1, breaches: 2 });
    expect(await alerts(far)).toEqual(["first_response:warning"]);
    expect(await alerts(soon)).toEqual(["first_response:warning", "first_response:breach"].sort());
    expect(await alerts(past)).toEqual(["first_response:breach", "resolution:warning", "resolution:breach"].sort());

    // The assignee alone got each, in the app (kinds per alert) and by mail (the defaults).
    const notes = await db().notification.findMany({ where: { ticketId: { in: ids } }, select: { staffId: true, kind: true, ticketId: true } });
    expect(new Set(notes.map((n) => n.staffId))).toEqual(new Set([assignee.id]));
    expect(notes.filter((n) => n.ticketId === past).map((n) => n.kind).sort()).toEqual(["sla_breach", "sla_breach", "sla_warning"]);
    const mails = await db().outboxMail.findMany({ where: { to: assignee.email }, select: { kind: true, subject: true, text: true } });
    expect(mails).toHaveLength(6);
    const breachMail = mails.find((m) => m.kind === "notify-sla_breach" && m.text.includes("対象: 初回応答"));
    expect(breachMail?.subject).toContain("対応期限を過ぎました");
  });

  it("leaves paused, answered, resolved and target-less tickets alone", async () => {
    const assignee = await agent();
    const due = new Date(T0.getTime() - MIN);
    const paused = await ticketWith({ firstResponseDueAt: due, resolutionDueAt: due, slaPausedAt: new Date(T0.getTime() - 30 * MIN), assigneeId: assignee.id }, "waiting");
    const answered = await ticketWith({ firstResponseDueAt: due, firstRespondedAt: new Date(T0.getTime() - 2 * MIN), assigneeId: assignee.id });
    const resolved = await ticketWith({ firstResponseDueAt: due, resolutionDueAt: due, assigneeId: assignee.id }, "resolved");
    const noTarget = await ticketWith({ assigneeId: assignee.id });
    const ids = [paused, answered, resolved, noTarget];
    expect(await checkSlaAlerts({ at: T0, ticketIds: ids })).toEqual({ warnings: 0, breaches: 0 });
    for (const id of ids) expect(await alerts(id)).toEqual([]);

    // Resumed: the pause is over, and the (pushed) due time has passed.
    await db().ticket.update({ where: { id: paused }, data: { slaPausedAt: null, status: "open" } });
    expect(await checkSlaAlerts({ at: T0, ticketIds: [paused] })).toEqual({ warnings: 0, breaches: 2 });
  });

  it("sends each alert once when two checkers run at the same time", async () => {
    const assignee = await agent();
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ticketWith({ firstResponseDueAt: new Date(T0.getTime() + (i % 2 ? -MIN : 5 * MIN)), assigneeId: assignee.id })),
    );
    const results = await Promise.all([checkSlaAlerts({ at: T0, ticketIds: ids }), checkSlaAlerts({ at: T0, ticketIds: ids })]);
    expect(results.reduce((n, r) => n + r.warnings, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.breaches, 0)).toBe(3);
    const notes = await db().notification.count({ where: { ticketId: { in: ids } } });
    expect(notes).toBe(6);
    expect(await db().outboxMail.count({ where: { to: assignee.email } })).toBe(6);
  });

  it("tells the guide's followers when nobody is assigned (or the assignee is deactivated), and the admins when nobody follows it", async () => {
    const [follower, bystander, gone, admin] = [await agent(), await agent(), await agent(false), await agent(true, "admin")];
    await db().guideFollow.create({ data: { staffId: follower.id, guideKey: FOLLOWED } });
    const unassigned = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() - MIN) }, "open", FOLLOWED);
    const orphaned = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() - MIN), assigneeId: gone.id }, "open", FOLLOWED);
    const unfollowed = await ticketWith({ firstResponseDueAt: new Date(T0.getTime() - MIN) }, "open", UNFOLLOWED);
    await checkSlaAlerts({ at: T0, ticketIds: [unassigned, orphaned, unfollowed] });
    const told = async (ticketId: string) =>
      new Set((await db().notification.findMany({ where: { ticketId, kind: "sla_breach" }, select: { staffId: true } })).map((n) => n.staffId));
    for (const ticketId of [unassigned, orphaned]) {
      const to = await told(ticketId);
      expect(to.has(follower.id)).toBe(true);
      expect(to.has(bystander.id) || to.has(gone.id) || to.has(admin.id)).toBe(false);
    }
    const to = await told(unfollowed);
    expect(to.has(admin.id)).toBe(true);
    expect(to.has(follower.id) || to.has(bystander.id)).toBe(false);
  });

  it("can be asked for now, as one pending job however often it is asked", async () => {
    await Promise.all([requestSlaCheck(), requestSlaCheck(), db().$transaction((tx) => requestSlaCheck(tx))]);
    const jobs = await db().$queryRaw<{ n: number; due: boolean }[]>`
      SELECT count(*)::int AS n, bool_and(run_at <= now()) AS due FROM graphile_worker.jobs WHERE key = 'sla:check'`;
    expect(jobs[0]).toEqual({ n: 1, due: true });
  });
});
