// The business calendar and SLA policies as stored (issue 13, decision 0028): opening hours and the
// warning lead in BusinessCalendar ("default", made by the migration), closure days, policies per
// priority with optional per-guide overrides. Reads take an optional transaction so that a due time is
// computed from the calendar of the moment it is written.
import "server-only";
import { DEFAULT_HOURS, type BusinessCalendar, type OpeningHours, type Weekday } from "@/lib/business-time";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketPriority } from "@/lib/tickets/workflow";
import { parseStoredHours } from "@/lib/validation/business-calendar";

type Reader = Prisma.TransactionClient;
export const CALENDAR_ID = "default";
export const DEFAULT_WARNING_MINUTES = 60;

export type CalendarSettings = { hours: Partial<Record<Weekday, OpeningHours>>; warningMinutes: number };

export async function getCalendarSettings(tx: Reader = db()): Promise<CalendarSettings> {
  const row = await tx.businessCalendar.findUnique({ where: { id: CALENDAR_ID }, select: { hours: true, slaWarningMinutes: true } });
  if (!row) return { hours: DEFAULT_HOURS, warningMinutes: DEFAULT_WARNING_MINUTES };
  return { hours: parseStoredHours(row.hours) ?? DEFAULT_HOURS, warningMinutes: row.slaWarningMinutes };
}

/** How many minutes before a due time a ticket counts as due soon (the queue's warning uses it too). */
export async function getSlaWarningMinutes(tx: Reader = db()): Promise<number> {
  return (await getCalendarSettings(tx)).warningMinutes;
}

export type ClosureDayRow = { day: string; label: string };

export async function listClosureDays(tx: Reader = db()): Promise<ClosureDayRow[]> {
  const rows = await tx.closureDay.findMany({ orderBy: { day: "asc" }, select: { day: true, label: true } });
  return rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), label: r.label }));
}

/** The calendar business time is computed on: hours, closure days and (built in) public holidays. */
export async function getBusinessCalendar(tx: Reader = db()): Promise<BusinessCalendar> {
  const [{ hours }, closures] = await Promise.all([getCalendarSettings(tx), listClosureDays(tx)]);
  return { hours, closures: new Set(closures.map((c) => c.day)) };
}

export type SlaPolicyRow = { priority: TicketPriority; guideId: string; firstResponseMinutes: number | null; resolutionMinutes: number | null };

export async function listSlaPolicies(tx: Reader = db()): Promise<SlaPolicyRow[]> {
  return tx.slaPolicy.findMany({
    orderBy: [{ guideId: "asc" }, { priority: "desc" }],
    select: { priority: true, guideId: true, firstResponseMinutes: true, resolutionMinutes: true },
  });
}

/** The targets for a ticket: the guide's override for its priority, else the default; none without a row. */
export async function findSlaTargets(tx: Reader, priority: TicketPriority, guideId: string | null) {
  const rows = await tx.slaPolicy.findMany({
    where: { priority, guideId: { in: guideId ? [guideId, ""] : [""] } },
    select: { guideId: true, firstResponseMinutes: true, resolutionMinutes: true },
  });
  const row = rows.find((r) => r.guideId !== "") ?? rows[0];
  return { firstResponseMinutes: row?.firstResponseMinutes ?? null, resolutionMinutes: row?.resolutionMinutes ?? null };
}
