import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  closedReason,
  DEFAULT_HOURS,
  isJapaneseHoliday,
  openInterval,
  upcomingHolidays,
  type BusinessCalendar,
} from "@/lib/business-time";
import { jstDay } from "@/lib/jst";

const jst = (local: string) => new Date(`${local}+09:00`);
const desk: BusinessCalendar = { hours: DEFAULT_HOURS, closures: new Set() };
// 年末年始 as a university closes it: 29 December to 3 January (1–3 January are holidays anyway only in part).
const yearEnd: BusinessCalendar = { hours: DEFAULT_HOURS, closures: new Set(["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-02", "2027-01-03"]) };

describe("business time, fixed examples", () => {
  it("carries a Friday evening ticket over the weekend", () => {
    // 2026-11-27 is a Friday. 15 minutes are left that day, the other 3 h 45 min run from Monday 8:30.
    expect(addBusinessMinutes(jst("2026-11-27T17:00:00"), 240, desk)).toEqual(jst("2026-11-30T12:15:00"));
    expect(addBusinessMinutes(jst("2026-11-27T16:30:00"), 240, desk)).toEqual(jst("2026-11-30T11:45:00"));
    expect(businessMinutesBetween(jst("2026-11-27T17:00:00"), jst("2026-11-30T12:15:00"), desk)).toBe(240);
  });

  it("starts counting at opening time when a ticket comes in at night", () => {
    expect(addBusinessMinutes(jst("2026-11-25T23:00:00"), 60, desk)).toEqual(jst("2026-11-26T09:30:00"));
    expect(businessMinutesBetween(jst("2026-11-25T17:15:00"), jst("2026-11-26T08:30:00"), desk)).toBe(0);
  });

  it("skips Golden Week", () => {
    // 2027: 29 April (Thu) 昭和の日; 3–5 May (Mon–Wed) 憲法記念日, みどりの日, こどもの日.
    expect(isJapaneseHoliday("2027-04-29")).toBe(true);
    expect(isJapaneseHoliday("2027-05-04")).toBe(true);
    expect(isJapaneseHoliday("2027-05-06")).toBe(false);
    // Wednesday 28 April 16:15 + 2 h: one hour that day, then Friday 30 April 8:30–9:30.
    expect(addBusinessMinutes(jst("2027-04-28T16:15:00"), 120, desk)).toEqual(jst("2027-04-30T09:30:00"));
    // Friday 30 April 17:00 + 1 h: 15 minutes, then Thursday 6 May.
    expect(addBusinessMinutes(jst("2027-04-30T17:00:00"), 60, desk)).toEqual(jst("2027-05-06T09:15:00"));
    expect(closedReason("2027-05-04", desk)).toBe("holiday");
  });

  it("skips the 年末年始 closure the admin added, and New Year's Day", () => {
    // Monday 28 December 2026 17:00 + 1 h: closed 29 Dec – 3 Jan (1 Jan a holiday), open Monday 4 January.
    expect(addBusinessMinutes(jst("2026-12-28T17:00:00"), 60, yearEnd)).toEqual(jst("2027-01-04T09:15:00"));
    expect(addBusinessMinutes(jst("2026-12-28T17:00:00"), 60, desk)).toEqual(jst("2026-12-29T09:15:00"));
    expect(closedReason("2026-12-30", yearEnd)).toBe("closure");
    expect(closedReason("2027-01-01", yearEnd)).toBe("holiday");
  });

  it("leaves out pauses", () => {
    const pause = { from: jst("2026-11-25T10:00:00"), to: jst("2026-11-26T10:00:00") };
    // Wednesday 9:00 + 2 h: 9:00–10:00, paused until Thursday 10:00, then 10:00–11:00.
    expect(addBusinessMinutes(jst("2026-11-25T09:00:00"), 120, desk, [pause])).toEqual(jst("2026-11-26T11:00:00"));
    expect(businessMinutesBetween(jst("2026-11-25T09:00:00"), jst("2026-11-26T11:00:00"), desk, [pause])).toBe(120);
  });

  it("measures backwards as negative minutes, and lists the next holidays", () => {
    expect(businessMinutesBetween(jst("2026-11-26T10:00:00"), jst("2026-11-26T09:00:00"), desk)).toBe(-60);
    expect(upcomingHolidays("2026-12-01", 2)).toEqual([
      { day: "2027-01-01", name: "元日" },
      { day: "2027-01-11", name: "成人の日" },
    ]);
  });

  it("refuses a calendar with no open time instead of looping", () => {
    expect(() => addBusinessMinutes(jst("2026-11-25T09:00:00"), 60, { hours: {}, closures: new Set() })).toThrow(RangeError);
  });
});

