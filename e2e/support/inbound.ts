// Inbound mail for the e2e specs (issue 11): stored as the sources store it (the same key as
// lib/data/inbound-mail.ts storeInboundMail), then processed by the running server's own worker.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import MailComposer from "nodemailer/lib/mail-composer";
import { messageKey } from "@/lib/mail/inbound/message-key";
import { sql } from "./db";

export async function ticketMailToken(ticketId: string) {
  return (await sql<{ mailToken: string }>(`SELECT "mailToken" FROM "Ticket" WHERE "id" = $1`, [ticketId])).rows[0].mailToken;
}

export async function deliverInbound(options: { from: string; to: string; subject: string; text: string; attachments?: { filename: string; content: Buffer }[] }) {
  const raw = await new MailComposer({ messageId: `<${randomUUID()}@phone.example>`, ...options }).compile().build();
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "InboundMail" ("messageKey", "source", "raw", "size", "envelopeFrom") VALUES ($1, 'smtp', $2, $3, $4) RETURNING "id"`,
    [messageKey(raw), raw, raw.length, options.from],
  );
  return rows[0].id;
}

export async function inboundState(id: string) {
  return (await sql<{ state: string; reason: string | null; ticketId: string | null; handledById: string | null }>(
    `SELECT "state"::text, "reason", "ticketId", "handledById" FROM "InboundMail" WHERE "id" = $1`, [id])).rows[0];
}

/** The server's worker polls every 15 s (lib/mail/inbound/worker.ts). */
export async function waitUntilHeld(...ids: string[]) {
  for (const id of ids) await expect.poll(async () => (await inboundState(id)).state, { timeout: 40_000 }).toBe("held");
}

/** A mail from someone who is not the ticket's requester, to its reply address: held as "unverified-sender". */
export async function strangerMail(ticketId: string, subject: string, text: string) {
  const token = await ticketMailToken(ticketId);
  const from = `stranger-${randomUUID().slice(0, 8)}@example.org`;
  return { id: await deliverInbound({ from, to: `helpdesk+${token}@localhost`, subject, text }), from };
}
