// Sliding-window limits kept in PostgreSQL, so every app instance sees the same counts.
import "server-only";
import { db } from "@/lib/db";

export type Window = { limit: number; seconds: number };

export type LimitResult = { ok: true } | { ok: false; retryAt: Date; retryAfterSeconds: number };

/**
 * Counts one event for `key` if it fits every window; otherwise counts nothing and says when the
 * earliest window frees a slot. An advisory lock per key makes check-and-count atomic across instances.
 */
export async function hit(key: string, windows: Window[], now = new Date()): Promise<LimitResult> {
  const longest = Math.max(...windows.map((w) => w.seconds));
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const since = new Date(now.getTime() - longest * 1000);
    const events = await tx.rateLimitEvent.findMany({
      where: { key, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    });
    let retryAt: Date | null = null;
    for (const w of windows) {
      const inWindow = events.filter((e) => e.createdAt.getTime() > now.getTime() - w.seconds * 1000);
      if (inWindow.length >= w.limit) {
        // The slot frees when the oldest event that still counts leaves the window.
        const oldestCounted = inWindow[w.limit - 1].createdAt;
        const frees = new Date(oldestCounted.getTime() + w.seconds * 1000);
        if (!retryAt || frees > retryAt) retryAt = frees;
      }
    }
    if (retryAt) {
      return { ok: false, retryAt, retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) };
    }
    await tx.rateLimitEvent.create({ data: { key, createdAt: now } });
    return { ok: true };
  });
}

/** How many events for `key` fall in the last `seconds` (for failed-login style checks). */
export async function countRecent(key: string, seconds: number, now = new Date()): Promise<number> {
  return db().rateLimitEvent.count({ where: { key, createdAt: { gt: new Date(now.getTime() - seconds * 1000) } } });
}

/** Records one event without checking (e.g. a failed login). */
export async function record(key: string, now = new Date()): Promise<void> {
  await db().rateLimitEvent.create({ data: { key, createdAt: now } });
}

/** Forgets the events of a key (e.g. after a successful login). */
export async function clear(key: string): Promise<void> {
  await db().rateLimitEvent.deleteMany({ where: { key } });
}

/** Drops events older than a day, the longest window in use. Called now and then by writers. */
export async function prune(olderThanSeconds = 86_400, now = new Date()): Promise<number> {
  const { count } = await db().rateLimitEvent.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - olderThanSeconds * 1000) } },
  });
  return count;
}
