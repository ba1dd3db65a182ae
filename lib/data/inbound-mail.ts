// Inbound mail rows (issue 11): the raw store every source writes to before anything else happens.
import "server-only";
import { db } from "@/lib/db";
import { messageKey } from "@/lib/mail/inbound/message-key";

export type InboundSource = "imap" | "smtp";

/**
 * Keeps one raw mail. Idempotent by its message key: the second store of the same mail changes
 * nothing and says so. Returns once the row is committed, so a source may then acknowledge the mail
 * (move it on the IMAP server, answer 250 to the sending server).
 */
export async function storeInboundMail(input: { raw: Buffer; source: InboundSource; envelopeFrom?: string | null }): Promise<{ id: string; duplicate: boolean }> {
  const key = messageKey(input.raw);
  const inserted = await db().$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundMail" ("messageKey", "source", "raw", "size", "envelopeFrom")
    VALUES (${key}, ${input.source}, ${input.raw}, ${input.raw.length}, ${input.envelopeFrom ?? null})
    ON CONFLICT ("messageKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length) return { id: inserted[0].id, duplicate: false };
  const existing = await db().inboundMail.findUniqueOrThrow({ where: { messageKey: key }, select: { id: true } });
  return { id: existing.id, duplicate: true };
}

export async function countInboundMail(where: { source?: InboundSource } = {}) {
  return db().inboundMail.count({ where });
}
