// Child of scripts/bench/admin.ts (`tsx --conditions=react-server`, DATABASE_URL = the bench
// database): times the admin views through the app's own functions, as the pages call them, and
// the very statements they sent run directly on one connection, alternating the two. Prints one
// JSON line (AdminFunctionOutput) on stdout; progress on stderr. With --csv-from/--csv-to it also
// gives the CSV export's statement for those days, for the psql \copy baseline.
//
// Statements are captured at pg.Client#query, below Prisma, so that those of a transaction (the
// rare search's SET LOCAL) are replayed too.
import pg from "pg";
import type { TicketFilter } from "@/lib/validation/triage";

export type AdminFunctionResult = {
  name: string;
  group: "list" | "search" | "dashboard";
  runs: number;
  appP50: number;
  appP95: number;
  sqlP50: number;
  sqlP95: number;
  /** Rows of the page (list, search) or a figure that shows the read found data. */
  rows: number;
  /** Whether the tab counts were estimates (a frequent search word). */
  estimated?: boolean;
};

export type AdminFunctionOutput = { results: AdminFunctionResult[]; exportSql: { text: string; values: unknown[] } | null };

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const RUNS = option("runs", 100);
const BUDGET_MS = option("budget-ms", 20_000);
const text = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const only = text("only");
const say = (line: string) => process.stderr.write(`[admin] ${line}\n`);

function quantile(values: number[], q: number) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

type Captured = { text: string; values: unknown[] };

