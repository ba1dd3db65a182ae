// `npm run bench:tickets [-- --tickets 1000000 --runs 200 --fresh --compare-union --explain --only dashboard]`
//
// The staff list at a million tickets (issue 10): starts its own embedded PostgreSQL (.data/bench-pg),
// migrates, fills realistic tickets and messages (scripts/bench/fill.ts, the same fill as `npm run
// bench`), then times each list view through the app's query functions and the very SQL they
// sent run directly on one connection. Not part of `npm test`: the fill takes minutes.
//
// A second run reuses the filled database when its marker records the same number of tickets of the
// same fill version (pending migrations are applied first); --fresh refills. --compare-union also builds a
// trigram index on TicketMessage.body and times the alternative recorded in decision 0023; --explain
// prints each statement's EXPLAIN ANALYZE; --only TEXT runs the cases whose name contains TEXT.
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "@/lib/embedded-pg";
import { migrate } from "@/lib/migrate";
import { fillUnlessFilled } from "./bench/fill";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const TICKETS = option("tickets", 1_000_000);
const RUNS = option("runs", 200);
// A slow case (a count over every match of a frequent word) stops after this many milliseconds.
const CASE_BUDGET_MS = option("case-budget-ms", 60_000);
const dataDir = path.join(process.cwd(), ".data", "bench-pg");
const say = (line: string) => console.log(`[bench] ${line}`);

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.LOG_LEVEL ??= "warn";

const ALT_FIELDS = `"reference" || ' ' || "username" || ' ' || "name" || ' ' || "email" || ' ' || "affiliation" || ' ' || "description"`;

type Sample = { app: number[]; sql: number[]; rows: number };

function quantile(values: number[], q: number) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main() {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (flag("fresh")) rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, database: "tebiki_bench", log: say });
  process.env.DATABASE_URL = server.url;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const applied = await migrate(server.url, { log: say });
    if (applied.length) {
      say(`${applied.length} migration(s) applied`);
      // A migration may have filled new tables (the dashboard's aggregates): plan with their statistics.
      await admin.query(`VACUUM ANALYZE`);
    }
    await fillUnlessFilled(admin, { tickets: TICKETS, log: say });
    if (flag("compare-union")) await ensureMessageIndex(admin);
    await measure(admin);
  } finally {
    await admin.end();
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await server.stop();
  }
}


