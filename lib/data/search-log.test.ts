// Search logging and the search report against the real PostgreSQL. Each case searches in its own
// moment far in the future, so rows of tests running beside it never fall into its window.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { logSearch, recordSearchClick } from "@/lib/data/search-log";
import { searchesPerLocale, topQueries } from "@/lib/data/search-report";
import { reportWindow } from "@/lib/insight/window";
import { createTicket } from "@/lib/testing/factories";

const MIN = 60_000;
let nextWeek = 0;
const base = Date.UTC(2700 + Math.floor(Math.random() * 200), 0, 5, 3);
function freshWindow() {
  return reportWindow(7, new Date(base + nextWeek++ * 30 * 24 * 60 * MIN));
}

describe("search log", () => {
  it("keeps one row while the chooser's query is typed on, and the latest words", async () => {
    const w = freshWindow();
    const session = randomUUID();
    const t = w.start.getTime() + 60 * MIN;
    const entry = { locale: "ja", resultCount: 3, source: "suggest" as const, sessionHash: session };
    const first = await logSearch({ ...entry, rawQuery: "証", at: new Date(t) });
    expect(await logSearch({ ...entry, rawQuery: "証明", at: new Date(t + 2000) })).toBe(first);
    expect(await logSearch({ ...entry, rawQuery: "証明書", resultCount: 5, at: new Date(t + 4000) })).toBe(first);
    // Another question is another search; so is the same one typed again much later.
    const other = await logSearch({ ...entry, rawQuery: "wifi", at: new Date(t + 6000) });
    expect(other).not.toBe(first);
    expect(await logSearch({ ...entry, rawQuery: "証明書", at: new Date(t + 30 * MIN) })).not.toBe(first);
    expect(await db().searchLog.findUniqueOrThrow({ where: { id: first! } })).toMatchObject({ query: "証明書", resultCount: 5, source: "suggest" });
  });

  it("a reload of the search page is the same search; a prefix is a new one there", async () => {
    const w = freshWindow();
    const session = randomUUID();
    const t = w.start.getTime() + 60 * MIN;
    const entry = { locale: "en", resultCount: 0, source: "page" as const, sessionHash: session };
    const first = await logSearch({ ...entry, rawQuery: "vpn", at: new Date(t) });
    expect(await logSearch({ ...entry, rawQuery: " VPN ", at: new Date(t + 5000) })).toBe(first);
    expect(await logSearch({ ...entry, rawQuery: "vpn client", at: new Date(t + 9000) })).not.toBe(first);
    expect(await logSearch({ ...entry, rawQuery: "  " })).toBeNull();
  });

  it("counts a click only from the session that searched", async () => {
    const session = randomUUID();
    const id = (await logSearch({ locale: "ja", rawQuery: "証明書", resultCount: 2, source: "page", sessionHash: session }))!;
    expect(await recordSearchClick(id, randomUUID())).toBe(false);
    expect(await recordSearchClick(id, null)).toBe(false);
    expect(await recordSearchClick("not-a-uuid", session)).toBe(false);
    expect(await recordSearchClick(id, session)).toBe(true);
    expect(await recordSearchClick(id, session)).toBe(true);
    expect(await db().searchLog.findUniqueOrThrow({ where: { id } })).toMatchObject({ clicks: 2 });
  });

  it("reports per language: no-result rate, click-through, searches followed by a ticket; top and no-result queries", async () => {
    const w = freshWindow();
    const at = (m: number) => new Date(w.start.getTime() + m * MIN);
    const [a, b] = [randomUUID(), randomUUID()];
    const log = (rawQuery: string, resultCount: number, sessionHash: string | null, m: number, locale = "ja") =>
      logSearch({ locale, rawQuery, resultCount, source: "page", sessionHash, at: at(m) });
    const found = (await log("証明書", 4, a, 10))!;
    await recordSearchClick(found, a);
    await log("zzqxv-nothing", 0, a, 20);
    await log("zzqxv-nothing", 0, b, 30);
    await log("証明書", 4, null, 40);
    await log("vpn", 0, b, 50, "en");
    await createTicket({ helpSessionHash: a, createdAt: at(60) }); // after a's two searches, within 24 h
    await createTicket({ helpSessionHash: b, createdAt: at(3 * 24 * 60) }); // too late for b's

    expect(await searchesPerLocale(w)).toEqual([
      { locale: "en", searches: 1, noResult: 1, withResults: 0, clicked: 0, inSession: 1, followedByTicket: 0 },
      { locale: "ja", searches: 4, noResult: 2, withResults: 2, clicked: 1, inSession: 3, followedByTicket: 2 },
    ]);
    // Most searched first; a tie goes to the one searched last.
    expect((await topQueries(w)).map((q) => [q.locale, q.query, q.searches])).toEqual([
      ["ja", "証明書", 2],
      ["ja", "zzqxv-nothing", 2],
      ["en", "vpn", 1],
    ]);
    expect((await topQueries(w, { noResultOnly: true })).map((q) => q.query)).toEqual(["zzqxv-nothing", "vpn"]);
  });
});
