// How a due time reads for staff (issue 13): running, due soon (within the warning lead), breached, or
// standing still. The list's badge and the ticket page's panel say the same thing from here.
export type SlaState = "none" | "paused" | "ok" | "soon" | "breached";

/** NO_DUE of lib/tickets/sla.ts: a slaDueAt at or past this year is "no due time". */
const NO_DUE_YEAR = 9999;

export function slaState(due: Date | null, pausedAt: Date | null, now: Date, warningMinutes: number): SlaState {
  if (pausedAt) return "paused";
  if (!due || due.getUTCFullYear() >= NO_DUE_YEAR) return "none";
  const left = due.getTime() - now.getTime();
  if (left < 0) return "breached";
  return left <= warningMinutes * 60_000 ? "soon" : "ok";
}

export const SLA_STATE_LABEL: Record<SlaState, string> = {
  none: "期限なし",
  paused: "一時停止",
  ok: "期限内",
  soon: "期限間近",
  breached: "期限超過",
};

/**
 * The state of a ticket's next due time. The clock also stands still once a ticket is resolved or
 * closed (lib/tickets/sla.ts), but that is no "pause" to staff: such a ticket has no running due time.
 */
export function ticketSlaState(t: { status: string; slaDueAt: Date | null; slaPausedAt: Date | null }, now: Date, warningMinutes: number): SlaState {
  if (t.status === "resolved" || t.status === "closed") return "none";
  return slaState(t.slaDueAt, t.slaPausedAt, now, warningMinutes);
}
