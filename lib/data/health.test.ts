import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/data/health";
import { freePort, startEmbeddedPostgres } from "@/lib/embedded-pg";

describe("health check", () => {
  it("reports a stopped database as down and recovers on the same pool once it is back", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "health-pg-"));
    const port = await freePort();
    let server = await startEmbeddedPostgres({ dataDir, port, database: "health" });
    const pool = new pg.Pool({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    pool.on("error", () => {});
    try {
      expect((await checkDatabase(pool)).ok).toBe(true);
      await server.stop();
      expect((await checkDatabase(pool)).ok).toBe(false);
      server = await startEmbeddedPostgres({ dataDir, port, database: "health" });
      expect((await checkDatabase(pool)).ok).toBe(true);
    } finally {
      await pool.end();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
