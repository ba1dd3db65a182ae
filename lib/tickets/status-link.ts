// The requester's status link (a secret token; only its SHA-256 is stored). The confirmation mail's
// token is Ticket.statusTokenHash; each reply mail mints one more in TicketStatusToken, in the
// reply's transaction, so every reply carries a link that works (docs/decisions/0022).
import "server-only";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newSecretToken } from "@/lib/tokens";

/** How long a requester's status link stays valid. */
export const STATUS_TOKEN_DAYS = 180;

export const statusTokenExpiry = (now: Date) => new Date(now.getTime() + STATUS_TOKEN_DAYS * 86_400_000);

export function statusUrl(locale: string, token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/${locale}/requests/${token}`;
}

/** A further live status link for a ticket; returns the plain token (mailed once, never stored). */
export async function mintStatusToken(tx: Prisma.TransactionClient, ticketId: string, now = new Date()): Promise<string> {
  const { token, hash } = newSecretToken();
  await tx.ticketStatusToken.create({ data: { ticketId, tokenHash: hash, expiresAt: statusTokenExpiry(now), createdAt: now }, select: { id: true } });
  return token;
}
