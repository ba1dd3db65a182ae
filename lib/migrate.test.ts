import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, MigrationError } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";

function migrationsDir(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("offline migrations", () => {
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(drops.splice(0).map((d) => d()));
  });
  const fresh = async () => {
    const db = await createTempDatabase("migrate");
    drops.push(db.drop);
    return db.url;
  };

  it("applies pending migrations in order, once, recording them as Prisma does", async () => {
    const url = await fresh();
    const dir = migrationsDir({
      "002_second": 'ALTER TABLE "A" ADD COLUMN "b" INT;',
      "001_first": 'CREATE TABLE "A" ("a" INT);',
    });
    expect(await migrate(url, { dir })).toEqual(["001_first", "002_second"]);
    expect(await migrate(url, { dir })).toEqual([]);
    const rows = await query(url, `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(["001_first", "002_second"]);
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("refuses an applied migration whose file changed", async () => {
    const url = await fresh();
    const dir = migrationsDir({ "001_first": 'CREATE TABLE "A" ("a" INT);' });
    await migrate(url, { dir });
    writeFileSync(path.join(dir, "001_first", "migration.sql"), 'CREATE TABLE "A" ("a" BIGINT);');
    await expect(migrate(url, { dir })).rejects.toThrow(/001_first was changed after it was applied/);
  });

  it("rolls back a failing migration whole and records nothing", async () => {
    const url = await fresh();
    const dir = migrationsDir({
      "001_ok": 'CREATE TABLE "A" ("a" INT);',
      "002_bad": 'CREATE TABLE "B" ("b" INT); SELECT * FROM "missing_table";',
    });
    const error = await migrate(url, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(String(error)).toMatch(/002_bad failed and was rolled back/);
    const tables = await query(url, `SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual(["A", "_prisma_migrations"]);
    const recorded = await query(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["001_ok"]);
  });

  it("lets concurrent starters apply each migration exactly once", async () => {
    const url = await fresh();
    const dir = migrationsDir({ "001_first": 'CREATE TABLE "A" ("a" INT);' });
    const results = await Promise.all([migrate(url, { dir }), migrate(url, { dir }), migrate(url, { dir })]);
    expect(results.flat()).toEqual(["001_first"]);
  });
});
