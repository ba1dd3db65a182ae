import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rateTicket } from "@/lib/csat/rate";
import { csatRates } from "@/lib/csat/rates";
import { CSAT_WINDOW_DAYS, csatState } from "@/lib/csat/window";
import { csatReport, csatSummary, getCsatForTicket, listCsatComments } from "@/lib/data/csat";
import { db } from "@/lib/db";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { changeProperties, changeStatus } from "@/lib/tickets/change-properties";
import { addReply } from "@/lib/tickets/reply";
import { parseCsatRating, parseReportPeriod } from "@/lib/validation/csat";

const DAY = 86_400_000;

async function agent(name = "CSAT Agent") {
  const { user } = await createStaff({ name: `${name} ${randomUUID().slice(0, 6)}` });
  return { id: user.id, name: user.name };
}

/** The rating links of the latest mail of a ticket, and the status token inside them. */
async function ratingLinks(ticketId: string, kind: string) {
  const mail = await db().outboxMail.findFirstOrThrow({ where: { ticketId, kind }, orderBy: { createdAt: "desc" } });
  const good = mail.text.match(/https?:\/\/\S+\/requests\/([A-Za-z0-9_-]+)\/satisfaction\?rating=good/);
  const bad = mail.text.match(/https?:\/\/\S+\/requests\/([A-Za-z0-9_-]+)\/satisfaction\?rating=bad/);
  return { mail, good: good?.[0], bad: bad?.[0], token: good?.[1] ?? "" };
}

async function resolvedTicket(overrides: Parameters<typeof createTicket>[0] = {}) {
  const staff = await agent();
  const { ticket } = await createTicket({ assigneeId: staff.id, ...overrides } as Parameters<typeof createTicket>[0]);
  await changeStatus(staff, ticket.id, "resolved");
  const { token } = await ratingLinks(ticket.id, "ticket-resolved");
  const offer = await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } });
  return { ticket, staff, token, offer };
}

