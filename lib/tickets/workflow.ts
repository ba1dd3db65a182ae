// The ticket workflow: which status may follow which, what a requester may do, and when a ticket
// reopens. Every use case in lib/tickets/ asks here; nothing else encodes these rules.
import { TICKET_STATUS } from "@/lib/ticket-fields";

export type TicketStatus = (typeof TICKET_STATUS.values)[number];
export type TicketPriority = "low" | "normal" | "high" | "urgent";

// new → open → waiting → resolved → closed; resolved and closed can be reopened.
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "waiting", "resolved", "closed"],
  open: ["waiting", "resolved", "closed"],
  waiting: ["open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: ["open"],
};

export const allowedTransitions = (from: TicketStatus): readonly TicketStatus[] => TRANSITIONS[from];
export const canTransition = (from: TicketStatus, to: TicketStatus) => TRANSITIONS[from].includes(to);

/** Statuses on which the requester can still write; a closed ticket asks for a new request. */
export const REQUESTER_CAN_WRITE = ["new", "open", "waiting", "resolved"] as const;
export const requesterCanWrite = (status: string) => (REQUESTER_CAN_WRITE as readonly string[]).includes(status);

/**
 * The reopen rule: a requester's message on a ticket that waits for them, or that staff think is
 * resolved, puts it back in the queue (a closed ticket takes no messages: REQUESTER_CAN_WRITE).
 */
export function statusAfterRequesterMessage(status: TicketStatus): TicketStatus {
  return status === "waiting" || status === "resolved" ? "open" : status;
}

/** Timestamps a status change sets or clears. A reopened ticket is unresolved again. */
export function statusTimestamps(from: TicketStatus, to: TicketStatus, now: Date) {
  const data: { resolvedAt?: Date | null; closedAt?: Date | null } = {};
  if (to === "resolved") data.resolvedAt = now;
  if (to === "closed") data.closedAt = now;
  if (to === "open" && (from === "resolved" || from === "closed")) {
    data.resolvedAt = null;
    data.closedAt = null;
  }
  return data;
}
