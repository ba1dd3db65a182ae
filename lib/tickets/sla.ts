// A ticket's service levels (issue 13, decision 0028): the one place that writes its due times. Every
// use case that creates a ticket, changes its priority or status, or sends the first public reply
// calls applySla in its own transaction, after its own change; applySla then brings the SLA columns in
// line with the row as it now stands, on the SLA clock (lib/clock.ts).
import "server-only";
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from "@/lib/business-time";
import { now as clockNow } from "@/lib/clock";
import { findSlaTargets, getBusinessCalendar } from "@/lib/data/business-calendar";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketPriority, TicketStatus } from "@/lib/tickets/workflow";

type Tx = Prisma.TransactionClient;

/**
 * What happened: "created" and "priority" (re)compute the targets; "first-reply" records the first
 * public staff reply; "status" pauses or resumes the clock. Any of them also settles the pause state,
 * so a call after any change is never wrong, only sometimes unnecessary.
 */
export type SlaChange = "created" | "priority" | "status" | "first-reply";

/** The clock stands still while the ticket waits on the requester, and once it is resolved or closed. */
export const SLA_STOPPED: readonly TicketStatus[] = ["waiting", "resolved", "closed"];

/** slaDueAt when no due time runs (decision 0028: the keyset sort needs no NULLs). */
export const NO_DUE = new Date("9999-12-31T00:00:00Z");

type SlaRow = {
  status: TicketStatus;
  priority: TicketPriority;
  guideId: string | null;
  createdAt: Date;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaPausedAt: Date | null;
  firstRespondedAt: Date | null;
  slaPausedMinutes: number;
};

/** The due time that runs next: the first response until answered, then resolution; none while stopped. */
export function nextDue(t: Pick<SlaRow, "firstResponseDueAt" | "resolutionDueAt" | "firstRespondedAt" | "slaPausedAt">): Date | null {
  if (t.slaPausedAt) return null;
  if (!t.firstRespondedAt && t.firstResponseDueAt) return t.firstResponseDueAt;
  return t.resolutionDueAt;
}

/** Pushes a due time that was still ahead when the pause began by the pause's business minutes. */
function pushed(due: Date | null, pausedAt: Date, minutes: number, calendar: BusinessCalendar): Date | null {
  if (!due || due.getTime() <= pausedAt.getTime() || minutes <= 0) return due;
  return addBusinessMinutes(due, minutes, calendar);
}

/** `at` replaces the SLA clock's now for a ticket created with a past time (seed, imports). */
export async function applySla(tx: Tx, ticketId: string, change: SlaChange, at?: Date): Promise<void> {
  const t: SlaRow = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      status: true,
      priority: true,
      guideId: true,
      createdAt: true,
      firstResponseDueAt: true,
      resolutionDueAt: true,
      slaPausedAt: true,
      firstRespondedAt: true,
      slaPausedMinutes: true,
    },
  });
  const now = at ?? clockNow();
  const calendar = await getBusinessCalendar(tx);
  const data: Prisma.TicketUpdateInput = {};
  const next = { ...t };

  if (change === "created" || change === "priority") {
    const targets = await findSlaTargets(tx, t.priority, t.guideId);
    // A new ticket starts now on the SLA clock. A changed priority counts from the ticket's creation,
    // plus the business time it has waited so far, as if it had had this priority from the start;
    // a target already met or missed stays as it was.
    const start = change === "created" ? now : t.createdAt;
    const waited = change === "created" ? 0 : t.slaPausedMinutes + (t.slaPausedAt ? businessMinutesBetween(t.slaPausedAt, now, calendar) : 0);
    const due = (minutes: number | null) => (minutes === null ? null : addBusinessMinutes(start, minutes + waited, calendar));
    data.firstResponseTargetMinutes = targets.firstResponseMinutes;
    data.resolutionTargetMinutes = targets.resolutionMinutes;
    if (!t.firstRespondedAt) next.firstResponseDueAt = due(targets.firstResponseMinutes);
    if (t.status !== "resolved" && t.status !== "closed") next.resolutionDueAt = due(targets.resolutionMinutes);
    // A paused ticket's due times are pushed when it resumes, by the whole pause; computed from the
    // start plus what it waited so far, they would be pushed twice: count the running pause from now.
    if (t.slaPausedAt && change === "priority") {
      next.slaPausedMinutes = t.slaPausedMinutes + Math.round(businessMinutesBetween(t.slaPausedAt, now, calendar));
      next.slaPausedAt = now;
    }
  }

  if (change === "first-reply" && !t.firstRespondedAt) next.firstRespondedAt = now;

  const stopped = SLA_STOPPED.includes(t.status);
  if (stopped && !next.slaPausedAt) next.slaPausedAt = now;
  if (!stopped && next.slaPausedAt) {
    const paused = Math.max(0, businessMinutesBetween(next.slaPausedAt, now, calendar));
    next.firstResponseDueAt = next.firstRespondedAt ? next.firstResponseDueAt : pushed(next.firstResponseDueAt, next.slaPausedAt, paused, calendar);
    next.resolutionDueAt = pushed(next.resolutionDueAt, next.slaPausedAt, paused, calendar);
    next.slaPausedMinutes += Math.round(paused);
    next.slaPausedAt = null;
  }

  Object.assign(data, {
    firstResponseDueAt: next.firstResponseDueAt,
    resolutionDueAt: next.resolutionDueAt,
    slaPausedAt: next.slaPausedAt,
    firstRespondedAt: next.firstRespondedAt,
    slaPausedMinutes: next.slaPausedMinutes,
    slaDueAt: nextDue(next) ?? NO_DUE,
  });
  await tx.ticket.update({ where: { id: ticketId }, data });
}

/**
 * The SLA columns of a ticket created now with these targets: what applySla(tx, id, "created") writes
 * for a new ticket (status new, nothing paused, nothing answered), computed before the insert so that
 * the intake writes its ticket in one statement (docs/decisions/0035-intake-throughput.md).
 * lib/intake/statements.test.ts holds the two to the same result.
 */
export function newTicketSla(targets: { firstResponseMinutes: number | null; resolutionMinutes: number | null }, calendar: BusinessCalendar, start: Date) {
  const due = (minutes: number | null) => (minutes === null ? null : addBusinessMinutes(start, minutes, calendar));
  const firstResponseDueAt = due(targets.firstResponseMinutes);
  const resolutionDueAt = due(targets.resolutionMinutes);
  return {
    firstResponseTargetMinutes: targets.firstResponseMinutes,
    resolutionTargetMinutes: targets.resolutionMinutes,
    firstResponseDueAt,
    resolutionDueAt,
    slaDueAt: nextDue({ firstResponseDueAt, resolutionDueAt, firstRespondedAt: null, slaPausedAt: null }) ?? NO_DUE,
  };
}
