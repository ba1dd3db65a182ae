import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { incidentHints, medianResponseTimes, newTicketsPerDay } from "@/lib/data/dashboard";
import { createTicket } from "@/lib/testing/factories";

// Each test works in its own moment in the past, so tickets made by tests running in parallel
// never fall into its windows.
function pastMoment() {
  const year = 1980 + Math.floor(Math.random() * 40);
  return new Date(Date.UTC(year, Math.floor(Math.random() * 12), 10 + Math.floor(Math.random() * 10), 3, 0, 0));
}
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describe("dashboard", () => {
  it("takes medians of first-response and resolution times from the duration histogram", async () => {
    const now = pastMoment();
    const at = minutes(now, -600);
    // Below an hour the buckets are whole minutes, so these medians are exact.
    for (const [first, resolved] of [[10, 30], [20, null], [50, 50]] as const) {
      await createTicket({ createdAt: at, firstResponseAt: minutes(at, first), resolvedAt: resolved ? minutes(at, resolved) : null });
    }
    await createTicket({ createdAt: at }); // no response yet: not counted
    const times = await medianResponseTimes(30, now);
    expect(times).toMatchObject({ firstResponseSeconds: 20 * 60, resolutionSeconds: 40 * 60 });
    // Per Japan day of creation too, with days without answered tickets as null.
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(at);
    expect(times.perDay).toHaveLength(30);
    expect(times.perDay.find((d) => d.day === day)).toEqual({ day, firstResponseSeconds: 20 * 60, resolutionSeconds: 40 * 60 });
    expect(times.perDay.filter((d) => d.day !== day).every((d) => d.firstResponseSeconds === null && d.resolutionSeconds === null)).toBe(true);
  });

  it("gives percentile_cont's median of the bucketed durations, per day and over the window, for odd and even counts", async () => {
    const now = pastMoment();
    let seed = now.getTime() % 9973;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    // Three days; the third with an even number of answered tickets, so its median interpolates.
    for (const [daysAgo, count] of [[0, 7], [1, 5], [2, 4]] as const) {
      for (let i = 0; i < count; i++) {
        const createdAt = minutes(now, -daysAgo * 1440 - 60 - i);
        await createTicket({ createdAt, firstResponseAt: minutes(createdAt, 1 + next() * 3000), resolvedAt: next() < 0.7 ? minutes(createdAt, 10 + next() * 20000) : null });
      }
    }
    const times = await medianResponseTimes(3, now);
    const expected = async (kind: "firstResponseAt" | "resolvedAt", from: number, to: number) => {
      const rows = await db().$queryRawUnsafe<{ m: number | null }[]>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY tebiki_duration_bucket(extract(epoch FROM "${kind}" - "createdAt")::float8)) AS "m"
         FROM "Ticket" WHERE "${kind}" IS NOT NULL AND ("createdAt" AT TIME ZONE 'Asia/Tokyo')::date BETWEEN $1::date AND $2::date`,
        times.perDay[from].day,
        times.perDay[to].day,
      );
      return rows[0].m;
    };
    expect(times.firstResponseSeconds).toBe(await expected("firstResponseAt", 0, 2));
    expect(times.resolutionSeconds).toBe(await expected("resolvedAt", 0, 2));
    for (const i of [0, 1, 2]) {
      expect(times.perDay[i].firstResponseSeconds, times.perDay[i].day).toBe(await expected("firstResponseAt", i, i));
      expect(times.perDay[i].resolutionSeconds, times.perDay[i].day).toBe(await expected("resolvedAt", i, i));
    }
  });

  it("counts new tickets per Japan day with empty days as zero", async () => {
    const now = pastMoment();
    await createTicket({ createdAt: minutes(now, -5) });
    await createTicket({ createdAt: minutes(now, -10) });
    const days = await newTicketsPerDay(7, now);
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ day: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(now), count: 2 });
    expect(days.slice(0, -1).every((d) => d.count === 0)).toBe(true);
  });

  it("proposes an incident when enough tickets share message and network within 30 minutes", async () => {
    const now = pastMoment();
    for (let i = 0; i < 5; i++) await createTicket({ answers: { messageShown: "cert-invalid-no-otp", network: "eduroam" }, createdAt: minutes(now, -i * 5) });
    for (let i = 0; i < 4; i++) await createTicket({ answers: { messageShown: "auth-failed", network: "eduroam" }, createdAt: minutes(now, -i * 5) });
    // Outside the window: does not count towards the hint.
    await createTicket({ answers: { messageShown: "auth-failed", network: "eduroam" }, createdAt: minutes(now, -45) });

    const hints = await incidentHints(now, 5);
    expect(hints.map((h) => [h.answers.messageShown, h.answers.network, h.count])).toEqual([["cert-invalid-no-otp", "eduroam", 5]]);
    expect(await incidentHints(now, 6)).toEqual([]);
    expect((await incidentHints(now, 4)).map((h) => h.answers.messageShown).sort()).toEqual(["auth-failed", "cert-invalid-no-otp"]);
  });
});
