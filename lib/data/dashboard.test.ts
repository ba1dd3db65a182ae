import { describe, expect, it } from "vitest";
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
    for (const [first, resolved] of [[10, 100], [20, null], [60, 300]] as const) {
      await createTicket({ createdAt: at, firstResponseAt: minutes(at, first), resolvedAt: resolved ? minutes(at, resolved) : null });
    }
    await createTicket({ createdAt: at }); // no response yet: not counted
    const times = await medianResponseTimes(30, now);
    expect(times).toMatchObject({ firstResponseSeconds: 20 * 60, resolutionSeconds: 200 * 60 });
    // Per Japan day of creation too, with days without answered tickets as null.
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(at);
    expect(times.perDay).toHaveLength(30);
    expect(times.perDay.find((d) => d.day === day)).toEqual({ day, firstResponseSeconds: 20 * 60, resolutionSeconds: 200 * 60 });
    expect(times.perDay.filter((d) => d.day !== day).every((d) => d.firstResponseSeconds === null && d.resolutionSeconds === null)).toBe(true);
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
