import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countRecent, hit, record } from "@/lib/rate-limit";

describe("rate limits in PostgreSQL", () => {
  it("allows up to the limit in each window, then says when to retry", async () => {
    const key = `test:${randomUUID()}`;
    const t0 = new Date("2026-11-25T03:00:00Z");
    const windows = [{ limit: 2, seconds: 600 }, { limit: 3, seconds: 3600 }];
    expect((await hit(key, windows, t0)).ok).toBe(true);
    expect((await hit(key, windows, new Date(t0.getTime() + 1000))).ok).toBe(true);
    const third = await hit(key, windows, new Date(t0.getTime() + 2000));
    expect(third).toEqual({ ok: false, retryAt: new Date(t0.getTime() + 600_000), retryAfterSeconds: 598 });
    // After ten minutes the short window frees; the hour window allows one more.
    expect((await hit(key, windows, new Date(t0.getTime() + 601_000))).ok).toBe(true);
    const blocked = await hit(key, windows, new Date(t0.getTime() + 602_000));
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.retryAt).toEqual(new Date(t0.getTime() + 3_600_000));
  });

  it("keeps keys apart and counts atomically under concurrency", async () => {
    const a = `test:${randomUUID()}`;
    const b = `test:${randomUUID()}`;
    const windows = [{ limit: 5, seconds: 600 }];
    const results = await Promise.all(Array.from({ length: 12 }, () => hit(a, windows)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect((await hit(b, windows)).ok).toBe(true);
    await record(b);
    expect(await countRecent(b, 600)).toBe(2);
  });
});
