import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { deliverPending } from "@/lib/mail/sender";
import { mailTokenOf, replyAddress, rootMessageId, threadHeaders, ticketIdFromRootMessageId } from "@/lib/mail/threading";
import { createTicket } from "@/lib/testing/factories";

describe("thread headers", () => {
  const ticketId = "2f1d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b";
  const token = "0123456789abcdef0123456789abcdef";

  it("refer to the ticket's root first, then our last mail and the requester's latest", () => {
    const h = threadHeaders({ ticketId, mailToken: token, from: "IT Help Desk <helpdesk@example.ac.jp>", replyBase: "IT Help Desk <helpdesk@example.ac.jp>", previous: "p@example.ac.jp", lastInbound: "r@phone.example" });
    expect(h.references).toBe(`<ticket-${ticketId}@example.ac.jp> <p@example.ac.jp> <r@phone.example>`);
    expect(h.inReplyTo).toBe("<r@phone.example>");
    expect(h.replyTo).toBe(`helpdesk+${token}@example.ac.jp`);
    expect(h.messageId).toMatch(/^[0-9a-f-]{36}@example\.ac\.jp$/);
    expect(ticketIdFromRootMessageId(rootMessageId(ticketId, "example.ac.jp"))).toBe(ticketId);
  });

  it("read the token back only from our own plus-address", () => {
    expect(mailTokenOf(replyAddress("helpdesk@example.ac.jp", token), "IT <helpdesk@example.ac.jp>")).toBe(token);
    expect(mailTokenOf(`helpdesk+${token}@evil.example`, "helpdesk@example.ac.jp")).toBeNull();
    expect(mailTokenOf(`other+${token}@example.ac.jp`, "helpdesk@example.ac.jp")).toBeNull();
    expect(mailTokenOf("helpdesk+SSO-2026-000001@example.ac.jp", "helpdesk@example.ac.jp")).toBeNull();
  });
});

describe("mail to a requester threads; delivered with its headers", () => {
  const received: ParsedMail[] = [];
  let server: SMTPServer;
  let port: number;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gives each requester mail a Message-ID, References to the thread and the ticket's Reply-To; staff mail gets none", async () => {
    const { ticket } = await createTicket();
    const row = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { mailToken: true, email: true } });
    expect(row.mailToken).toMatch(/^[0-9a-f]{32}$/);
    const first = await db().$transaction((tx) => enqueueMail(tx, { ticketId: ticket.id, kind: "confirmation", to: row.email, subject: `[${ticket.reference}] one`, text: "1" }));
    await db().ticket.update({ where: { id: ticket.id }, data: { lastInboundMessageId: "answer@phone.example" } });
    const second = await db().$transaction((tx) => enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: row.email.toUpperCase(), subject: `[${ticket.reference}] two`, text: "2" }));
    const staff = await db().$transaction((tx) => enqueueMail(tx, { ticketId: ticket.id, kind: "staff-notification", to: "agent@example.test", subject: "new", text: "3" }));

    expect(staff.messageId).toBeNull();
    expect(second.inReplyTo).toBe("<answer@phone.example>");
    expect(second.references).toContain(`<${first.messageId}>`);

    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    await deliverPending({ transport, ids: [first.id, second.id] });
    const got = received.find((m) => m.subject?.endsWith("two"))!;
    expect(got.messageId).toBe(`<${second.messageId}>`);
    expect(got.inReplyTo).toBe("<answer@phone.example>");
    expect([got.references].flat()).toContain(`<${first.messageId}>`);
    expect(got.replyTo?.value[0].address).toBe(`helpdesk+${row.mailToken}@localhost`);
  });
});
