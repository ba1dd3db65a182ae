// The one place that builds the Prisma client (and its pool). Created lazily on first use:
// `next build` imports route modules without a DATABASE_URL.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

const globalForDb = globalThis as unknown as { tebikiPrisma?: PrismaClient; tebikiPool?: pg.Pool };

function createPool() {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 10,
    // A stopped database must fail fast (health answers 503) rather than hang requests.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle connection dropped by a restarting server would crash the process.
  pool.on("error", (error) => log.warn({ err: error.message }, "idle database connection lost"));
  return pool;
}

export function pool(): pg.Pool {
  globalForDb.tebikiPool ??= createPool();
  return globalForDb.tebikiPool;
}

export function db(): PrismaClient {
  globalForDb.tebikiPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return globalForDb.tebikiPrisma;
}

/** Closes the client and its pool (graceful shutdown); the next db() call would open new ones. */
export async function closeDb(): Promise<void> {
  const { tebikiPrisma: client, tebikiPool: openPool } = globalForDb;
  globalForDb.tebikiPrisma = undefined;
  globalForDb.tebikiPool = undefined;
  await client?.$disconnect();
  if (openPool && !openPool.ended) await openPool.end();
}

/** So that an operator (and the reconnect test) can tell the LISTEN connection apart in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = "tebiki-live";

/**
 * A connection of its own, outside the pool, for LISTEN (lib/live/hub.ts): a pooled one would be
 * handed to queries and lose its subscriptions when the pool recycles it.
 */
export function createListenConnection(applicationName: string = LISTEN_APPLICATION_NAME): pg.Client {
  return new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: 3000, keepAlive: true, application_name: applicationName });
}
