// Business time (issue 13, decision 0028): the help desk's opening hours per weekday in Japan time,
// Japanese public holidays and the closure days admins add. Pure: no database, no clock.
import holidayJp from "@holiday-jp/holiday_jp";
import { jstDay, jstDayStart } from "@/lib/jst";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** [opens, closes) in minutes after midnight Japan time, e.g. [510, 1035] = 8:30–17:15. */
export type OpeningHours = readonly [number, number];

export type BusinessCalendar = {
  hours: Partial<Record<Weekday, OpeningHours>>;
  /** Japan days ("2026-12-29") closed besides weekends and public holidays. */
  closures: ReadonlySet<string>;
  /** Whether a Japan day is a public holiday; the real list unless a test says otherwise. */
  isHoliday?: (day: string) => boolean;
};

/** Mon–Fri 8:30–17:15, the hours the issue names; the migration stores the same. */
export const DEFAULT_HOURS: BusinessCalendar["hours"] = { 1: [510, 1035], 2: [510, 1035], 3: [510, 1035], 4: [510, 1035], 5: [510, 1035] };

// The package's table is keyed by "YYYY-MM-DD" Japan days; reading it directly avoids its Date
// helpers, which use the server's local zone.
const HOLIDAYS: Record<string, { name: string; name_en: string }> = holidayJp.holidays;

/** A Japan day is a public holiday (振替休日 and 国民の休日 included) by @holiday-jp/holiday_jp. */
export function isJapaneseHoliday(day: string): boolean {
  return Object.hasOwn(HOLIDAYS, day);
}

/** Public holidays from `from` (a Japan day) on, at most `count`, for the admin's reference. */
export function upcomingHolidays(from: string, count: number): { day: string; name: string }[] {
  return Object.keys(HOLIDAYS)
    .filter((day) => day >= from)
    .sort()
    .slice(0, count)
    .map((day) => ({ day, name: HOLIDAYS[day].name }));
}

export function weekdayOf(day: string): Weekday {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (w === 0 ? 7 : w) as Weekday;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Why a Japan day is closed, or null when it has opening hours. */
export function closedReason(day: string, calendar: BusinessCalendar): "closure" | "holiday" | "weekday" | null {
  if (calendar.closures.has(day)) return "closure";
  if ((calendar.isHoliday ?? isJapaneseHoliday)(day)) return "holiday";
  if (!calendar.hours[weekdayOf(day)]) return "weekday";
  return null;
}

/** The open interval of a Japan day in epoch milliseconds, or null when the desk is closed that day. */
export function openInterval(day: string, calendar: BusinessCalendar): [number, number] | null {
  if (closedReason(day, calendar)) return null;
  const [opens, closes] = calendar.hours[weekdayOf(day)]!;
  if (closes <= opens) return null;
  const start = jstDayStart(day).getTime();
  return [start + opens * 60_000, start + closes * 60_000];
}

export { jstDay };