// Instants between 2026 and 2029 at minute precision, calendars with random hours, closures and pauses.
const MINUTE = 60_000;
const FROM = Date.parse("2026-01-01T00:00:00+09:00");
const instant = fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }).map((m) => new Date(FROM + m * MINUTE));
const hours = fc
  .tuple(fc.integer({ min: 0, max: 20 * 60 }), fc.integer({ min: 4 * 60, max: 12 * 60 }))
  .map(([opens, length]) => [opens, Math.min(opens + length, 24 * 60)] as const);
const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    hours,
    closures: fc.array(instant.map((d) => jstDay(d)), { maxLength: 30 }),
  })
  .map(({ days, hours: h, closures }) => ({ hours: Object.fromEntries(days.map((d) => [d, h])), closures: new Set(closures) }));
const pauses = fc.array(
  fc.tuple(instant, fc.integer({ min: 1, max: 7 * 24 * 60 })).map(([from, m]) => ({ from, to: new Date(from.getTime() + m * MINUTE) })),
  { maxLength: 4 },
);
// Up to about a month of a full-time desk; a calendar open four hours a week still answers within two years.
const minutes = fc.integer({ min: 1, max: 10_000 });

function isOpen(at: Date, cal: BusinessCalendar): boolean {
  // At the closing minute itself a due time is still "within" that day's hours.
  const open = openInterval(jstDay(new Date(at.getTime() - 1)), cal);
  return open !== null && at.getTime() > open[0] && at.getTime() <= open[1];
}

describe("business time, properties", () => {
  it("measuring what was added gives back the minutes", () => {
    fc.assert(
      fc.property(instant, minutes, calendar, pauses, (start, m, cal, ps) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, m, cal, ps), cal, ps)).toBe(m);
      }),
    );
  });

  it("is monotonic: more minutes never end earlier, a later end never measures less", () => {
    fc.assert(
      fc.property(instant, minutes, minutes, calendar, (start, a, b, cal) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const early = addBusinessMinutes(start, lo, cal);
        const late = addBusinessMinutes(start, hi, cal);
        expect(early.getTime()).toBeLessThanOrEqual(late.getTime());
        expect(businessMinutesBetween(start, early, cal)).toBeLessThanOrEqual(businessMinutesBetween(start, late, cal));
      }),
    );
  });

  it("never lands in closed time or inside a pause", () => {
    fc.assert(
      fc.property(instant, minutes, calendar, pauses, (start, m, cal, ps) => {
        const due = addBusinessMinutes(start, m, cal, ps);
        expect(isOpen(due, cal)).toBe(true);
        for (const p of ps) expect(due.getTime() > p.from.getTime() && due.getTime() <= p.to.getTime() && due.getTime() !== p.to.getTime()).toBe(false);
      }),
    );
  });

  it("counts nothing on weekends, holidays and closure days", () => {
    fc.assert(
      fc.property(instant, calendar, (at, cal) => {
        const day = jstDay(at);
        const start = new Date(`${day}T00:00:00+09:00`);
        const end = new Date(start.getTime() + 24 * 60 * MINUTE);
        const closed = closedReason(day, cal) !== null;
        const measured = businessMinutesBetween(start, end, cal);
        if (closed) expect(measured).toBe(0);
        else {
          const [opens, closes] = cal.hours[new Date(`${day}T00:00:00Z`).getUTCDay() === 0 ? 7 : (new Date(`${day}T00:00:00Z`).getUTCDay() as 1)]!;
          expect(measured).toBe(closes - opens);
        }
      }),
    );
  });

  it("leaves out exactly the business time of the pauses", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * 24 * 30 }), calendar, pauses, (a, span, cal, ps) => {
        const b = new Date(a.getTime() + span * MINUTE);
        // Disjoint pauses: overlapping ones would count their overlap twice in the sum below.
        const disjoint = ps
          .sort((x, y) => x.from.getTime() - y.from.getTime())
          .filter((p, i, all) => i === 0 || p.from.getTime() >= all[i - 1].to.getTime());
        const inside = disjoint.reduce((sum, p) => {
          const from = new Date(Math.max(p.from.getTime(), a.getTime()));
          const to = new Date(Math.min(p.to.getTime(), b.getTime()));
          return sum + Math.max(0, businessMinutesBetween(from, to, cal));
        }, 0);
        expect(businessMinutesBetween(a, b, cal, disjoint)).toBeCloseTo(businessMinutesBetween(a, b, cal) - inside, 6);
      }),
    );
  });
});
