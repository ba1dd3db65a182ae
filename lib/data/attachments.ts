// Screenshots, stored in Postgres (bytea) so every app instance can serve them.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Screenshot } from "@/lib/screenshot";
import type { StaffFile } from "@/lib/staff-attachments";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import { ticketByTokenWhere } from "@/lib/data/tickets";

export async function insertAttachment(
  tx: Prisma.TransactionClient,
  ticketId: string,
  screenshot: Screenshot | StaffFile,
  messageId: string | null = null,
) {
  return tx.attachment.create({
    data: { ticketId, messageId, ...screenshot, data: screenshot.data },
    select: { id: true, filename: true, contentType: true, size: true, createdAt: true },
  });
}

const FILE = { id: true, filename: true, contentType: true, size: true, data: true } as const;

/**
 * An attachment of the ticket behind a requester's status token (unknown or expired token: null):
 * the requester's own files and those of public replies, never those of internal notes. Or one of a
 * public message of the ticket it was merged into when that is the same person's request: the status
 * page shows the survivor's conversation then (lib/data/tickets.ts getTicketByToken).
 */
export async function getAttachmentForToken(token: string, attachmentId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) return null;
  // Any live link of the ticket: the confirmation mail's or one a reply mail minted (decision 0022).
  const { id: ticketId } = await ticketByTokenWhere(token, now);
  const own = await db().attachment.findFirst({
    where: { id: attachmentId, ticketId, OR: [{ messageId: null }, { message: { visibility: "public" } }] },
    select: FILE,
  });
  if (own) return own;
  const linked = await db().ticket.findFirst({ where: { id: ticketId, mergedIntoId: { not: null } }, select: { id: true, email: true } });
  if (!linked) return null;
  const survivor = await resolveMergedTicket(linked.id);
  if (!survivor || !sameRequester(linked, survivor)) return null;
  return db().attachment.findFirst({ where: { id: attachmentId, ticketId: survivor.id, message: { visibility: "public" } }, select: FILE });
}

/**
 * An attachment by id with NO access check: for staff routes, which must run their own guard first
 * (the admin feature serves screenshots through this).
 */
export async function unsafeGetAttachment(attachmentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) return null;
  return db().attachment.findUnique({ where: { id: attachmentId }, select: { ...FILE, ticketId: true, messageId: true } });
}
