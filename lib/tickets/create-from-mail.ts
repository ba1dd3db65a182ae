// A new request by mail (issue 11): a mail to the help desk that answers no ticket becomes a ticket
// without a guide (the generic form's fields; topic "other"), with the confirmation mail and its status
// link, and guides that may solve it at once. Idempotent by the mail: a second run finds the ticket.
import "server-only";
import { db } from "@/lib/db";
import { settleInboundMail } from "@/lib/data/inbound-mail";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { GENERIC_PREFIX } from "@/lib/guides/generic-form";
import type { Locale } from "@/lib/i18n";
import type { ParsedInbound } from "@/lib/mail/inbound/parse";
import { confirmationMail } from "@/lib/mail/templates";
import { suggest } from "@/lib/suggest";
import { createTicketFromIntake } from "@/lib/tickets/create-ticket";
import { statusUrl } from "@/lib/tickets/status-link";

const MAX_DESCRIPTION = 10_000;

/** Japanese when the mail has kana or kanji, else English: the language to answer in. */
export function mailLocale(text: string): Locale {
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(text) ? "ja" : "en";
}

export async function createTicketFromMail(
  inbound: { id: string; messageKey: string },
  mail: Pick<ParsedInbound, "from" | "subject" | "date" | "files" | "messageId">,
  body: { text: string; masked: boolean },
  now = new Date(),
  /** How the inbound row is settled in the ticket's transaction; throwing rolls the ticket back (staff acting on a held mail). */
  settle: (tx: Prisma.TransactionClient, ticketId: string) => Promise<unknown> = (tx, ticketId) =>
    settleInboundMail(inbound.id, { state: "applied", ticketId, reason: "new-request" }, tx, now),
) {
  if (!mail.from) throw new Error("a mail without a sender makes no ticket");
  const from = mail.from;
  const locale = mailLocale(`${mail.subject}\n${body.text}`);
  const query = (mail.subject || body.text).replace(/^(re|fwd?|aw):\s*/i, "").slice(0, 200);
  const base = env().APP_URL.replace(/\/$/, "");
  const suggestions = (await suggest(locale, query, 3).catch(() => []))
    .map((s) => ({ title: s.title.map((p) => p.text).join(""), url: `${base}${s.href}` }));
  const description = [mail.subject, body.text].filter(Boolean).join("\n\n").slice(0, MAX_DESCRIPTION) || "(本文なし / no text)";
  const result = await createTicketFromIntake(
    {
      referencePrefix: GENERIC_PREFIX,
      guideId: null,
      answers: { topic: "other" },
      locale,
      name: (from.name || from.address.split("@")[0]).slice(0, 100),
      username: "",
      affiliation: "",
      email: from.address,
      failedAt: mail.date && mail.date.getTime() <= now.getTime() ? mail.date : now,
      device: null,
      description,
      idempotencyKey: `mail:${inbound.messageKey}`.slice(0, 200),
      lastInboundMessageId: mail.messageId,
    },
    {
      files: mail.files,
      mail: (reference, token, signOff) => ({
        kind: "confirmation",
        to: from.address,
        ...confirmationMail({ reference, name: from.name || from.address, statusUrl: statusUrl(locale, token), locale, signOff, suggestions, masked: body.masked }),
      }),
      within: async (tx, ticketId) => {
        await settle(tx, ticketId);
      },
    },
  );
  // A second run after a crash between the two: the ticket exists (idempotency key), the row is settled now.
  if (result.duplicate) await db().$transaction((tx) => settle(tx, result.ticketId));
  return result;
}
