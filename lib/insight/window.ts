// The window every insight report is computed over: whole Japan days, the same for every number
// on a page (issue 13: "ratios computed over the same window").
import { jstDay, jstDayStart } from "@/lib/jst";

export const REPORT_WINDOWS = [7, 30, 90] as const;
export type ReportDays = (typeof REPORT_WINDOWS)[number];

export type ReportWindow = {
  days: ReportDays;
  /** First and last Japan day, inclusive ("2026-11-01"). */
  fromDay: string;
  toDay: string;
  /** The instant fromDay starts, and `now` (the end). */
  start: Date;
  end: Date;
};

export function parseReportDays(value: unknown): ReportDays {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return (REPORT_WINDOWS as readonly number[]).includes(n) ? (n as ReportDays) : 30;
}

/** The last `days` Japan days up to and including today. */
export function reportWindow(days: ReportDays, now: Date = new Date()): ReportWindow {
  const toDay = jstDay(now);
  const fromDay = jstDay(new Date(jstDayStart(toDay).getTime() - (days - 1) * 86_400_000 + 3_600_000));
  return { days, fromDay, toDay, start: jstDayStart(fromDay), end: now };
}

/** part ÷ whole, or null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function formatRate(value: number | null): string {
  return value == null ? "—" : `${Math.round(value * 1000) / 10}%`;
}
