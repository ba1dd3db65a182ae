// Reads the mail the SMTP sink received (e2e/support/smtp-sink.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { createTransport } from "nodemailer";
import { deliverOverLmtp } from "@/lib/testing/dovecot";
import { E2E_IMAP_USER } from "./server-env";

export type ReceivedMail = {
  to: string[];
  from?: string;
  subject?: string;
  text: string;
  /** Message-ID, In-Reply-To and References with their angle brackets, as mailparser gives them. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  replyTo?: string[];
};

export function mailDir(): string {
  return process.env.E2E_MAIL_DIR ?? path.join(process.cwd(), ".test-runs", "mail");
}

export function receivedMail(): ReceivedMail[] {
  let files: string[] = [];
  try {
    files = readdirSync(mailDir()).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(path.join(mailDir(), f), "utf8")) as ReceivedMail);
}

/** Waits (polling, up to 30 s) for a mail to `address` whose text matches; returns it. */
export async function waitForMail(address: string, match: (mail: ReceivedMail) => boolean = () => true) {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = receivedMail().find((m) => m.to.includes(address) && match(m));
        return Boolean(found);
      },
      { timeout: 30_000, message: `mail to ${address}` },
    )
    .toBe(true);
  return found!;
}

/** Delivers raw MIME into the help desk's mailbox over LMTP, as the mail server would (playwright.config.ts). */
export function deliverToHelpdesk(raw: string | Buffer, envelopeFrom: string) {
  return deliverOverLmtp(Number(process.env.E2E_LMTP_PORT), E2E_IMAP_USER, raw, envelopeFrom);
}

/** Hands raw MIME to the app's own SMTP listener; resolves once it answered 250 (the mail is stored). */
export async function sendToAppSmtp(raw: string | Buffer, envelope: { from: string; to: string }) {
  const transport = createTransport({ host: "127.0.0.1", port: Number(process.env.E2E_INBOUND_SMTP_PORT), secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
  } finally {
    transport.close();
  }
}
