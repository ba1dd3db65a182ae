import "server-only";
import type { Pool } from "pg";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";

export async function checkDatabase(p: Pool = pool()): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  try {
    await p.query("SELECT 1");
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "health check: database down");
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  }
}
