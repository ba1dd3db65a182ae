// Help-desk-wide settings: one row ("default", made by the migration). Today: the mail sign-off.
// Reads take an optional transaction, so a mail is written with the sign-off of the moment it is queued.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_SIGN_OFF, type SignOff } from "@/lib/mail/templates";
import type { SignOffInput } from "@/lib/validation/settings";

const ID = "default";

export async function getSignOff(tx: Prisma.TransactionClient = db()): Promise<SignOff> {
  const row = await tx.helpDeskSetting.findUnique({ where: { id: ID }, select: { signOffJa: true, signOffEn: true } });
  return row ? { ja: row.signOffJa, en: row.signOffEn } : DEFAULT_SIGN_OFF;
}

/** The caller has checked the actor (requireAdmin) on its first line. */
export async function updateSignOff(actor: { email: string }, input: SignOffInput): Promise<SignOff> {
  const data = { signOffJa: input.signOffJa, signOffEn: input.signOffEn, updatedBy: actor.email };
  const row = await db().helpDeskSetting.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data });
  return { ja: row.signOffJa, en: row.signOffEn };
}
