// Admin rows of `npm run bench` (issue 14, docs/decisions/0036-admin-at-a-million.md), on the bench
// database's million tickets:
// - every list view (tabs, each filter, each sort incl. 期限, deep pages), the searches (common and
//   rare words in Japanese and English) and the dashboard's reads, through the app's functions as
//   the pages call them, against the very statements they sent run directly (scripts/bench/admin-functions.ts,
//   a child run with the server-only condition);
// - the default list page and a search page over HTTP as a signed-in admin gets them;
// - the CSV export of ~100k tickets over HTTP against psql \copy of the same SELECT, with the
//   server's memory during the download.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { treeRssBytes } from "./tools";
import type { BenchCases, BenchContext, BenchRow } from "./types";
import type { AdminFunctionOutput, AdminFunctionResult } from "./admin-functions";

const ms = (v: number) => (Number.isNaN(v) ? "-" : v < 10 ? v.toFixed(1) : v.toFixed(0));
const n = (v: number) => v.toLocaleString("en-US");

function quantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function runFunctions(ctx: BenchContext, runs: number, budgetMs: number, csv: { from: string; to: string }): Promise<AdminFunctionOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join("scripts", "bench", "admin-functions.ts"), "--runs", String(runs), "--budget-ms", String(budgetMs), "--csv-from", csv.from, "--csv-to", csv.to],
      {
        // The app's environment check wants these in production even where nothing is signed or linked;
        // without them the first query of the data layer never settled and the child hung silently.
        env: { ...process.env, DATABASE_URL: ctx.databaseUrl, LOG_LEVEL: "warn", NODE_ENV: "production", AUTH_SECRET: "bench-child-signs-nothing-0123456789", APP_URL: ctx.origin },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => {
      err += d;
      for (const line of String(d).split("\n")) if (line.startsWith("[admin]")) ctx.say(line.slice(8));
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`admin-functions exited ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as AdminFunctionOutput);
    });
  });
}

/** A page fetched `runs` times one after another, as one person clicking: p50 and p95. */
async function timePage(ctx: BenchContext, url: string, runs: number, mustContain: string) {
  const times: number[] = [];
  let bytes = 0;
  let rscBytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { cookie: ctx.adminCookie }, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - t0;
    if (response.status !== 200 || !body.includes(mustContain)) throw new Error(`${url}: ${response.status}, ${body.length} bytes, without ${mustContain}`);
    if (i >= 2) times.push(elapsed);
    // The page's weight, uncompressed: all of it, and the part that is the inline RSC payload.
    bytes = Buffer.byteLength(body);
    // BENCH_PAGE_DUMP=<dir> keeps the last body of each page, to see what its bytes are.
    if (process.env.BENCH_PAGE_DUMP) writeFileSync(path.join(process.env.BENCH_PAGE_DUMP, `${new URL(url).search.replace(/\W+/g, "_") || "_default"}.html`), body);
    rscBytes = [...body.matchAll(/<script>self\.__next_f\.push\([\s\S]*?<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), runs: times.length, bytes, rscBytes };
}

/** SQL with its $n parameters written in, for psql (which takes no parameters), on one line for \copy. */
function inline(sql: { text: string; values: unknown[] }): string {
  const literal = (v: unknown) => {
    if (typeof v === "number") return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  return sql.text.replace(/\$(\d+)/g, (_m, i: string) => literal(sql.values[Number(i) - 1])).replace(/\s+/g, " ").trim();
}

/** The newest 73 Japan days of tickets: ~100k at the fill's 1,370 a day. */
async function csvDays(ctx: BenchContext): Promise<{ from: string; to: string }> {
  const db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ to: string; from: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS "to", to_char(d - 72, 'YYYY-MM-DD') AS "from"
       FROM (SELECT (max("createdAt") AT TIME ZONE 'Asia/Tokyo')::date AS d FROM "Ticket") m`,
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

async function csvRows(ctx: BenchContext, days: { from: string; to: string }, exportSql: { text: string; values: unknown[] }): Promise<BenchRow[]> {
  const { from, to } = days;
  // The route's own statement (dates as the URL gives them), run by psql.
  const select = inline(exportSql);
  const url = `${ctx.origin}/api/admin/tickets.csv?status=all&from=${from}&to=${to}`;

  // Uncompressed, as psql writes its file; a browser asks for gzip, which the server's compression
  // then spends about as long again on (timed once, shown beside).
  const httpOnce = async (encoding = "identity") => {
    const rssBefore = treeRssBytes(ctx.serverPid);
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(ctx.serverPid))), 50);
    const t0 = performance.now();
    try {
      const response = await fetch(url, { headers: { cookie: ctx.adminCookie, "accept-encoding": encoding } });
      if (response.status !== 200 || !response.body) throw new Error(`${url}: ${response.status}`);
      let bytes = 0;
      let lines = 0;
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        bytes += next.value.length;
        for (const b of next.value) if (b === 10) lines++;
      }
      return { seconds: (performance.now() - t0) / 1000, bytes, rows: lines - 1, rssGrowth: peak - rssBefore };
    } finally {
      clearInterval(timer);
    }
  };
  const psqlOnce = () =>
    new Promise<{ seconds: number; rows: number }>((resolve, reject) => {
      const file = path.join(ctx.tmpDir, "admin-copy.csv");
      const t0 = performance.now();
      const child = spawn("/usr/bin/psql", [ctx.databaseUrl, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy (${select}) TO '${file}' WITH (FORMAT csv, HEADER)`], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (out += d));
      child.on("error", reject);
      child.on("exit", (code) => {
        if (code !== 0) return reject(new Error(`psql \\copy exited ${code}: ${out}`));
        const seconds = (performance.now() - t0) / 1000;
        // The file's lines (no column of these rows holds a newline, as the HTTP side counts them too).
        let lines = 0;
        for (const b of readFileSync(file)) if (b === 10) lines++;
        resolve({ seconds, rows: lines - 1 });
      });
    });

  // Back to back, alternating, median of three each.
  const http: Awaited<ReturnType<typeof httpOnce>>[] = [];
  const copy: Awaited<ReturnType<typeof psqlOnce>>[] = [];
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
    copy.push(await psqlOnce());
    http.push(await httpOnce());
  }
  const gzip = await httpOnce("gzip");
  const mid = <T extends { seconds: number }>(xs: T[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)];
  const h = mid(http);
  const c = mid(copy);
  const rss = Math.max(...http.map((r) => r.rssGrowth));
  const ratio = h.seconds / c.seconds;
  ctx.say(`CSV ${n(h.rows)} rows: HTTP ${h.seconds.toFixed(2)} s, psql \\copy ${c.seconds.toFixed(2)} s (x${ratio.toFixed(2)}), server RSS +${(rss / 1048576).toFixed(0)} MB`);
  return [
    {
      section: "admin",
      case: `CSV export, ${n(h.rows)} tickets (${from} – ${to}), GET /api/admin/tickets.csv`,
      tebiki: `${h.seconds.toFixed(2)} s uncompressed (${(h.bytes / 1048576).toFixed(1)} MB, x${ratio.toFixed(2)} of psql), ${gzip.seconds.toFixed(2)} s with gzip; server RSS +${(rss / 1048576).toFixed(0)} MB at peak`,
      baseline: `psql \\copy of the same SELECT: ${c.seconds.toFixed(2)} s (${n(c.rows)} rows)`,
      goal: "<= 2x psql \\copy, flat memory",
      met: ratio <= 2 && h.rows === c.rows,
      load: ctx.loadAverage(),
      ...(ratio > 2
        ? { note: "CPU profile: the database's FETCHes now overlap the formatting; what is left is JavaScript's per-row work (row objects, GC, UTF-8 encoding) on the shared CPUs, where psql formats in C (decision 0036, round 2)" }
        : {}),
    },
  ];
}

/**
 * The intake rows' tickets (scripts/bench/intake.ts, idempotency keys "bench-<run>-...") are the
 * newest of the database and all about one thing: left in, they are the first thousands of rows every
 * list walks, and they pile up run after run. The admin rows measure the fill's million (decision 0036,
 * round 2: 3,457 of them left the frequent-word searches' first window without a match).
 */
async function removeIntakeTickets(ctx: BenchContext) {
  const db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query(`DELETE FROM "Ticket" WHERE "idempotencyKey" LIKE 'bench-%'`);
    if (rowCount) {
      await db.query(`ANALYZE "Ticket"`);
      ctx.say(`removed ${n(rowCount)} tickets the intake rows created`);
    }
  } finally {
    await db.end();
  }
}

export const adminCases: BenchCases = async (ctx) => {
  const rows: BenchRow[] = [];
  await removeIntakeTickets(ctx);
  const days = await csvDays(ctx);
  const { results, exportSql } = await runFunctions(ctx, ctx.quick ? 20 : 100, ctx.quick ? 5_000 : 20_000, days);
  const goal = { list: 50, search: 100, dashboard: 100 } as const;
  for (const r of results) {
    const est = r.group === "search" ? (r.estimated ? "; counts estimated" : "; counts exact (≤ 1,000)") : "";
    rows.push({
      section: "admin",
      case: `${r.group === "list" ? "list" : r.group === "search" ? "search" : "dashboard"}: ${r.name}, 1M tickets (${r.runs} runs)`,
      tebiki: `p50 ${ms(r.appP50)} ms, p95 ${ms(r.appP95)} ms${r.group !== "dashboard" ? `, ${r.rows} rows` : ""}${est}`,
      baseline: `its SQL alone: p50 ${ms(r.sqlP50)} ms, p95 ${ms(r.sqlP95)} ms`,
      goal: `p95 < ${goal[r.group]} ms`,
      met: r.appP95 < goal[r.group],
      load: ctx.loadAverage(),
      ...(r.appP95 >= goal[r.group]
        ? {
            note:
              r.sqlP95 >= goal[r.group] * 0.8
                ? `its statements alone took as long (p95 ${ms(r.sqlP95)} ms): the database's time at this load, not the app's (plans in decision 0036)`
                : `the app's side on top of its statements (p95 ${ms(r.sqlP95)} ms alone)`,
          }
        : {}),
    });
  }
  const fn = (name: string) => results.find((r) => r.name === name);
  const pages: [string, string, string, AdminFunctionResult | undefined][] = [
    ["HTTP GET /admin/tickets (default list page)", "/admin/tickets", "data-ticket-row", fn("default (new tab, newest first)")],
    ["HTTP GET /admin/tickets?status=all&q=証明書 (search page)", `/admin/tickets?status=all&q=${encodeURIComponent("証明書")}`, "data-ticket-row", fn("証明書 (common, ja)")],
    ["HTTP GET /admin/tickets?status=all&q=Thunderbird (rare word)", "/admin/tickets?status=all&q=Thunderbird", "data-ticket-row", fn("Thunderbird (rare, en)")],
  ];
  // A failed HTTP case is a row that says so: the function rows above stand on their own.
  const failed = (name: string, goal: string, error: unknown): BenchRow => ({
    section: "admin", case: name, tebiki: "failed", baseline: "", goal, met: false, load: ctx.loadAverage(), note: String(error).slice(0, 300),
  });
  for (const [name, pathname, mark, functions] of pages) {
    const limit = pathname.includes("q=") ? 100 : 50;
    let t: Awaited<ReturnType<typeof timePage>>;
    try {
      t = await timePage(ctx, `${ctx.origin}${pathname}`, ctx.quick ? 10 : 40, mark);
    } catch (error) {
      rows.push(failed(name, `p95 < ${limit} ms`, error));
      continue;
    }
    rows.push({
      section: "admin",
      case: `${name}, signed-in admin, one at a time (${t.runs} runs)`,
      tebiki: `p50 ${ms(t.p50)} ms, p95 ${ms(t.p95)} ms, ${Math.round(t.bytes / 1024)} KB (RSC payload ${Math.round(t.rscBytes / 1024)} KB)`,
      baseline: functions ? `its data functions alone: p95 ${ms(functions.appP95)} ms` : "",
      goal: `p95 < ${limit} ms`,
      met: t.p95 < limit,
      load: ctx.loadAverage(),
      ...(t.p95 >= limit
        ? { note: `server CPU profile (BENCH_SERVER_CPU_PROF, load ~5): a page costs ~38 ms of React/Next rendering the ${Math.round(t.bytes / 1024)} KB page (50 rows in HTML and RSC payload), ~14 ms pg driver, ~10 ms GC, ~26 ms waiting on the layout's and page's reads in turn, on 2 shared cores (decision 0036, round 2)` }
        : {}),
    });
  }
  try {
    rows.push(...(await csvRows(ctx, days, exportSql!)));
  } catch (error) {
    rows.push(failed("CSV export, ~100k tickets, GET /api/admin/tickets.csv", "<= 2x psql \\copy, flat memory", error));
  }
  return rows;
};
