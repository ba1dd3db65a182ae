// Sliding-window limits kept in PostgreSQL, so every app instance sees the same counts.
import "server-only";
import { db, pool } from "@/lib/db";

export type Window = { limit: number; seconds: number };

export type LimitResult = { ok: true } | { ok: false; retryAt: Date; retryAfterSeconds: number };

/**
 * Counts one event for `key` if it fits every window; otherwise counts nothing and says when the
 * earliest window frees a slot. One statement (tebiki_rate_limit_hit, migration
 * 20261126200100_intake_throughput): an advisory lock per key, then the counts and the insert, so
 * check-and-count stays atomic across instances at one round trip instead of five (issue 14).
 */
export async function hit(key: string, windows: Window[], now = new Date()): Promise<LimitResult> {
  const { rows } = await pool().query({
    name: "tebiki-rate-limit-hit",
    text: `SELECT "tebiki_rate_limit_hit"($1, $2::int[], $3::int[], $4) AS "retryAt"`,
    values: [key, windows.map((w) => w.limit), windows.map((w) => w.seconds), now],
  });
  const retryAt = (rows[0] as { retryAt: Date | null }).retryAt;
  if (!retryAt) return { ok: true };
  return { ok: false, retryAt, retryAfterSeconds: retryAfterSeconds(retryAt, now) };
}

/** Whole seconds until `retryAt`, at least 1: the Retry-After of a limited request. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
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
