// Japan time, where the help desk works, whatever the server's zone. Japan has had no daylight
// saving since 1951, so a fixed +9 h is exact; one module so the offset and the zone name live once.

export const JST_TIME_ZONE = "Asia/Tokyo";
const OFFSET_MS = 9 * 3_600_000;

/** The wall clock in Japan, read through the UTC getters of the returned Date. */
function shifted(date: Date): Date {
  return new Date(date.getTime() + OFFSET_MS);
}

/** The calendar day in Japan: "2026-11-25". */
export function jstDay(date: Date): string {
  return shifted(date).toISOString().slice(0, 10);
}

/** The calendar year in Japan (a reference's year turns at midnight in Japan, not in UTC). */
export function jstYear(date: Date): number {
  return shifted(date).getUTCFullYear();
}

/** The calendar day in Japan as UTC midnight, the form a DATE column takes. */
export function jstDayAsUtcDate(date: Date): Date {
  return new Date(`${jstDay(date)}T00:00:00Z`);
}

/** The instant a Japan day ("2026-11-25") starts. */
export function jstDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** An instant as a datetime-local value in Japan time: "2026-11-25T09:30". */
export function formatJstDateTime(date: Date): string {
  return shifted(date).toISOString().slice(0, 16);
}

/** "2026-11-25T09:30" (seconds optional) typed in Japan time, as an instant; null when it is no real time. */
export function parseJstDateTime(value: string): Date | null {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS);
  // Date.UTC rolls 2026-02-31 over into March: reject what does not read back the same.
  return formatJstDateTime(date) === value.slice(0, 16) ? date : null;
}

/** HH:MM in Japan time. */
export function jstTime(date: Date): string {
  return formatJstDateTime(date).slice(11, 16);
}

/** Intl formatting in Japan time, in the reader's language. */
export function formatJst(date: Date, locale: "ja" | "en", options: Omit<Intl.DateTimeFormatOptions, "timeZone">): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { ...options, timeZone: JST_TIME_ZONE }).format(date);
}
