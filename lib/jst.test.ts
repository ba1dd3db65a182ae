import { describe, expect, it } from "vitest";
import { formatJst, formatJstDateTime, jstDay, jstDayAsUtcDate, jstDayStart, jstTime, jstYear, parseJstDateTime } from "@/lib/jst";

// 2026-12-31T15:30Z is already 00:30 on New Year's Day in Japan: the day, the year and the clock
// must all be Japan's, whatever zone the test machine runs in.
const NEW_YEAR = new Date("2026-12-31T15:30:00Z");

describe("Japan time", () => {
  it("reads the day, the year and the clock in Japan, not in UTC", () => {
    expect(jstDay(NEW_YEAR)).toBe("2027-01-01");
    expect(jstYear(NEW_YEAR)).toBe(2027);
    expect(jstTime(NEW_YEAR)).toBe("00:30");
    expect(jstDayAsUtcDate(NEW_YEAR).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(jstDayStart("2027-01-01").toISOString()).toBe("2026-12-31T15:00:00.000Z");
  });

  it("round-trips datetime-local values and rejects dates that do not exist", () => {
    expect(formatJstDateTime(NEW_YEAR)).toBe("2027-01-01T00:30");
    expect(parseJstDateTime("2027-01-01T00:30")?.toISOString()).toBe(NEW_YEAR.toISOString());
    expect(parseJstDateTime("2026-11-25T09:30:15")?.toISOString()).toBe("2026-11-25T00:30:15.000Z");
    expect(parseJstDateTime("2026-02-31T10:00")).toBeNull();
    expect(parseJstDateTime("2026-11-25 09:30")).toBeNull();
  });

  it("formats for people in Japan time, in their language", () => {
    expect(formatJst(NEW_YEAR, "ja", { year: "numeric", month: "numeric", day: "numeric" })).toBe("2027/1/1");
    expect(formatJst(NEW_YEAR, "en", { hour: "2-digit", minute: "2-digit", hour12: false })).toBe("00:30");
  });
});
