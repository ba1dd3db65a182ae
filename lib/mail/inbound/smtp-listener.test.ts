import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accepts, startSmtpListener } from "@/lib/mail/inbound/smtp-listener";

let listener: Awaited<ReturnType<typeof startSmtpListener>>;
beforeAll(async () => {
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1", recipients: ["helpdesk@example.test"], maxBytes: 64 * 1024 });
});
afterAll(() => listener?.close());

const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
const raw = (id: string, body = "body") => `From: student@example.test\r\nTo: helpdesk@example.test\r\nSubject: test\r\nMessage-ID: <${id}>\r\n\r\n${body}\r\n`;

describe("the SMTP listener", () => {
  it("stores a mail before it answers 250, once however often it is sent", async () => {
    const id = `${randomUUID()}@phone.example`;
    const sent = await transport().sendMail({ envelope: { from: "student@example.test", to: ["helpdesk@example.test"] }, raw: raw(id) });
    expect(sent.response).toMatch(/^250/);
    await transport().sendMail({ envelope: { from: "student@example.test", to: ["helpdesk@example.test"] }, raw: raw(id) });
    const rows = await db().inboundMail.findMany({ where: { messageKey: `mid:${id}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "smtp", envelopeFrom: "student@example.test" });
    expect(Buffer.from(rows[0].raw).toString()).toContain(`Message-ID: <${id}>`);
  });

  it("refuses mail for anyone else: not an open relay", async () => {
    await expect(
      transport().sendMail({ envelope: { from: "x@example.test", to: ["someone@elsewhere.example"] }, raw: raw(`${randomUUID()}@x`) }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it("refuses a mail over the size limit without storing it", async () => {
    const id = `${randomUUID()}@big`;
    await expect(
      transport().sendMail({ envelope: { from: "x@example.test", to: ["helpdesk@example.test"] }, raw: raw(id, "x".repeat(100 * 1024)) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await db().inboundMail.count({ where: { messageKey: `mid:${id}` } })).toBe(0);
  });

  it("matches plus-addresses and whole domains", () => {
    expect(accepts(["helpdesk@example.test"], "Helpdesk+SSO-2026-000001@example.test")).toBe(true);
    expect(accepts(["@example.test"], "any@example.test")).toBe(true);
    expect(accepts(["helpdesk@example.test"], "helpdesk@example.test.evil")).toBe(false);
  });
});
