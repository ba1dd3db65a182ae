// The inbound pipeline end to end on the real database (issue 11): stored raw mail in, tickets and
// messages out, each mail applied once.
import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { storeInboundMail } from "@/lib/data/inbound-mail";
import { processInboundMail } from "@/lib/mail/inbound/processor";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { addReply } from "@/lib/tickets/reply";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e1e5b50000000049454e44ae426082", "hex");

const compose = (options: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(options).compile().build();

async function deliver(options: ConstructorParameters<typeof MailComposer>[0]) {
  const raw = await compose({ messageId: `<${randomUUID()}@phone.example>`, ...options });
  const { id } = await storeInboundMail({ raw, source: "smtp", envelopeFrom: typeof options.from === "string" ? options.from : null });
  return id;
}

/** A ticket waiting for its requester, with one mail of ours to answer. */
async function waitingTicket() {
  const email = `r-${randomUUID().slice(0, 8)}@example.test`;
  const { ticket } = await createTicket({ email, status: "waiting", locale: "ja" });
  const sent = await db().$transaction((tx) => enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: email, subject: `[${ticket.reference}] 返信`, text: "x" }));
  return { ticket, email, sentId: sent.messageId! };
}

const inbound = (id: string) => db().inboundMail.findUniqueOrThrow({ where: { id }, select: { state: true, reason: true, ticketId: true } });

