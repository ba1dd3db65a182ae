// A throwaway database on the test server (DATABASE_URL), for tests that must start from nothing.
import { randomUUID } from "node:crypto";
import pg from "pg";

export async function createTempDatabase(prefix = "tmp"): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run the tests with `npm test`");
  const name = `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * For a test file that must see only its own rows (a listener that hears every change, a worker that
 * takes every stored mail): a migrated database of its own, made the file's DATABASE_URL before
 * anything in it opens a connection (env() reads the environment once), and dropped after the file.
 * Call it at the top level of the test file, before its other beforeAll hooks.
 */
export function withOwnDatabase(prefix: string, hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }) {
  let database: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  hooks.beforeAll(async () => {
    database = await createTempDatabase(prefix);
    const { migrate } = await import("@/lib/migrate");
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
  });
  hooks.afterAll(async () => {
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await database?.drop();
  });
}
