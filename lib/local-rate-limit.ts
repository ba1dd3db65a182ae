// A per-instance sliding-window limit kept in memory, for public reads that touch nothing but this
// process (the suggestion route searches the in-process index). The shared limits of
// lib/rate-limit.ts cost a database transaction per call and fail while the database is down; for a
// request that only costs this instance CPU, this instance's own count is the right one
// (docs/decisions/0016-suggestions.md).

export type LocalLimit = { limit: number; seconds: number; maxKeys: number };

export type LocalLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export function createLocalLimiter({ limit, seconds, maxKeys }: LocalLimit) {
  const events = new Map<string, number[]>();
  const windowMs = seconds * 1000;

  // Bounds memory under many addresses: drop keys whose events all left the window, then, if still
  // over, the keys least recently seen (a Map iterates in insertion order; hit() re-inserts).
  function prune(now: number) {
    for (const [key, times] of events) if (times[times.length - 1] <= now - windowMs) events.delete(key);
    for (const key of events.keys()) {
      if (events.size <= maxKeys) break;
      events.delete(key);
    }
  }

  return {
    hit(key: string, now = Date.now()): LocalLimitResult {
      const times = (events.get(key) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= limit) {
        events.delete(key);
        events.set(key, times);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000)) };
      }
      times.push(now);
      events.delete(key);
      events.set(key, times);
      if (events.size > maxKeys) prune(now);
      return { ok: true };
    },
    size: () => events.size,
  };
}