async function main() {
  const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await direct.connect();
  let capturing = false;
  const captured: Captured[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (capturing && this !== direct) {
      const q = args[0];
      if (typeof q === "string") captured.push({ text: q, values: Array.isArray(args[1]) ? args[1] : [] });
      else if (q && typeof q === "object" && typeof (q as Captured).text === "string") captured.push({ text: (q as Captured).text, values: (q as Captured).values ?? [] });
    }
    return original.apply(this, args);
  };

  const { listTickets, countTicketsByStatus, encodeCursor, exportTicketsSql } = await import("@/lib/data/ticket-list");
  const { describeSearchMatches } = await import("@/lib/data/ticket-search");
  const { TicketFilterSchema } = await import("@/lib/validation/triage");
  const dashboard = await import("@/lib/data/dashboard");

  const one = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await direct.query<T>(sql, values)).rows[0];
  const me = (await one<{ id: string }>(`SELECT "id" FROM "StaffUser" ORDER BY ("email" = 'bench-staff-1@example.com') DESC, "createdAt" LIMIT 1`)).id;
  const edge = `SELECT "id", "createdAt", "lastActivityAt", "reference", "username", "status"::text AS "status", "priority"::text AS "priority", "slaDueAt" FROM "Ticket" WHERE "status" = 'closed'`;
  // Cursors 40% into the closed tab: a deep page in two sort orders.
  const deep = await one<Parameters<typeof encodeCursor>[0]>(`${edge} ORDER BY "createdAt" DESC, "id" ASC OFFSET 400000 LIMIT 1`);
  const deepDue = await one<Parameters<typeof encodeCursor>[0]>(`${edge.replace(`= 'closed'`, `= 'open'`)} ORDER BY "slaDueAt" ASC, "id" ASC OFFSET 5000 LIMIT 1`);
  const deepPriority = await one<Parameters<typeof encodeCursor>[0]>(`${edge} ORDER BY "priority" DESC, "createdAt" ASC, "id" DESC OFFSET 400000 LIMIT 1`);
  const someStaff = (await one<{ id: string }>(`SELECT "id" FROM "StaffUser" WHERE "id" <> $1 ORDER BY "email" LIMIT 1`, [me])).id;
  const f = (raw: Record<string, string>) => TicketFilterSchema.parse(raw);
  const user = { id: me };

  // What /admin/tickets reads for the list (app/(admin)/admin/(panel)/tickets/page.tsx): the tab
  // counts and the page together, then why the rows matched when searching.
  let estimated = false;
  const view = (raw: Record<string, string>) => async () => {
    const filter: TicketFilter = f(raw);
    const [counts, page] = await Promise.all([countTicketsByStatus(user, filter), listTickets(user, filter)]);
    estimated = counts.estimated;
    if (filter.q) await describeSearchMatches(page.rows.map((r) => r.id), filter.q);
    return page.rows.length;
  };
  const cases: [string, AdminFunctionResult["group"], () => Promise<number>][] = [
    ["default (new tab, newest first)", "list", view({})],
    ["open tab", "list", view({ status: "open" })],
    ["all statuses", "list", view({ status: "all" })],
    ["waiting tab, by last activity", "list", view({ status: "waiting", sort: "activity" })],
    ["all, by reference", "list", view({ status: "all", sort: "reference" })],
    ["all, by requester", "list", view({ status: "all", sort: "requester" })],
    ["all, by status", "list", view({ status: "all", sort: "status" })],
    ["all, by priority", "list", view({ status: "all", sort: "priority" })],
    ["open tab, by due time (期限)", "list", view({ status: "open", sort: "due" })],
    ["all, by due time (期限)", "list", view({ status: "all", sort: "due" })],
    ["filter: mine (all statuses)", "list", view({ assignee: "me" })],
    ["filter: a staff member, open tab", "list", view({ status: "open", assignee: someStaff })],
    ["filter: unassigned, new tab", "list", view({ assignee: "unassigned" })],
    ["filter: urgent, open tab", "list", view({ status: "open", priority: "urgent" })],
    ["filter: guide wifi, all statuses", "list", view({ status: "all", guide: "wifi" })],
    ["filter: guide + end step, all", "list", view({ status: "all", guide: "jaist-sso", endStep: "otp-input" })],
    ["filter: an answer, all statuses", "list", view({ status: "all", "a.network": "eduroam" })],
    ["filter: English, open tab", "list", view({ status: "open", locale: "en" })],
    ["filter: dates (a month), all", "list", view({ status: "all", from: "2026-01-01", to: "2026-01-31" })],
    ["deep page: closed, cursor 40%", "list", view({ status: "closed", cursor: encodeCursor(deep, "created") })],
    ["deep page: closed by priority, cursor 40%", "list", view({ status: "closed", sort: "priority", cursor: encodeCursor(deepPriority, "priority") })],
    ["deep page: open by due time", "list", view({ status: "open", sort: "due", cursor: encodeCursor(deepDue, "due") })],
    ["証明書 (common, ja)", "search", view({ status: "all", q: "証明書" })],
    ["パスワード (common, ja)", "search", view({ status: "all", q: "パスワード" })],
    ["受信できない (rare, ja)", "search", view({ status: "all", q: "受信できない" })],
    ["certificate (common, en)", "search", view({ status: "all", q: "certificate" })],
    ["password (common, en)", "search", view({ status: "all", q: "password" })],
    ["Thunderbird (rare, en)", "search", view({ status: "all", q: "Thunderbird" })],
    ["証明書, new tab", "search", view({ q: "証明書" })],
    ["certificate, open tab", "search", view({ status: "open", q: "certificate" })],
    ["no match", "search", view({ status: "all", q: "存在しない語句" })],
    [
      "the whole page's reads",
      "dashboard",
      // As app/(admin)/admin/(panel)/page.tsx asks for them.
      async () => (await dashboard.dashboardReads(30)).perDay.reduce((n, d) => n + d.count, 0),
    ],
  ];

  const results: AdminFunctionResult[] = [];
  const timeOf = async (fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (const [name, group, run] of cases) {
    if (only && !name.includes(only)) continue;
    captured.length = 0;
    capturing = true;
    const rows = await run();
    capturing = false;
    const statements = [...captured];
    const runDirect = async () => {
      for (const s of statements) await direct.query(s.text, s.values);
    };
    // Warm both (plans, caches), then alternate them so that a change of load hits both alike.
    for (let i = 0; i < 2; i++) {
      await run();
      await runDirect();
    }
    const app: number[] = [];
    const sql: number[] = [];
    const started = Date.now();
    for (let i = 0; i < RUNS && Date.now() - started < BUDGET_MS; i++) {
      app.push(await timeOf(run));
      sql.push(await timeOf(runDirect));
    }
    const result: AdminFunctionResult = {
      name,
      group,
      runs: app.length,
      appP50: quantile(app, 0.5),
      appP95: quantile(app, 0.95),
      sqlP50: quantile(sql, 0.5),
      sqlP95: quantile(sql, 0.95),
      rows,
      ...(group === "search" ? { estimated } : {}),
    };
    results.push(result);
    say(`${group}: ${name}: app p50 ${result.appP50.toFixed(1)} p95 ${result.appP95.toFixed(1)} ms, SQL p95 ${result.sqlP95.toFixed(1)} ms, ${statements.length} statements, rows ${rows}`);
  }
  proto.query = original;
  await direct.end();
  const { closeDb } = await import("@/lib/db");
  await closeDb();
  const csvFrom = text("csv-from");
  const csvTo = text("csv-to");
  const exportSql = csvFrom && csvTo ? exportTicketsSql(f({ status: "all", from: csvFrom, to: csvTo }), user) : null;
  const output: AdminFunctionOutput = { results, exportSql: exportSql && { text: exportSql.text, values: exportSql.values } };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
