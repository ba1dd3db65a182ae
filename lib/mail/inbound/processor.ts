// Processing of stored inbound mail (issue 11, decision 0024): parse, drop what robots wrote, guard
// against floods and loops, find the ticket, check the sender, then apply, in that order. Every
// mail ends in one state: applied (to a ticket, or as a new request), held for staff (an unverified
// sender, a flood), ignored (auto-replies, bounces, lists, our own mail) or failed after retries.
import "server-only";
import { db } from "@/lib/db";
import { claimReceivedMail, deferInboundMail, findTicketForMail, settleInboundMail } from "@/lib/data/inbound-mail";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import { env } from "@/lib/env";
import { log as rootLog } from "@/lib/log";
import { messageKey } from "@/lib/mail/inbound/message-key";
import { parseInbound } from "@/lib/mail/inbound/parse";
import { addressOf, mailTokenOf, ticketIdFromRootMessageId } from "@/lib/mail/threading";
import { hit } from "@/lib/rate-limit";
import { maskSecrets } from "@/lib/secrets";
import { createTicketFromMail } from "@/lib/tickets/create-from-mail";
import { applyMailToTicket, TicketClosedToMail } from "@/lib/tickets/mail-message";

const log = rootLog.child({ component: "inbound" });

export const MAX_ATTEMPTS = 5;
/** Senders processed side by side; the pool (lib/db.ts, 10 connections) keeps room for web requests. */
const CONCURRENCY = 4;
/** Mails one sender may have processed per hour before the rest wait for staff (a loop or a flood). */
export const SENDER_LIMIT_HOUR = 30;

export type ProcessResult = { applied: number; held: number; ignored: number; retrying: number };

type Row = { id: string; raw: Uint8Array; envelopeFrom: string | null; attempts: number };
type Outcome = keyof Omit<ProcessResult, "retrying">;

async function processOne(row: Row, now: Date): Promise<Outcome> {
  const raw = Buffer.from(row.raw);
  const mail = await parseInbound(raw, row.envelopeFrom);
  const { MAIL_FROM, MAIL_REPLY_TO } = env();
  const replyBase = MAIL_REPLY_TO ?? MAIL_FROM;
  const settle = async (state: "held" | "ignored", reason: string, ticketId: string | null = null) => {
    await settleInboundMail(row.id, { state, reason, ticketId }, undefined, now);
    return state;
  };

  if (!mail.from) return settle("held", "no-sender");
  const sender = mail.from.address;
  if (sender === addressOf(MAIL_FROM).toLowerCase() || sender === addressOf(replyBase).toLowerCase() || mailTokenOf(sender, replyBase)) return settle("ignored", "loop");
  if (mail.automatic) return settle("ignored", mail.automatic);
  const limited = await hit(`mail:${sender}`, [{ limit: SENDER_LIMIT_HOUR, seconds: 3600 }], now);
  if (!limited.ok) return settle("held", "flood");

  const masked = maskSecrets(mail.reply);
  const body = { text: masked.text || (mail.files.length ? "(添付ファイルのみ / attachments only)" : "(本文なし / no text)"), masked: masked.kinds.length > 0 };
  const match = await findTicketForMail(mail, { rootTicketId: ticketIdFromRootMessageId, mailToken: (a) => mailTokenOf(a, replyBase) });
  const key = messageKey(raw);
  if (!match) {
    await createTicketFromMail({ id: row.id, messageKey: key }, mail, body, now);
    await redactRawIfSecret(row.id, raw, mail.fullText);
    return "applied";
  }
  const ticket = await resolveMergedTicket(match.ticketId);
  if (!ticket) return settle("held", "ticket-gone");
  // Only the requester may add to their ticket by mail; anyone else's mail waits for staff.
  if (!sameRequester(ticket, { email: sender })) return settle("held", "unverified-sender", ticket.id);
  try {
    await applyMailToTicket(ticket.id, { inboundId: row.id, messageId: mail.messageId, body: body.text, files: mail.files, masked: body.masked }, now);
  } catch (error) {
    if (!(error instanceof TicketClosedToMail)) throw error;
    // A closed ticket takes no messages: the mail opens a new request, as on the status page.
    await createTicketFromMail({ id: row.id, messageKey: key }, mail, body, now);
  }
  await redactRawIfSecret(row.id, raw, mail.fullText);
  return "applied";
}

/**
 * The stored raw mail of an applied mail that held a password or code keeps its headers and the
 * masked text only: the secret is kept nowhere (issue 11). Its files are on the ticket already.
 */
async function redactRawIfSecret(id: string, raw: Buffer, fullText: string) {
  const masked = maskSecrets(fullText);
  if (!masked.kinds.length) return;
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString("latin1")
    .split(/\r\n(?![ \t])/)
    .filter((line) => /^(from|to|cc|subject|date|message-id|in-reply-to|references|reply-to|auto-submitted):/i.test(line))
    .join("\r\n");
  const note = "[Tebiki: the body held a password or a code; only the masked text is kept]";
  const redacted = Buffer.from(`${head}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${note}\r\n\r\n${masked.text.replace(/\r?\n/g, "\r\n")}\r\n`, "utf8");
  await db().inboundMail.update({ where: { id }, data: { raw: redacted, size: redacted.length } });
}

/** Processes what is due; several instances may run this at once (rows are leased with SKIP LOCKED). */
export async function processInboundMail(options: { now?: Date; batch?: number; ids?: string[] } = {}): Promise<ProcessResult> {
  const now = options.now ?? new Date();
  const result: ProcessResult = { applied: 0, held: 0, ignored: 0, retrying: 0 };
  const rows = await claimReceivedMail(now, options.batch ?? 50, env().INBOUND_LEASE_MS, options.ids);
  // One sender's mails in the order they came (a reply after the mail it answers, the flood count in
  // order); different senders side by side. A mail spends most of its time waiting for PostgreSQL, so
  // one at a time left 1,000 mails at 78 ms each on a loaded 2-core machine (decision 0024). Applying
  // stays exactly-once whatever runs at once: the ticket row is locked and the settle is conditional.
  const senders = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row.envelopeFrom?.toLowerCase() ?? row.id;
    senders.set(key, [...(senders.get(key) ?? []), row]);
  }
  const queues = [...senders.values()];
  const lane = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const row of queue) {
        try {
          result[await processOne(row, now)]++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.warn({ inboundId: row.id, attempts: row.attempts, err: message }, "inbound mail not processed; will retry");
          await deferInboundMail(row.id, row.attempts, message, MAX_ATTEMPTS, now);
          result.retrying++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return result;
}
