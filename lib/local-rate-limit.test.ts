import { describe, expect, it } from "vitest";
import { createLocalLimiter } from "@/lib/local-rate-limit";

describe("the in-process limiter", () => {
  it("allows `limit` per window and frees a slot when the oldest event leaves it", () => {
    const limiter = createLocalLimiter({ limit: 3, seconds: 10, maxKeys: 100 });
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit("a", t0 + i * 1000).ok)).toEqual([true, true, true]);
    expect(limiter.hit("a", t0 + 5000)).toEqual({ ok: false, retryAfterSeconds: 5 });
    expect(limiter.hit("b", t0 + 5000).ok).toBe(true);
    // A refused request does not count: once the first event is 10 s old, one slot is free.
    expect(limiter.hit("a", t0 + 10_001).ok).toBe(true);
    expect(limiter.hit("a", t0 + 10_002).ok).toBe(false);
  });

  it("keeps at most maxKeys addresses", () => {
    const limiter = createLocalLimiter({ limit: 1, seconds: 60, maxKeys: 50 });
    for (let i = 0; i < 1000; i++) limiter.hit(`ip-${i}`, 1_000 + i);
    expect(limiter.size()).toBeLessThanOrEqual(50);
    // The most recent ones are kept (and still limited).
    expect(limiter.hit("ip-999", 2_000).ok).toBe(false);
  });
});