describe("CSAT offer at resolve", () => {
  it("mails the requester two one-click links in their language and records the offer with the resolving agent", async () => {
    const staff = await agent();
    const { ticket } = await createTicket({ locale: "en", assigneeId: staff.id, guideId: "jaist-sso" });
    await changeStatus(staff, ticket.id, "resolved");
    const { mail, good, bad, token } = await ratingLinks(ticket.id, "ticket-resolved");
    expect(mail.to).toBe(ticket.email);
    expect(mail.subject).toBe(`[${ticket.reference}] Your request was resolved`);
    expect(mail.text).toContain(`Good: ${good}`);
    expect(mail.text).toContain(`Bad: ${bad}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // Only the hash of the link's token is stored.
    expect(await db().ticketStatusToken.count({ where: { tokenHash: token } })).toBe(0);
    const offer = await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(offer).toMatchObject({ rating: null, agentId: staff.id, guideId: ticket.guideId, endStep: ticket.endStep });

    const { ticket: ja } = await createTicket({ locale: "ja" });
    await changeStatus(staff, ja.id, "resolved");
    const jaMail = await ratingLinks(ja.id, "ticket-resolved");
    expect(jaMail.mail.text).toContain(`解決しました・満足: ${jaMail.good}`);
    expect(jaMail.mail.text).toContain(`不満: ${jaMail.bad}`);
  });

  it("a reply that resolves carries the links itself: one mail, no separate 'resolved' mail", async () => {
    const staff = await agent();
    const { ticket } = await createTicket({ locale: "ja" });
    await addReply(staff, ticket.id, "証明書を選び直してください。", "resolved");
    const { mail, good } = await ratingLinks(ticket.id, "staff-reply");
    expect(good).toBeDefined();
    expect(mail.text).toContain("証明書を選び直してください。");
    expect(await db().outboxMail.count({ where: { ticketId: ticket.id, kind: "ticket-resolved" } })).toBe(0);
    expect(await db().csatRating.count({ where: { ticketId: ticket.id } })).toBe(1);
    // A reply that does not resolve asks for nothing.
    const { ticket: other } = await createTicket();
    await addReply(staff, other.id, "Please try again.", "waiting");
    expect((await ratingLinks(other.id, "staff-reply")).good).toBeUndefined();
    expect(await db().csatRating.count({ where: { ticketId: other.id } })).toBe(0);
  });

  it("bulk resolve offers a rating per ticket; an assignee set with the resolve is the resolving agent", async () => {
    const first = await agent();
    const second = await agent();
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    await bulkUpdate(first, [a.id, b.id], { action: "status", status: "resolved" });
    expect(await db().outboxMail.count({ where: { ticketId: { in: [a.id, b.id] }, kind: "ticket-resolved" } })).toBe(2);

    const { ticket: c } = await createTicket({ assigneeId: first.id });
    await changeProperties(first, c.id, { status: "resolved", priority: c.priority, assigneeId: second.id }, undefined);
    expect((await db().csatRating.findUniqueOrThrow({ where: { ticketId: c.id } })).agentId).toBe(second.id);
    // Changing the assignee later does not move the rating to someone else.
    await changeProperties(first, c.id, { status: "resolved", priority: c.priority, assigneeId: first.id }, undefined);
    expect((await db().csatRating.findUniqueOrThrow({ where: { ticketId: c.id } })).agentId).toBe(second.id);
  });
});

describe("rating through the status token", () => {
  it("records once, is idempotent, can be changed, and lands in the history", async () => {
    const { ticket, token } = await resolvedTicket();
    const events = () => db().ticketEvent.count({ where: { ticketId: ticket.id, kind: "csat" } });

    expect(await rateTicket(token, "good", "すぐに解決しました")).toEqual({ ok: true, changed: true, rating: "good", comment: "すぐに解決しました" });
    const first = await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(first).toMatchObject({ rating: "good", comment: "すぐに解決しました" });
    expect(first.ratedAt).not.toBeNull();
    expect(await events()).toBe(1);

    // The same click twice changes nothing: no new history entry, no new updatedAt.
    expect(await rateTicket(token, "good", "すぐに解決しました")).toMatchObject({ ok: true, changed: false });
    expect((await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } })).updatedAt).toEqual(first.updatedAt);
    expect(await events()).toBe(1);
    // Without a comment field the stored comment stays.
    expect(await rateTicket(token, "good", undefined)).toMatchObject({ ok: true, changed: false, comment: "すぐに解決しました" });

    expect(await rateTicket(token, "bad", "")).toEqual({ ok: true, changed: true, rating: "bad", comment: null });
    const changed = await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(changed).toMatchObject({ rating: "bad", comment: null });
    expect(changed.ratedAt).toEqual(first.ratedAt);
    expect(await events()).toBe(2);
    expect(await db().csatRating.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("is open for 7 days after the resolve, then read-only; a closed ticket can still be rated in the window", async () => {
    const { ticket, token, offer, staff } = await resolvedTicket();
    const end = offer.resolvedAt.getTime() + CSAT_WINDOW_DAYS * DAY;
    expect(await rateTicket(token, "good", "", new Date(end - 1))).toMatchObject({ ok: true, changed: true });
    expect(await rateTicket(token, "bad", "", new Date(end))).toEqual({ ok: false, reason: "expired" });
    expect((await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } })).rating).toBe("good");

    await changeStatus(staff, ticket.id, "closed");
    expect(await rateTicket(token, "bad", "", new Date(end - 1))).toMatchObject({ ok: true, changed: true });
  });

  it("refuses unknown, malformed and expired links and tickets that were never resolved", async () => {
    expect(await rateTicket("x".repeat(22), "good", "")).toEqual({ ok: false, reason: "token" });
    expect(await rateTicket("../../etc", "good", "")).toEqual({ ok: false, reason: "token" });
    expect(await rateTicket("", "good", "")).toEqual({ ok: false, reason: "token" });
    const { ticket, token } = await createTicket();
    expect(await rateTicket(token!, "good", "")).toEqual({ ok: false, reason: "none" });
    expect(await db().csatRating.count({ where: { ticketId: ticket.id } })).toBe(0);
    // A status link past its own expiry (180 days) rates nothing.
    const resolved = await resolvedTicket();
    expect(await rateTicket(resolved.token, "good", "", new Date(Date.now() + 181 * DAY))).toEqual({ ok: false, reason: "token" });
  });

  it("keeps the rating over a reopen, refuses while reopened, and can be changed again after the next resolve", async () => {
    const { ticket, token, staff } = await resolvedTicket();
    await rateTicket(token, "good", "OK");
    await changeStatus(staff, ticket.id, "open");
    expect(await rateTicket(token, "bad", "")).toEqual({ ok: false, reason: "reopened" });
    expect(await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ rating: "good", comment: "OK" });

    const other = await agent();
    await changeProperties(staff, ticket.id, { status: "resolved", priority: ticket.priority, assigneeId: other.id }, undefined);
    const again = await db().csatRating.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(again).toMatchObject({ rating: "good", comment: "OK", agentId: other.id });
    expect(await rateTicket(token, "bad", "また起きました")).toMatchObject({ ok: true, changed: true });
    expect((await getCsatForTicket(ticket.id))).toMatchObject({ rating: "bad", comment: "また起きました", agentName: other.name });
  });

  it("csatState: none, open, expired, reopened", () => {
    const resolvedAt = new Date("2026-11-20T03:00:00Z");
    expect(csatState(null, "resolved", resolvedAt)).toBe("none");
    expect(csatState({ resolvedAt }, "resolved", new Date(resolvedAt.getTime() + 7 * DAY - 1))).toBe("open");
    expect(csatState({ resolvedAt }, "closed", new Date(resolvedAt.getTime() + 7 * DAY))).toBe("expired");
    expect(csatState({ resolvedAt }, "open", resolvedAt)).toBe("reopened");
  });

  it("validates the form in the requester's language", () => {
    expect(parseCsatRating("en", { rating: "meh", comment: "" }).error?.issues[0].message).toBe("Choose Good or Bad.");
    expect(parseCsatRating("ja", { rating: undefined, comment: "" }).error?.issues[0].message).toContain("選んでください");
    expect(parseCsatRating("en", { rating: "good", comment: "a\u0000b" }).error?.issues[0].message).toContain("cannot be used");
    expect(parseCsatRating("ja", { rating: "bad", comment: "x".repeat(1001) }).success).toBe(false);
    expect(parseCsatRating("ja", { rating: "bad", comment: "  遅かった  " }).data).toEqual({ rating: "bad", comment: "遅かった" });
  });
});

describe("CSAT report", () => {
  it("counts per guide, end step and agent over the period, with good % and response rate", async () => {
    // A period of its own in the past, so other tests' ratings never fall into it.
    const start = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 3000) * DAY);
    const period = { from: start, to: new Date(start.getTime() + DAY) };
    const a = await agent("Aさん");
    const b = await agent("Bさん");
    const made: { id: string; guideId: string | null; endStep: string | null }[] = [];
    const plan: [typeof a, "good" | "bad" | null, string | null][] = [
      [a, "good", "助かりました"],
      [a, "good", null],
      [a, "bad", "遅い"],
      [b, null, null],
    ];
    for (const [who, rating, comment] of plan) {
      const r = await resolvedTicket({ assigneeId: who.id, guideId: "jaist-sso" });
      if (rating) await rateTicket(r.token, rating, comment ?? "");
      await db().csatRating.update({ where: { ticketId: r.ticket.id }, data: { resolvedAt: new Date(start.getTime() + made.length * 60_000) } });
      made.push(r.ticket);
    }
    // Just outside the period: not counted.
    const late = await resolvedTicket({ assigneeId: a.id });
    await db().csatRating.update({ where: { ticketId: late.ticket.id }, data: { resolvedAt: period.to } });

    const report = await csatReport(period);
    expect(report.total).toEqual({ resolved: 4, rated: 3, good: 2, bad: 1 });
    expect(csatRates(report.total)).toEqual({ goodPercent: 67, responsePercent: 75 });
    expect(report.byGuide).toEqual([{ guideId: "jaist-sso", resolved: 4, rated: 3, good: 2, bad: 1 }]);
    expect(report.byAgent).toEqual(
      expect.arrayContaining([
        { agentId: a.id, agentName: a.name, resolved: 3, rated: 3, good: 2, bad: 1 },
        { agentId: b.id, agentName: b.name, resolved: 1, rated: 0, good: 0, bad: 0 },
      ]),
    );
    const steps = report.byEndStep.reduce((n, r) => n + r.resolved, 0);
    expect(steps).toBe(4);
    for (const r of report.byEndStep) {
      expect(r.resolved).toBe(made.filter((t) => t.endStep === r.endStep).length);
    }
    const comments = await listCsatComments(period);
    expect(comments.map((c) => c.comment).sort()).toEqual(["助かりました", "遅い"]);
    expect(comments.find((c) => c.comment === "遅い")).toMatchObject({ rating: "bad", agentName: a.name });
  });

  it("the dashboard summary counts the last 30 days", async () => {
    const before = await csatSummary(30);
    const { token } = await resolvedTicket();
    await rateTicket(token, "good", "");
    const after = await csatSummary(30);
    // Other tests may add rows meanwhile, never remove them.
    expect(after.resolved).toBeGreaterThanOrEqual(before.resolved + 1);
    expect(after.good).toBeGreaterThanOrEqual(before.good + 1);
    expect(csatRates({ resolved: 0, rated: 0, good: 0, bad: 0 })).toEqual({ goodPercent: null, responsePercent: null });
  });

  it("parses the period: Japan days, both included; bad input falls back to 30 days with a reason", () => {
    const now = new Date("2026-11-26T01:00:00Z"); // 10:00 in Japan
    const p = parseReportPeriod({ from: "2026-11-01", to: "2026-11-03" }, now);
    expect(p).toMatchObject({ from: "2026-11-01", to: "2026-11-03", error: null });
    expect(p.start.toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-11-03T15:00:00.000Z");
    expect(parseReportPeriod({}, now)).toMatchObject({ from: "2026-10-28", to: "2026-11-26", error: null });
    expect(parseReportPeriod({ from: "2026-02-30" }, now).error).toContain("実在する日");
    expect(parseReportPeriod({ from: "2026-11-05", to: "2026-11-01" }, now).error).toContain("開始日");
    expect(parseReportPeriod({ from: "2020-01-01", to: "2026-01-01" }, now).error).toContain("366日");
    expect(parseReportPeriod({ from: ["a", "b"] }, now)).toMatchObject({ from: "2026-10-28", error: null });
  });
});
