// Staff acting on held inbound mail (issue 11, part Q), on the real database: into a ticket, as a new
// request, discarded; each once, however many staff members press at the same time.
import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { storeInboundMail } from "@/lib/data/inbound-mail";
import { processInboundMail } from "@/lib/mail/inbound/processor";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { acceptHeldMail } from "@/lib/tickets/accept-held-mail";
import { discardHeldMail } from "@/lib/tickets/discard-held-mail";
import { HeldMailError } from "@/lib/tickets/held-mail";
import { heldMailToNewRequest } from "@/lib/tickets/held-mail-new-request";

/** A mail from a stranger to a ticket's reply address: the processor holds it as "unverified-sender". */
async function heldMail(text = "I have the same problem.") {
  const email = `r-${randomUUID().slice(0, 8)}@example.test`;
  const { ticket } = await createTicket({ email, status: "waiting", locale: "ja" });
  const { mailToken } = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { mailToken: true } });
  const stranger = `s-${randomUUID().slice(0, 8)}@example.test`;
  const raw = await new MailComposer({ messageId: `<${randomUUID()}@phone.example>`, from: stranger, to: `helpdesk+${mailToken}@localhost`, subject: "hello", text }).compile().build();
  const { id } = await storeInboundMail({ raw, source: "smtp", envelopeFrom: stranger });
  expect((await processInboundMail({ ids: [id] })).held).toBe(1);
  return { id, ticket, email, stranger };
}

const row = (id: string) => db().inboundMail.findUniqueOrThrow({ where: { id }, select: { state: true, reason: true, ticketId: true, handledById: true } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof HeldMailError ? e.code : e));

describe("held inbound mail, handled by staff", () => {
  it("adds a stranger's mail to the matched ticket as an internal message, with its history, once", async () => {
    const { id, ticket } = await heldMail("password: hunter2hunter2\nsame here");
    const { user } = await createStaff();
    const result = await acceptHeldMail(user, id);
    expect(result).toMatchObject({ ticketId: ticket.id, visibility: "internal" });
    expect(await row(id)).toEqual({ state: "applied", reason: "accepted-by-staff", ticketId: ticket.id, handledById: user.id });
    const messages = await db().ticketMessage.findMany({ where: { ticketId: ticket.id }, select: { id: true, body: true, authorType: true, visibility: true } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ authorType: "requester", visibility: "internal" });
    expect(messages[0].body).toContain("same here");
    expect(messages[0].body).not.toContain("hunter2hunter2");
    const event = await db().ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "requester_message" }, select: { after: true } });
    expect(event.after).toEqual({ messageId: messages[0].id, via: "mail" });
    expect(await refusal(acceptHeldMail(user, id))).toBe("handled");
  });

  it("adds it publicly to a ticket named by reference when the sender is that ticket's requester", async () => {
    const { id, stranger } = await heldMail();
    const { ticket: own } = await createTicket({ email: stranger, status: "open", locale: "en" });
    const { user } = await createStaff();
    expect(await acceptHeldMail(user, id, { reference: own.reference })).toMatchObject({ ticketId: own.id, visibility: "public" });
    expect(await db().ticketMessage.findMany({ where: { ticketId: own.id }, select: { visibility: true } })).toEqual([{ visibility: "public" }]);
  });

  it("refuses an unknown reference and a closed ticket, leaving the mail held", async () => {
    const { id } = await heldMail();
    const { ticket: closed } = await createTicket({ status: "closed" });
    const { user } = await createStaff();
    expect(await refusal(acceptHeldMail(user, id, { reference: "GEN-1999-999999" }))).toBe("no-ticket");
    expect(await refusal(acceptHeldMail(user, id, { reference: closed.reference }))).toBe("closed");
    expect((await row(id)).state).toBe("held");
    expect(await db().ticketMessage.count({ where: { ticketId: closed.id } })).toBe(0);
  });

  it("makes a new request of it, from the sender, with its confirmation mail", async () => {
    const { id, stranger } = await heldMail();
    const { user } = await createStaff();
    const created = await heldMailToNewRequest(user, id);
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: created.ticketId }, select: { email: true, description: true } });
    expect(ticket.email).toBe(stranger);
    expect(ticket.description).toContain("I have the same problem.");
    expect(await row(id)).toEqual({ state: "applied", reason: "new-request-by-staff", ticketId: created.ticketId, handledById: user.id });
    expect(await db().outboxMail.count({ where: { ticketId: created.ticketId, kind: "confirmation" } })).toBe(1);
    expect(await db().ticketEvent.count({ where: { ticketId: created.ticketId, kind: "created" } })).toBe(1);
  });

  it("discards it, keeping who did", async () => {
    const { id, ticket } = await heldMail();
    const { user } = await createStaff();
    await discardHeldMail(user, id);
    expect(await row(id)).toEqual({ state: "ignored", reason: "discarded-by-staff", ticketId: ticket.id, handledById: user.id });
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("lets only one of two staff members act when both saw the mail held and press at the same moment", async () => {
    const { id, ticket } = await heldMail();
    const { user: a } = await createStaff();
    const { user: b } = await createStaff();
    // Hold the row so that both actions get past their first look (still held) and queue on it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holder = 0;
    const holding = db().$transaction(async (tx) => {
      [{ pid: holder }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid FROM "InboundMail" WHERE "id" = ${id}::uuid FOR UPDATE`;
      await gate;
    }, { timeout: 30_000 });
    await expect.poll(() => holder).not.toBe(0);
    const racing = Promise.all([refusal(acceptHeldMail(a, id)), refusal(discardHeldMail(b, id))]);
    // The second waiter queues behind the first one, not directly behind the holder.
    const waiting = async () => (await db().$queryRaw<{ n: number }[]>`
      WITH w AS (SELECT "pid", pg_blocking_pids("pid") AS b FROM pg_stat_activity)
      SELECT count(*)::int AS n FROM w
      WHERE ${holder}::int = ANY(w.b) OR EXISTS (SELECT 1 FROM w AS first WHERE first."pid" = ANY(w.b) AND ${holder}::int = ANY(first.b))`)[0].n;
    await expect.poll(waiting, { timeout: 15_000 }).toBe(2);
    release();
    await holding;
    const outcomes = await racing;
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(outcomes.filter((o) => o === "handled")).toHaveLength(1);
    const state = await row(id);
    // Exactly the winner's effect: the message when the add won, nothing when the discard won.
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(state.state === "applied" ? 1 : 0);
    expect(state.handledById).toBe(state.state === "applied" ? a.id : b.id);
  });
});
