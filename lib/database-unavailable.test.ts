// The outage mapping against real failures: a PostgreSQL that is not there, one that is shutting
// down under a running query, and errors that are not outages.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort } from "@/lib/embedded-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUnavailableResponse, isDatabaseUnavailable } from "@/lib/database-unavailable";

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("isDatabaseUnavailable", () => {
  it("recognises Prisma and pg errors for a server that does not answer", async () => {
    const url = `postgresql://postgres:postgres@127.0.0.1:${await freePort()}/none`;
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 2000 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      expect(isDatabaseUnavailable(await failure(() => prisma.outboxMail.count()))).toBe(true);
      expect(isDatabaseUnavailable(await failure(() => prisma.$queryRaw`SELECT 1`))).toBe(true);
      expect(isDatabaseUnavailable(await failure(() => prisma.$transaction(async (tx) => tx.ticket.count())))).toBe(true);
      expect(isDatabaseUnavailable(await failure(() => pool.query("SELECT 1")))).toBe(true);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });

  it("recognises a connection terminated by the server (what a shutdown does to a running query)", async () => {
    // pg_terminate_backend sends the same 57P01 FATAL as a fast shutdown.
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await victim.connect();
    victim.on("error", () => {});
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const running = failure(() => victim.query("SELECT pg_sleep(10)"));
    await db().$queryRaw`SELECT pg_terminate_backend(${rows[0].pid}::int)`;
    const error = await running;
    expect((error as { code?: string }).code).toBe("57P01");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => victim.query("SELECT 1")))).toBe(true);
  });

  it("leaves real bugs alone: constraint violations, bad SQL, plain errors", async () => {
    expect(isDatabaseUnavailable(await failure(() => db().$queryRawUnsafe("SELECT * FROM no_such_table")))).toBe(false);
    expect(isDatabaseUnavailable(await failure(() => db().ticket.findUniqueOrThrow({ where: { reference: "none" } })))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("answers 503 with Retry-After and a JSON body", async () => {
    const response = databaseUnavailableResponse();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: "database_unavailable" });
  });
});
