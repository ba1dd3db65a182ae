// Durations in business time (issue 13, decision 0028): adding and measuring minutes counts only the
// help desk's open hours, skipping weekends, public holidays, closure days and the given pauses.
import { jstDay, nextDay, openInterval, type BusinessCalendar } from "@/lib/business-time/calendar";

export * from "@/lib/business-time/calendar";

/** A span of time excluded from business time (the ticket waited on the requester). */
export type Pause = { from: Date; to: Date };

type Span = [number, number];

// A calendar with no open weekday, or closed for years, has no answer; ten years bounds the search.
const MAX_DAYS = 3660;

function mergedPauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses.map((p) => [p.from.getTime(), p.to.getTime()] as Span).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** [start, end) minus the pauses (sorted and merged). */
function withoutPauses([start, end]: Span, pauses: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = start;
  for (const [from, to] of pauses) {
    if (to <= cursor) continue;
    if (from >= end) break;
    if (from > cursor) out.push([cursor, from]);
    cursor = Math.max(cursor, to);
  }
  if (cursor < end) out.push([cursor, end]);
  return out;
}

/** The open spans from `from` on, in order, each clipped to start no earlier than `from`. */
function* openSpans(from: number, calendar: BusinessCalendar, pauses: readonly Span[], until = Infinity): Generator<Span> {
  let day = jstDay(new Date(from));
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const open = openInterval(day, calendar);
    if (open) {
      if (open[0] >= until) return;
      const start = Math.max(open[0], from);
      if (start < open[1]) yield* withoutPauses([start, Math.min(open[1], until)], pauses);
    } else if (Date.parse(`${day}T00:00:00+09:00`) >= until) {
      return;
    }
  }
  if (until === Infinity) throw new RangeError("the business calendar has no open time within ten years");
}

/**
 * The instant `minutes` business minutes after `start`. It always lies in open time (at the latest
 * the closing time of its day): a ticket due "4 hours" after Friday 17:00 is due on Monday morning.
 * Zero minutes is `start` itself.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar, pauses: readonly Pause[] = []): Date {
  if (minutes <= 0) return new Date(start);
  let left = Math.round(minutes * 60_000);
  for (const [from, to] of openSpans(start.getTime(), calendar, mergedPauses(pauses))) {
    if (to - from >= left) return new Date(from + left);
    left -= to - from;
  }
  throw new RangeError("unreachable: openSpans ends only by throwing");
}

/** Business minutes from `a` to `b` (negative when `b` is before `a`), without the pauses. */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar, pauses: readonly Pause[] = []): number {
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(b, a, calendar, pauses);
  let ms = 0;
  for (const [from, to] of openSpans(a.getTime(), calendar, mergedPauses(pauses), b.getTime())) ms += to - from;
  return ms / 60_000;
}
