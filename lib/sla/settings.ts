// Changing the business calendar and the SLA policies (issue 13, decision 0028). The callers check
// the actor (requireAdmin) on their first line. Due times already on tickets stay as computed: a
// changed calendar or policy applies to what happens next (a new ticket, a priority change, a resume).
import "server-only";
import type { OpeningHours, Weekday } from "@/lib/business-time";
import { db } from "@/lib/db";
import { CALENDAR_ID } from "@/lib/data/business-calendar";
import type { TicketPriority } from "@/lib/tickets/workflow";

type Actor = { email: string };

export async function saveCalendarHours(actor: Actor, hours: Partial<Record<Weekday, OpeningHours>>, warningMinutes: number) {
  const data = { hours: hours as Record<string, [number, number]>, slaWarningMinutes: warningMinutes, updatedBy: actor.email };
  await db().businessCalendar.upsert({ where: { id: CALENDAR_ID }, create: { id: CALENDAR_ID, ...data }, update: data });
}

/** Adds a closure day, or renames it when it is already there. */
export async function addClosureDay(actor: Actor, day: string, label: string) {
  const date = new Date(`${day}T00:00:00Z`);
  await db().closureDay.upsert({ where: { day: date }, create: { day: date, label, createdBy: actor.email }, update: { label } });
}

/** False when there was no such closure day (removed meanwhile). */
export async function removeClosureDay(_actor: Actor, day: string): Promise<boolean> {
  const { count } = await db().closureDay.deleteMany({ where: { day: new Date(`${day}T00:00:00Z`) } });
  return count > 0;
}

export type PolicyTargets = { priority: TicketPriority; guideId: string; firstResponseMinutes: number | null; resolutionMinutes: number | null };

/** Writes the given rows (defaults and guide overrides) in one transaction. */
export async function saveSlaPolicies(actor: Actor, rows: PolicyTargets[]) {
  await db().$transaction(async (tx) => {
    for (const r of rows) {
      const data = { firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes, updatedBy: actor.email };
      await tx.slaPolicy.upsert({
        where: { priority_guideId: { priority: r.priority, guideId: r.guideId } },
        create: { priority: r.priority, guideId: r.guideId, ...data },
        update: data,
      });
    }
  });
}

/** A guide's override goes; its tickets fall back to the default policy from their next change. */
export async function removeSlaOverride(_actor: Actor, priority: TicketPriority, guideId: string): Promise<boolean> {
  if (!guideId) return false;
  const { count } = await db().slaPolicy.deleteMany({ where: { priority, guideId } });
  return count > 0;
}
