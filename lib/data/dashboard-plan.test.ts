// The dashboard at a million tickets (issue 13, decision 0032): its statements read the small
// aggregate tables by their primary keys and never the Ticket table. Checked on a generated
// 100k-ticket database, where a plan that falls back to "Ticket" (an aggregate dropped, a query
// rewritten against the tickets) or scans a whole aggregate (its key lost) fails.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardSql, dayWindow } from "@/lib/data/dashboard";
import { migrate } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";

let drop: () => Promise<void>;
let client: pg.Client;
const now = new Date();

beforeAll(async () => {
  const temp = await createTempDatabase("dashplan");
  drop = temp.drop;
  await migrate(temp.url);
  client = new pg.Client({ connectionString: temp.url });
  await client.connect();
  // Loaded without the trigger (as the benchmark does), then rebuilt by the migration's function.
  await client.query(`SET session_replication_role = replica`);
  await client.query(
    `INSERT INTO "Ticket" ("reference", "status", "priority", "guideId", "endStep", "locale", "name", "username", "affiliation", "email",
       "failedAt", "description", "statusTokenHash", "statusTokenExpiresAt", "createdAt", "updatedAt", "firstResponseAt", "resolvedAt")
     SELECT 'SSO-2026-' || lpad(g::text, 6, '0'),
       (ARRAY['new','open','waiting','resolved','closed','closed','closed','closed','closed','closed','closed','closed'])[1 + g % 12]::"TicketStatus",
       (ARRAY['low','normal','normal','high','urgent'])[1 + (g * 7) % 5]::"TicketPriority",
       (ARRAY['jaist-sso','jaist-sso','password','wifi', NULL])[1 + g % 5],
       (ARRAY['step1-2','step2-4','otp-input','step2-3-1','step1-3', NULL])[1 + (g / 5) % 6],
       'ja', '佐藤 翔太', 's' || g, 'student', 's' || g || '@example.com', c, 'x', md5(g::text), c + interval '180 days', c, c,
       CASE WHEN g % 12 > 0 THEN c + ((g * 37) % 600 || ' minutes')::interval END,
       CASE WHEN g % 12 > 2 THEN c + ((g * 53) % 9000 || ' minutes')::interval END
     FROM generate_series(1, 100000) g, LATERAL (SELECT $1::timestamptz - (g * 631 || ' seconds')::interval AS c) t`,
    [now],
  );
  await client.query(`SET session_replication_role = origin`);
  await client.query(`SELECT tebiki_rebuild_ticket_stats()`);
  await client.query(`ANALYZE "Ticket"; ANALYZE "TicketDailyStats"; ANALYZE "TicketOpenStats"; ANALYZE "TicketDurationStats"`);
}, 240_000);

afterAll(async () => {
  await client?.end();
  await drop?.();
});

async function plan(sql: { text: string; values: unknown[] }) {
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
  return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("dashboard query plans on 100k tickets", () => {
  const w = dayWindow(30, now);
  const cases: [string, { text: string; values: unknown[] }, string | null][] = [
    ["tickets per day", dashboardSql.ticketsPerDay(w.from, w.to), "TicketDailyStats_pkey"],
    ["medians per day and over the window", dashboardSql.medians(w.from, w.to), "TicketDurationStats_pkey"],
    ["the funnel's tickets per end step", dashboardSql.funnelTickets("jaist-sso", w.from, w.to), "TicketDailyStats_pkey"],
    // A table of (status, guide, end step): a few dozen rows, read whole.
    ["open tickets by status, end step and guide", dashboardSql.openStats(), null],
  ];
  for (const [name, sql, index] of cases) {
    it(`does not read the Ticket table: ${name}`, async () => {
      const text = await plan(sql);
      expect(text, text).not.toMatch(/ on "Ticket"/);
      // A range of the key's leading "day": an index scan, or a bitmap of it when many rows match.
      if (index) expect(text, text).toMatch(new RegExp(`(Index (Only )?Scan using|Bitmap Index Scan on) "?${index}"?[^\\n]*\\n\\s*Index Cond: \\(\\(day >=`));
    });
  }

  it("keeps the open-ticket aggregate to a few rows whatever the number of tickets", async () => {
    const { rows } = await client.query<{ relname: string; n: number }>(
      `SELECT relname, reltuples::int AS n FROM pg_class WHERE relname IN ('Ticket', 'TicketDailyStats', 'TicketOpenStats', 'TicketDurationStats')`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.relname, r.n]));
    expect(n.Ticket).toBeGreaterThan(90_000);
    expect(n.TicketOpenStats).toBeLessThan(200);
  });
});