async function ensureMessageIndex(client: pg.Client) {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  const t0 = Date.now();
  await client.query(`CREATE INDEX IF NOT EXISTS "bench_message_body_trgm_idx" ON "TicketMessage" USING GIN ("body" gin_trgm_ops)`);
  // The ticket's own fields without the messages' text: the other half of that alternative.
  await client.query(`CREATE INDEX IF NOT EXISTS "bench_ticket_fields_trgm_idx" ON "Ticket" USING GIN ((${ALT_FIELDS}) gin_trgm_ops)`);
  await client.query(`ANALYZE "TicketMessage"`);
  await client.query(`ANALYZE "Ticket"`);
  say(`TicketMessage body trigram index ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function measure(client: pg.Client) {
  const { pool } = await import("@/lib/db");
  const { listTickets, countTicketsByStatus, encodeCursor } = await import("@/lib/data/ticket-list");
  const { describeSearchMatches } = await import("@/lib/data/ticket-search");
  const { TicketFilterSchema } = await import("@/lib/validation/triage");

  // The SQL the app's functions send, captured at the pool, so that the direct run is the same
  // statement with the same parameters whatever shape the functions take.
  const captured: { text: string; values: unknown[] }[] = [];
  const p = pool() as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = p.query.bind(p);
  p.query = (...args: unknown[]) => {
    const q = args[0] as { text?: string; values?: unknown[] };
    if (q && typeof q === "object" && typeof q.text === "string") captured.push({ text: q.text, values: q.values ?? [] });
    return original(...args);
  };

  const me = { id: (await client.query<{ id: string }>(`SELECT bench.staff(1) AS id`)).rows[0].id };
  const { rows: refRows } = await client.query<{ reference: string; username: string }>(
    `SELECT "reference", "username" FROM "Ticket" WHERE "id" = bench.tid($1)`,
    [Math.floor(TICKETS * 0.37)],
  );
  // Cursor rows carry every sort key (lib/data/ticket-list.ts encodeCursor).
  const { rows: deep } = await client.query<{ id: string; createdAt: Date; lastActivityAt: Date; reference: string; username: string; status: "closed"; priority: "low"; slaDueAt: Date }>(
    `SELECT "id", "createdAt", "lastActivityAt", "reference", "username", "status"::text AS "status", "priority"::text AS "priority", "slaDueAt" FROM "Ticket" WHERE "status" = 'closed'
     ORDER BY "createdAt" DESC, "id" ASC OFFSET $1 LIMIT 1`,
    [Math.floor(TICKETS * 0.4)],
  );
  const { rows: deepP } = await client.query<{ id: string; createdAt: Date; lastActivityAt: Date; reference: string; username: string; status: "closed"; priority: "low"; slaDueAt: Date }>(
    `SELECT "id", "createdAt", "lastActivityAt", "reference", "username", "status"::text AS "status", "priority"::text AS "priority", "slaDueAt" FROM "Ticket" WHERE "status" = 'closed'
     ORDER BY "priority" DESC, "createdAt" ASC, "id" DESC OFFSET $1 LIMIT 1`,
    [Math.floor(TICKETS * 0.4)],
  );
  const f = (raw: Record<string, string>) => TicketFilterSchema.parse(raw);
  const list = (raw: Record<string, string>) => async () => (await listTickets(me, f(raw))).rows.length;
  const count = (raw: Record<string, string>) => async () => (await countTicketsByStatus(me, f(raw))).byStatus.all;

  const cases: [string, () => Promise<number>][] = [
    ["list: default view (new, newest)", list({})],
    ["list: open tab", list({ status: "open" })],
    ["list: waiting tab, last update", list({ status: "waiting", sort: "activity" })],
    ["list: assignee = me (new tab)", list({ assignee: "me" })],
    ["list: mine across statuses", list({ status: "all", assignee: "me" })],
    ["list: urgent, open tab", list({ status: "open", priority: "urgent" })],
    ["list: guide wifi, all statuses", list({ status: "all", guide: "wifi" })],
    ["list: all, priority order", list({ status: "all", sort: "priority" })],
    ["list: deep page (closed, cursor 40%)", list({ status: "closed", cursor: encodeCursor(deep[0], "created") })],
    ["list: deep page (closed, priority, cursor)", list({ status: "closed", sort: "priority", cursor: encodeCursor(deepP[0], "priority") })],
    ["total: counts per tab, default", count({})],
    ["total: counts per tab, mine", count({ assignee: "me" })],
    ["search: frequent term (パスワード)", list({ status: "all", q: "パスワード" })],
    ["search: frequent term, new tab", list({ q: "パスワード" })],
    ["search: rare term (Thunderbird)", list({ status: "all", q: "Thunderbird" })],
    ["search: Japanese phrase (証明書の選択)", list({ status: "all", q: "証明書の選択" })],
    ["search: note-only phrase (ベンダー確認中)", list({ status: "all", q: "ベンダー確認中" })],
    ["search: reference", list({ status: "all", q: refRows[0].reference })],
    ["search: username", list({ status: "all", q: refRows[0].username })],
    ["search: 2 characters (田中)", list({ status: "all", q: "田中" })],
    ["search: no match (存在しない語句)", list({ status: "all", q: "存在しない語句" })],
    ["search: counts per tab, rare term", count({ q: "Thunderbird" })],
    ["search: counts per tab, frequent term", count({ q: "パスワード" })],
  ];
  // The dashboard (/admin): every read its page makes, together, as the page makes them.
  const dashboard = await import("@/lib/data/dashboard");
  const { deflectionSummary } = await import("@/lib/data/deflection");
  const { csatSummary } = await import("@/lib/data/csat");
  const { reportWindow } = await import("@/lib/insight/window");
  cases.push([
    "dashboard: the whole page's reads",
    // As the page asks (dashboardReads): the deflection summary is recomputed at most every 10 minutes
    // per instance (its own, uncached case is below), the CSAT figure every time.
    async () => {
      const { perDay, open } = await dashboard.dashboardReads(30);
      return perDay.reduce((n, d) => n + d.count, 0) + open.byStatus.reduce((n, s) => n + s.count, 0);
    },
  ]);
  cases.push(["dashboard: tickets per day (30 days)", async () => (await dashboard.newTicketsPerDay(30)).length]);
  cases.push(["dashboard: open breakdown", async () => (await dashboard.openTicketBreakdown()).byEndStep.length]);
  cases.push(["dashboard: medians (30 days)", async () => ((await dashboard.medianResponseTimes(30)).firstResponseSeconds ?? 0) > 0 ? 1 : 0]);
  cases.push(["dashboard: CSAT figure (30 days)", async () => (await csatSummary(30)).resolved]);
  cases.push(["dashboard: deflection summary (30 days)", async () => (await deflectionSummary(reportWindow(30))).tickets]);

  const matchesPage = (await listTickets(me, f({ status: "all", q: "ベンダー確認中" }))).rows.map((r) => r.id);
  cases.push(["search: why rows matched (one page)", async () => (await describeSearchMatches(matchesPage, "ベンダー確認中")).size]);

  if (flag("compare-union")) {
    const union = (q: string) => async () => {
      const pattern = `%${q}%`;
      const r = await client.query(
        `SELECT t."id" FROM "Ticket" t WHERE t."id" IN (
           SELECT "id" FROM "Ticket" WHERE (${ALT_FIELDS}) ILIKE $1
           UNION SELECT "ticketId" FROM "TicketMessage" WHERE "body" ILIKE $1)
         ORDER BY t."createdAt" DESC, t."id" LIMIT 51`,
        [pattern],
      );
      return r.rowCount ?? 0;
    };
    for (const q of ["パスワード", "Thunderbird", "証明書の選択", "ベンダー確認中"]) cases.push([`alt UNION over TicketMessage index: ${q}`, union(q)]);
  }

  const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await direct.connect();
  const results: [string, Sample][] = [];
  say(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
  for (const [name, run] of cases) {
    if (only && !name.includes(only)) continue;
    captured.length = 0;
    const rows = await run();
    const statements = [...captured];
    const sample: Sample = { app: [], sql: [], rows };
    const timeOf = async (fn: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const runDirect = async () => {
      for (const s of statements) await direct.query(s.text, s.values as unknown[]);
    };
    for (let i = 0; i < 3; i++) {
      await run();
      if (statements.length) await runDirect();
    }
    if (flag("explain")) {
      for (const st of statements) {
        const plan = await direct.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, st.values as unknown[]);
        console.log(plan.rows.map((r: Record<string, string>) => `    ${r["QUERY PLAN"]}`).join("\n"));
      }
    }
    const started = Date.now();
    // Alternate the two so that a change in the machine's load hits both alike.
    for (let i = 0; i < RUNS && Date.now() - started < CASE_BUDGET_MS; i++) {
      sample.app.push(await timeOf(run));
      if (statements.length) sample.sql.push(await timeOf(runDirect));
    }
    results.push([name, sample]);
    const fmt = (v: number) => (Number.isNaN(v) ? "    -" : v.toFixed(1).padStart(7));
    say(
      `${name.padEnd(46)} runs ${String(sample.app.length).padStart(3)}  app p50 ${fmt(quantile(sample.app, 0.5))} p95 ${fmt(quantile(sample.app, 0.95))}  ` +
        `sql p50 ${fmt(quantile(sample.sql, 0.5))} p95 ${fmt(quantile(sample.sql, 0.95))} ms  rows ${rows}`,
    );
  }
  await direct.end();
  p.query = original;

  const sizes = await client.query<{ name: string; size: string }>(
    `SELECT relname AS name, pg_size_pretty(pg_relation_size(oid)) AS size FROM pg_class
     WHERE relname IN ('Ticket', 'TicketMessage', 'Ticket_search_trgm_idx', 'bench_message_body_trgm_idx', 'bench_ticket_fields_trgm_idx') ORDER BY relname`,
  );
  const counts = await client.query<{ tickets: string; messages: string }>(
    `SELECT (SELECT count(*) FROM "Ticket") AS tickets, (SELECT count(*) FROM "TicketMessage") AS messages`,
  );
  const version = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);

  console.log("");
  console.log(`Tickets ${counts.rows[0].tickets}, messages ${counts.rows[0].messages}; PostgreSQL ${version.rows[0].v}; ${os.cpus().length} CPUs`);
  console.log(`Sizes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(", ")}`);
  console.log(`Load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log("");
  console.log("| case | runs | app p50 ms | app p95 ms | SQL p50 ms | SQL p95 ms | rows |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const [name, s] of results) {
    const c = (v: number) => (Number.isNaN(v) ? "-" : v.toFixed(1));
    console.log(`| ${name} | ${s.app.length} | ${c(quantile(s.app, 0.5))} | ${c(quantile(s.app, 0.95))} | ${c(quantile(s.sql, 0.5))} | ${c(quantile(s.sql, 0.95))} | ${s.rows} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