describe("inbound mail processing", () => {
  it("applies a requester's reply to their ticket once: cleaned, with its image, reopened, threaded onward", async () => {
    const { ticket, email, sentId } = await waitingTicket();
    const id = await deliver({
      from: email,
      to: "helpdesk@localhost",
      subject: `Re: [${ticket.reference}] 返信`,
      inReplyTo: `<${sentId}>`,
      text: "再起動したら直りました。\n\n2026/11/26 10:02、ヘルプデスク <helpdesk@localhost>のメッセージ:\n> 再起動してください",
      attachments: [{ filename: "screen.png", content: PNG }],
    });
    expect(await processInboundMail({ ids: [id] })).toEqual({ applied: 1, held: 0, ignored: 0, retrying: 0 });
    // Processing again (a second worker, a restart) changes nothing.
    expect(await processInboundMail({ ids: [id] })).toEqual({ applied: 0, held: 0, ignored: 0, retrying: 0 });

    expect(await inbound(id)).toEqual({ state: "applied", reason: null, ticketId: ticket.id });
    const after = await db().ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      select: { status: true, lastInboundMessageId: true, messages: { select: { body: true, authorType: true, visibility: true, attachments: { select: { filename: true } } } } },
    });
    expect(after.status).toBe("open");
    expect(after.messages).toEqual([{ body: "再起動したら直りました。", authorType: "requester", visibility: "public", attachments: [{ filename: "screen.png" }] }]);

    const { user } = await createStaff();
    await addReply(user, ticket.id, "よかったです。", "resolved");
    const reply = await db().outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "staff-reply", text: { contains: "よかったです" } } });
    expect(reply.inReplyTo).toBe(`<${after.lastInboundMessageId}>`);
  });

  it("records auto-replies and bounces without answering them", async () => {
    const { ticket, email, sentId } = await waitingTicket();
    const auto = await deliver({ from: email, to: "helpdesk@localhost", subject: "Out of office", inReplyTo: `<${sentId}>`, text: "I am away", headers: { "Auto-Submitted": "auto-replied" } });
    const mails = await db().outboxMail.count({ where: { ticketId: ticket.id } });
    expect((await processInboundMail({ ids: [auto] })).ignored).toBe(1);
    expect(await inbound(auto)).toMatchObject({ state: "ignored", reason: "auto-submitted" });
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await db().outboxMail.count({ where: { ticketId: ticket.id } })).toBe(mails);
    expect(await db().ticket.count({ where: { email, id: { not: ticket.id } } })).toBe(0);
  });

  it("holds a mail from someone else than the requester, even with the ticket's reply address", async () => {
    const { ticket } = await waitingTicket();
    const token = (await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { mailToken: true } })).mailToken;
    const id = await deliver({ from: "stranger@example.test", to: `helpdesk+${token}@localhost`, subject: "hello", text: "let me in" });
    expect((await processInboundMail({ ids: [id] })).held).toBe(1);
    expect(await inbound(id)).toEqual({ state: "held", reason: "unverified-sender", ticketId: ticket.id });
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("masks a password before storing and tells the requester not to send one", async () => {
    const { ticket, email } = await waitingTicket();
    const token = (await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { mailToken: true } })).mailToken;
    const id = await deliver({ from: email, to: `helpdesk+${token}@localhost`, subject: "Re: login", text: "パスワードは Abcd1234! です。" });
    await processInboundMail({ ids: [id] });
    const [message] = await db().ticketMessage.findMany({ where: { ticketId: ticket.id }, select: { body: true } });
    expect(message.body).not.toContain("Abcd1234!");
    expect(message.body).toContain("[****]");
    const raw = await db().inboundMail.findUniqueOrThrow({ where: { id }, select: { raw: true } });
    // The stored raw mail keeps its headers and the masked text only: the password is kept nowhere.
    expect(Buffer.from(raw.raw).toString("utf8")).not.toContain("Abcd1234!");
    expect(Buffer.from(raw.raw).toString("utf8")).toContain("[****]");
    expect(Buffer.from(raw.raw).toString("utf8")).toMatch(/^From: /im);
    expect(await db().outboxMail.count({ where: { ticketId: ticket.id, kind: "secret-masked" } })).toBe(1);
  });

  it("turns a mail that answers no ticket into a new request with a confirmation and its status link", async () => {
    const email = `new-${randomUUID().slice(0, 8)}@example.test`;
    const id = await deliver({ from: { name: "山田 花子", address: email }, to: "helpdesk@localhost", subject: "証明書の選択画面が出ません", text: "学外からログインできません。" });
    expect((await processInboundMail({ ids: [id] })).applied).toBe(1);
    const ticket = await db().ticket.findFirstOrThrow({ where: { email }, select: { id: true, reference: true, guideId: true, answers: true, locale: true, name: true, description: true } });
    expect(ticket).toMatchObject({ guideId: null, answers: { topic: "other" }, locale: "ja", name: "山田 花子" });
    expect(ticket.reference).toMatch(/^GEN-/);
    expect(ticket.description).toContain("学外からログインできません。");
    expect(await inbound(id)).toEqual({ state: "applied", reason: "new-request", ticketId: ticket.id });
    const confirmation = await db().outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "confirmation" } });
    expect(confirmation.text).toMatch(/\/ja\/requests\/[A-Za-z0-9_-]+/);
    expect(confirmation.replyTo).toMatch(/^helpdesk\+[0-9a-f]{32}@localhost$/);
  });

  it("two workers at once apply each of 20 mails exactly once", async () => {
    const { ticket, email, sentId } = await waitingTicket();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await deliver({ from: email, to: "helpdesk@localhost", subject: "Re: x", inReplyTo: `<${sentId}>`, text: `message ${i}` }));
    const [a, b] = await Promise.all([processInboundMail({ ids, batch: 7 }), processInboundMail({ ids, batch: 7 }), processInboundMail({ ids })]);
    expect(a.retrying + b.retrying).toBe(0);
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(20);
    expect(await db().inboundMail.count({ where: { id: { in: ids }, state: "applied" } })).toBe(20);
  });

  it("takes one sender's mails in order while others run beside them: a follow-up joins the request before it", async () => {
    const ids: string[] = [];
    const firsts: { email: string; messageId: string }[] = [];
    // Each sender writes a new request and at once a follow-up to it: side by side, the two would race.
    for (let s = 0; s < 6; s++) {
      const email = `order-${s}-${randomUUID().slice(0, 8)}@example.test`;
      const messageId = `<${randomUUID()}@phone.example>`;
      firsts.push({ email, messageId });
      ids.push(await deliver({ from: email, to: "helpdesk@localhost", subject: "プリンタが動きません", messageId, text: "印刷できません。" }));
      ids.push(await deliver({ from: email, to: "helpdesk@localhost", subject: "Re: プリンタが動きません", inReplyTo: messageId, references: [messageId], text: "追記: 3階のプリンタです。" }));
    }
    const result = await processInboundMail({ ids });
    expect(result).toEqual({ applied: 12, held: 0, ignored: 0, retrying: 0 });
    for (const { email } of firsts) {
      const tickets = await db().ticket.findMany({ where: { email }, select: { messages: { select: { body: true } } } });
      expect(tickets).toEqual([{ messages: [{ body: "追記: 3階のプリンタです。" }] }]);
    }
  });
});
