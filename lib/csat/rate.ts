// The requester rates a resolved ticket through its status link (docs/decisions/0030-csat.md).
import "server-only";
import { db } from "@/lib/db";
import { ticketByTokenWhere } from "@/lib/data/tickets";
import { csatState, type CsatScore, type CsatState } from "@/lib/csat/window";
import { recordEvent } from "@/lib/tickets/events";

export type RateOutcome =
  | { ok: true; changed: boolean; rating: CsatScore; comment: string | null }
  | { ok: false; reason: "token" | Exclude<CsatState, "open"> };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Records or changes the rating. Idempotent: the same rating and comment again changes nothing (no
 * history entry, updatedAt kept). `comment` undefined keeps the stored one; "" or null clears it.
 * Refused without a live status link, without an offer, after the 7-day window and while reopened.
 */
export async function rateTicket(token: string, rating: CsatScore, comment: string | null | undefined, now = new Date()): Promise<RateOutcome> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "token" };
  return db().$transaction(async (tx) => {
    const { id } = await ticketByTokenWhere(token, now, tx);
    // The row lock orders this against a staff reopen or re-resolve of the same ticket.
    const [ticket] = await tx.$queryRaw<{ status: string; mergedIntoId: string | null }[]>`
      SELECT "status"::text, "mergedIntoId"::text FROM "Ticket" WHERE "id" = ${id}::uuid FOR UPDATE`;
    if (!ticket) return { ok: false, reason: "token" };
    const offer = ticket.mergedIntoId ? null : await tx.csatRating.findUnique({ where: { ticketId: id }, select: { rating: true, comment: true, resolvedAt: true, ratedAt: true } });
    const state = csatState(offer, ticket.status, now);
    if (state !== "open" || !offer) return { ok: false, reason: state === "open" ? "none" : state };
    const nextComment = comment === undefined ? offer.comment : comment || null;
    if (offer.rating === rating && offer.comment === nextComment) return { ok: true, changed: false, rating, comment: nextComment };
    await tx.csatRating.update({ where: { ticketId: id }, data: { rating, comment: nextComment, ratedAt: offer.ratedAt ?? now, updatedAt: now } });
    await recordEvent(tx, id, { type: "requester" }, { kind: "csat", before: { rating: offer.rating }, after: { rating, comment: nextComment !== null }, at: now });
    return { ok: true, changed: true, rating, comment: nextComment };
  });
}
