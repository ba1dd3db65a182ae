import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");

// Runs the real seed script the way `npm run dev` does (tsx, react-server condition) on a fresh database.
async function seed(url: string) {
  // Without vitest's NODE_ENV=test: the seed runs as in development (demo staff included).
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: url };
  delete env.NODE_ENV;
  return run(tsx, ["--conditions=react-server", "prisma/seed.ts"], { env: env as NodeJS.ProcessEnv, timeout: 120_000 });
}

describe("npm run db:seed", () => {
  let database: Awaited<ReturnType<typeof createTempDatabase>>;
  beforeAll(async () => {
    database = await createTempDatabase("seed");
    await migrate(database.url);
  });
  afterAll(() => database?.drop());

  it("makes demo staff and a few hundred varied tickets, and adds nothing when run again", async () => {
    const first = await seed(database.url);
    expect(first.stdout).toContain("300 demo ticket(s) added");
    expect(first.stdout).toContain("admin@example.edu");
    const second = await seed(database.url);
    expect(second.stdout).toContain("0 demo ticket(s) added, 300 already there");

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const tickets = await client.query(`SELECT count(*)::int AS n, count(DISTINCT "endStep")::int AS ends, count(DISTINCT reference)::int AS refs FROM "Ticket"`);
      expect(tickets.rows[0]).toMatchObject({ n: 300, refs: 300 });
      // Realistic means varied: tickets end on several different steps of the guide.
      expect(tickets.rows[0].ends).toBeGreaterThan(4);
      const staff = await client.query(`SELECT email, role::text FROM "StaffUser" ORDER BY email`);
      expect(staff.rows).toEqual([
        { email: "admin@example.edu", role: "admin" },
        { email: "agent@example.edu", role: "agent" },
        { email: "editor@example.edu", role: "editor" },
      ]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
