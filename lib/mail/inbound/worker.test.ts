// The whole inbound loop with a real IMAP server (issue 11): a requester's reply is delivered into
// Dovecot, the worker hears of it by IDLE, stores it, processes it, and it is on the ticket.
import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { imapSettingsFromUrl, startInbound, stopInbound } from "@/lib/mail/inbound/worker";
import { startDovecot, type Dovecot } from "@/lib/testing/dovecot";
import { createTicket } from "@/lib/testing/factories";
import { withOwnDatabase } from "@/lib/testing/temp-database";

let dovecot: Dovecot;
// A database of its own: the worker processes every stored mail it finds, and the other mail tests
// running beside this file store theirs for their own processing.
withOwnDatabase("inbound", { beforeAll, afterAll });
beforeAll(async () => {
  dovecot = await startDovecot();
  // Like DATABASE_URL, before anything in this file reads the environment (env() reads it once).
  process.env.IMAP_URL = `imap://${encodeURIComponent(dovecot.user)}:${encodeURIComponent(dovecot.password)}@${dovecot.host}:${dovecot.imapPort}/INBOX`;
  await startInbound(10 * 60_000);
}, 30_000);
afterAll(async () => {
  await stopInbound();
  await dovecot?.stop();
});

describe("the inbound worker", () => {
  it("reads IMAP settings from a URL", () => {
    expect(imapSettingsFromUrl("imaps://help%40example.ac.jp:p%40ss@mail.example.ac.jp/Help%20Desk")).toEqual({
      host: "mail.example.ac.jp",
      port: 993,
      secure: true,
      user: "help@example.ac.jp",
      password: "p@ss",
      mailbox: "Help Desk",
    });
  });

  it("puts a reply delivered to the mailbox on its ticket without a poll", async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.test`;
    const { ticket } = await createTicket({ email, status: "waiting" });
    const sent = await db().$transaction((tx) => enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: email, subject: `[${ticket.reference}] x`, text: "x" }));
    const raw = await new MailComposer({
      from: email,
      to: sent.replyTo!,
      subject: `Re: [${ticket.reference}] x`,
      inReplyTo: `<${sent.messageId}>`,
      messageId: `<${randomUUID()}@phone.example>`,
      text: "IDLE で届きました。",
    })
      .compile()
      .build();
    await dovecot.deliver(raw, email);
    await expect
      .poll(() => db().ticketMessage.findMany({ where: { ticketId: ticket.id }, select: { body: true } }), { timeout: 30_000 })
      .toEqual([{ body: "IDLE で届きました。" }]);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { status: true } })).status).toBe("open");
  }, 45_000);
});
