import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTicketForStaff, listSimilarTickets } from "@/lib/data/ticket-detail";
import { countTicketsByStatus, listTickets, type TicketListRow } from "@/lib/data/ticket-list";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { changeAssignee, changePriority, changeStatus } from "@/lib/tickets/change-properties";
import { TicketError } from "@/lib/tickets/errors";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { TicketFilterSchema, type TicketFilter } from "@/lib/validation/triage";

const filter = (over: Record<string, string>) => TicketFilterSchema.parse(over);
const me = { id: randomUUID() };

async function allPages(f: TicketFilter, pageSize: number) {
  const seen: TicketListRow[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listTickets(me, { ...f, cursor }, pageSize);
    seen.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe("triage list", () => {
  it("searches Japanese names and descriptions, references, usernames and e-mails", async () => {
    const tag = randomUUID().slice(0, 8);
    const { ticket: a } = await createTicket({ name: `渡辺 ${tag}`, description: `証明書の選択画面が出ません ${tag}` });
    const { ticket: b } = await createTicket({ description: `ワンタイムパスワードが通りません ${tag}`, username: `s9${tag}` });
    await createTicket({ description: "unrelated" });

    const ids = async (q: string) => (await listTickets(me, filter({ status: "all", q }))).rows.map((r) => r.id);
    expect(await ids(`ワンタイムパスワードが通りません ${tag}`)).toEqual([b.id]);
    expect(await ids(`渡辺 ${tag}`)).toEqual([a.id]);
    expect((await ids(tag)).sort()).toEqual([a.id, b.id].sort());
    expect(await ids(a.reference)).toEqual([a.id]);
    expect(await ids(`s9${tag}`)).toEqual([b.id]);
    expect(await ids(b.email.toUpperCase())).toEqual([b.id]);
    // LIKE wildcards typed by staff are literal characters, not "match anything".
    expect(await ids(`%${tag}`)).toEqual([]);
  });

  it("filters by status, priority, assignee, end step, message, network, factor, language and date", async () => {
    const tag = randomUUID().slice(0, 8);
    const { user } = await createStaff();
    const base = { description: `filter ${tag}` };
    const { ticket: t1 } = await createTicket({ ...base, status: "open", priority: "urgent", assigneeId: user.id, endStep: "step2-4", answers: { messageShown: "cert-invalid-no-otp", network: "eduroam", factor: "otp" }, locale: "en", createdAt: new Date("2026-03-10T01:00:00Z") });
    const { ticket: t2 } = await createTicket({ ...base, status: "new", priority: "low", endStep: "step1-2", answers: { messageShown: "auth-failed", network: "campus-wifi", factor: "none" }, locale: "ja", createdAt: new Date("2026-03-12T01:00:00Z") });
    const ids = async (over: Record<string, string>) =>
      (await listTickets({ id: user.id }, filter({ status: "all", q: tag, ...over }))).rows.map((r) => r.id);

    expect(await ids({ status: "open" })).toEqual([t1.id]);
    expect(await ids({ priority: "low" })).toEqual([t2.id]);
    expect(await ids({ assignee: "me" })).toEqual([t1.id]);
    expect(await ids({ assignee: user.id })).toEqual([t1.id]);
    expect(await ids({ assignee: "unassigned" })).toEqual([t2.id]);
    expect(await ids({ endStep: "step2-4" })).toEqual([t1.id]);
    expect(await ids({ "a.messageShown": "auth-failed" })).toEqual([t2.id]);
    expect(await ids({ guide: "jaist-sso", "a.messageShown": "auth-failed", "a.factor": "none" })).toEqual([t2.id]);
    expect(await ids({ guide: "wifi" })).toEqual([]);
    expect(await ids({ "a.network": "eduroam" })).toEqual([t1.id]);
    expect(await ids({ "a.factor": "none" })).toEqual([t2.id]);
    expect(await ids({ locale: "en" })).toEqual([t1.id]);
    // Days are Japan days: 2026-03-12T01:00Z is 10:00 on the 12th in Tokyo.
    expect(await ids({ from: "2026-03-11", to: "2026-03-12" })).toEqual([t2.id]);
    expect(await ids({ to: "2026-03-10" })).toEqual([t1.id]);

    const { byStatus: counts, estimated } = await countTicketsByStatus({ id: user.id }, filter({ q: tag }));
    expect(estimated).toBe(false);
    expect(counts).toMatchObject({ new: 1, open: 1, waiting: 0, all: 2 });
  });

  it("drops malformed URL values instead of failing", () => {
    const f = TicketFilterSchema.parse({ status: "bogus", sort: "x", priority: "huge", assignee: "drop table", from: "2026-13-45", cursor: ["a", "b"] });
    expect(f).toMatchObject({ status: "new", sort: "created", dir: "desc", assignee: "anyone" });
    expect(f.priority).toBeUndefined();
    expect(f.from).toBeUndefined();
  });

  it("pages with a keyset cursor in every sort order without duplicates or gaps, ties included", async () => {
    const tag = randomUUID().slice(0, 8);
    const created: string[] = [];
    const same = new Date("2026-02-01T00:00:00.000Z");
    const priorities = ["low", "normal", "high", "urgent"] as const;
    for (let i = 0; i < 23; i++) {
      // Every third ticket shares a timestamp: the id must break the tie.
      const createdAt = i % 3 === 0 ? same : new Date(same.getTime() + i * 60_000);
      const { ticket } = await createTicket({ description: `page ${tag}`, status: "open", priority: priorities[i % 4], createdAt });
      created.push(ticket.id);
    }
    for (const sort of ["newest", "oldest", "priority", "updated"]) {
      const f = filter({ status: "open", q: tag, sort });
      const paged = await allPages(f, 5);
      const whole = (await listTickets(me, f, 100)).rows;
      expect(paged.map((r) => r.id)).toEqual(whole.map((r) => r.id));
      expect(new Set(paged.map((r) => r.id)).size).toBe(23);
      expect([...paged.map((r) => r.id)].sort()).toEqual([...created].sort());
    }
    const byPriority = (await listTickets(me, filter({ status: "open", q: tag, sort: "priority" }), 100)).rows;
    expect(byPriority[0].priority).toBe("urgent");
    expect(byPriority.at(-1)!.priority).toBe("low");
    const newest = (await listTickets(me, filter({ status: "open", q: tag }), 100)).rows;
    expect(newest[0].createdAt.getTime()).toBeGreaterThanOrEqual(newest.at(-1)!.createdAt.getTime());
  });

  it("ignores a forged cursor", async () => {
    const tag = randomUUID().slice(0, 8);
    await createTicket({ description: `cursor ${tag}`, status: "open" });
    const rows = (await listTickets(me, filter({ status: "open", q: tag, cursor: "not-base64-json" }))).rows;
    expect(rows).toHaveLength(1);
  });
});

describe("ticket changes", () => {
  it("records status, priority and assignee changes with before, after and the actor", async () => {
    const { user: actor } = await createStaff({ name: "担当 太郎" });
    const { user: other } = await createStaff({ name: "担当 花子" });
    const { ticket } = await createTicket();

    await changeStatus(actor, ticket.id, "open");
    await changePriority(actor, ticket.id, "high");
    await changeAssignee(actor, ticket.id, other.id);
    await changeStatus(actor, ticket.id, "resolved");
    await expect(changeStatus(actor, ticket.id, "waiting")).rejects.toThrow(TicketError);
    await changeStatus(actor, ticket.id, "closed");
    await changeStatus(actor, ticket.id, "open"); // reopen

    const full = (await getTicketForStaff(actor, ticket.reference))!;
    expect(full.status).toBe("open");
    expect(full.resolvedAt).toBeNull();
    expect(full.assignee?.name).toBe("担当 花子");
    const events = full.events.map((e) => [e.kind, e.before, e.after, e.actor?.name ?? null]);
    expect(events).toEqual([
      ["created", null, { status: "new", priority: "normal" }, null],
      ["status", { status: "new" }, { status: "open" }, "担当 太郎"],
      ["priority", { priority: "normal" }, { priority: "high" }, "担当 太郎"],
      ["assignee", { assigneeId: null, assigneeName: null }, { assigneeId: other.id, assigneeName: "担当 花子" }, "担当 太郎"],
      ["status", { status: "open" }, { status: "resolved" }, "担当 太郎"],
      ["status", { status: "resolved" }, { status: "closed" }, "担当 太郎"],
      ["status", { status: "closed" }, { status: "open" }, "担当 太郎"],
    ]);
  });

  it("refuses a deactivated assignee", async () => {
    const { user: actor } = await createStaff();
    const { user: gone } = await createStaff({ active: false });
    const { ticket } = await createTicket();
    await expect(changeAssignee(actor, ticket.id, gone.id)).rejects.toThrow(TicketError);
  });

  it("keeps notes internal and mails replies through the outbox in the ticket's language", async () => {
    const { user: actor } = await createStaff();
    const { ticket } = await createTicket({ locale: "en", name: "Li Wei" });
    await addNote(actor, ticket.id, "<b>internal</b> only");
    const before = await db().outboxMail.count({ where: { ticketId: ticket.id } });
    expect(before).toBe(0);

    await addReply(actor, ticket.id, "Please try a private window.", "waiting");
    const mails = await db().outboxMail.findMany({ where: { ticketId: ticket.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ticket.email, status: "pending", kind: "staff-reply" });
    expect(mails[0].subject).toContain(ticket.reference);
    expect(mails[0].subject).toContain("Reply from the help desk");
    expect(mails[0].text).toContain("Please try a private window.");
    expect(mails[0].text).not.toContain("internal");

    const full = (await getTicketForStaff(actor, ticket.reference))!;
    expect(full.status).toBe("waiting");
    expect(full.firstResponseAt).not.toBeNull();
    expect(full.messages.map((m) => [m.visibility, m.body])).toEqual([
      ["internal", "<b>internal</b> only"],
      ["public", "Please try a private window."],
    ]);
    expect(full.events.map((e) => e.kind)).toEqual(["created", "note", "reply", "status"]);

    // The first response time stays that of the first reply.
    const first = full.firstResponseAt!;
    await addReply(actor, ticket.id, "Second reply", "keep");
    expect((await getTicketForStaff(actor, ticket.reference))!.firstResponseAt).toEqual(first);
  });

  it("writes Japanese reply mail for Japanese tickets", async () => {
    const { user: actor } = await createStaff();
    const { ticket } = await createTicket({ locale: "ja" });
    await addReply(actor, ticket.id, "プライベートウィンドウでお試しください。", "keep");
    const mail = await db().outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(mail.subject).toBe(`[${ticket.reference}] ヘルプデスクからの返信`);
    expect(mail.text).toContain("プライベートウィンドウでお試しください。");
  });

  it("applies bulk changes to every selected ticket and skips those where the change does not apply", async () => {
    const { user: actor } = await createStaff();
    const { ticket: a } = await createTicket({ status: "new" });
    const { ticket: b } = await createTicket({ status: "closed" });
    const { ticket: c } = await createTicket({ status: "open" });
    expect(await bulkUpdate(actor, [a.id, b.id, c.id], { action: "status", status: "waiting" })).toEqual({ changed: 2, skipped: 1, moved: 0 });
    expect(await bulkUpdate(actor, [a.id, b.id], { action: "assign", assigneeId: actor.id })).toEqual({ changed: 2, skipped: 0, moved: 0 });
    expect(await bulkUpdate(actor, [a.id, c.id, randomUUID()], { action: "priority", priority: "urgent" })).toEqual({ changed: 2, skipped: 1, moved: 0 });
    const rows = await db().ticket.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, select: { id: true, status: true, assigneeId: true, priority: true } });
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[a.id]).toMatchObject({ status: "waiting", assigneeId: actor.id, priority: "urgent" });
    expect(byId[b.id]).toMatchObject({ status: "closed", assigneeId: actor.id, priority: "normal" });
    expect(byId[c.id]).toMatchObject({ status: "waiting", assigneeId: null, priority: "urgent" });
    expect(await db().ticketEvent.count({ where: { ticketId: a.id, actorId: actor.id } })).toBe(3);
  });

  it("finds similar tickets: same end step and message within 24 hours", async () => {
    const endStep = `zz-${randomUUID().slice(0, 6)}`;
    const now = new Date();
    const { ticket: t } = await createTicket({ endStep, answers: { messageShown: "auth-failed", network: "eduroam" } });
    const { ticket: same } = await createTicket({ endStep, answers: { messageShown: "auth-failed", network: "eduroam" }, createdAt: new Date(now.getTime() - 3600_000) });
    await createTicket({ endStep, answers: { messageShown: "auth-failed", network: "eduroam" }, createdAt: new Date(now.getTime() - 25 * 3600_000) });
    await createTicket({ endStep, answers: { messageShown: "oath-screen", network: "eduroam" } });
    expect((await listSimilarTickets(t, new Date(now.getTime() + 1000))).map((s) => s.id)).toEqual([same.id]);
  });
});
