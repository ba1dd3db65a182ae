// Integration: the outbox sender against the real PostgreSQL and a real SMTP server in-process.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { backoffMs, deliverPending, MAX_ATTEMPTS } from "@/lib/mail/sender";

type Received = { to: string[]; subject?: string; text?: string };
const received: Received[] = [];
let rejectNext = 0;
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (rejectNext > 0) {
            rejectNext--;
            const error = Object.assign(new Error("mailbox temporarily unavailable"), { responseCode: 451 });
            return callback(error);
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject, text: mail.text });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });

async function pendingMail() {
  const to = `r-${randomUUID().slice(0, 8)}@example.com`;
  const row = await db().outboxMail.create({ data: { kind: "confirmation", to, subject: `[GEN-2026-000001] test ${to}`, text: "本文 / body" } });
  return { id: row.id, to };
}

describe("the outbox sender", () => {
  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it("retries after an SMTP failure and ends sent, with the mail received", async () => {
    const { id, to } = await pendingMail();
    const t0 = new Date();
    rejectNext = 1;
    expect(await deliverPending({ transport: transport(), ids: [id], now: t0 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await db().outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(row.lastError).toContain("451");
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 60_000);

    // Not due yet: nothing is sent before the backoff has passed.
    expect(await deliverPending({ transport: transport(), ids: [id], now: new Date(t0.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await deliverPending({ transport: transport(), ids: [id], now: new Date(t0.getTime() + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await db().outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(row.sentAt).not.toBeNull();
    const mails = received.filter((m) => m.to.includes(to));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(to);
    expect(mails[0].text).toContain("本文 / body");
  });

  it("never sends one mail twice when several senders run at once", async () => {
    const { id, to } = await pendingMail();
    const results = await Promise.all(Array.from({ length: 4 }, () => deliverPending({ transport: transport(), ids: [id] })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(received.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it("gives up after the last attempt and marks the mail failed", async () => {
    const { id } = await pendingMail();
    await db().outboxMail.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    rejectNext = 1;
    expect(await deliverPending({ transport: transport(), ids: [id] })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await db().outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("leaves mail pending when no SMTP server is configured", async () => {
    const { id } = await pendingMail();
    expect(await deliverPending({ transport: null, ids: [id] })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await db().outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", attempts: 0 });
  });
});
