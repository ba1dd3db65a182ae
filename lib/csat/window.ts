// When a requester may give or change a satisfaction rating (docs/decisions/0030-csat.md). Pure, so
// the 7-day rule is tested with any `now`.

/** A rating can be given or changed for this long after the ticket was (last) resolved. */
export const CSAT_WINDOW_DAYS = 7;

export type CsatScore = "good" | "bad";
export const CSAT_SCORES = ["good", "bad"] as const satisfies readonly CsatScore[];

/** What the requester can do with the rating of their ticket now. */
export type CsatState =
  /** no offer: the ticket was never resolved since CSAT exists (or was closed without a resolve) */
  | "none"
  /** resolved (or closed after the resolve) and within the window: rate or change */
  | "open"
  /** the window passed: the rating is shown, read-only */
  | "expired"
  /** reopened since the resolve: the rating is kept and shown; it can be changed once resolved again */
  | "reopened";

export function csatWindowEnds(resolvedAt: Date): Date {
  return new Date(resolvedAt.getTime() + CSAT_WINDOW_DAYS * 86_400_000);
}

export function csatState(offer: { resolvedAt: Date } | null, ticketStatus: string, now: Date): CsatState {
  if (!offer) return "none";
  if (ticketStatus !== "resolved" && ticketStatus !== "closed") return "reopened";
  return now < csatWindowEnds(offer.resolvedAt) ? "open" : "expired";
}

/** Counts of a report row: tickets resolved, of them rated, good and bad. */
export type CsatCounts = { resolved: number; rated: number; good: number; bad: number };
