// The bench contract (issue 14, docs/decisions/0033-benchmark-harness.md): scripts/bench.ts builds a
// BenchContext and runs the case modules scripts/bench/{admin,web,intake}.ts, each a BenchCases.
// Fields may be added here, never renamed: the case modules are written against these names.

export type WrkResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
  /** Server CPU (utime+stime of the server pid and children) during the run / requests; null when not measured. */
  cpuMsPerRequest: number | null;
};

export type WrkOptions = {
  url: string;
  connections: number;
  seconds: number;
  threads?: number;
  headers?: Record<string, string>;
  method?: string;
  body?: string;
  /** Lua for wrk -s, e.g. a request() that makes each POST body unique. */
  lua?: string;
  /** Measure the origin server's CPU during this run. */
  measureServerCpu?: boolean;
  /** With measureServerCpu: the server processes whose CPU counts (default: the one production server). */
  serverPids?: number[];
};

/** The production server run as two instances, one per core, behind nginx balancing without a cache. */
export type OriginPair = {
  /** nginx's base URL: round robin over both instances, with deploy/nginx.conf's upstream settings. */
  url: string;
  /** Both servers' pids (the first is `serverPid`), for their CPU. */
  pids: number[];
};

export type BenchContext = {
  /** The production server (server.ts, NODE_ENV=production, `next build` output) on the bench database. */
  origin: string; // e.g. "http://127.0.0.1:41234"
  /** For RSS (/proc/<pid>/status VmRSS) and CPU. */
  serverPid: number;
  /** The bench database: 1,000,000 generated tickets (fill of scripts/bench-tickets.ts), migrated. */
  databaseUrl: string;
  /** Cookie header value of a signed-in admin on `origin` (staff bench-admin@example.edu). */
  adminCookie: string;
  /** wrk --latency (threads default 2, timeout 30 s). A GET without `lua` is sent once first and must
   *  answer 2xx (wrk itself counts only statuses >= 400 as errors); an error in the Lua fails the run. */
  wrk(options: WrkOptions): Promise<WrkResult>;
  /** nginx serving `dir` as static files with a plain static config; returns its base URL. */
  nginxStatic(dir: string): Promise<string>;
  /** nginx running deploy/nginx.conf (owned by [web]) in front of `origin`, its cache dir in a temp dir;
   *  returns its base URL. */
  nginxProxy(): Promise<string>;
  /** A second instance of the production server on the same database (started on the first call, kept
   *  for the rest of the run) and nginx balancing over both without caching: the origin as a 2-core
   *  deployment runs it, Node serving on one thread per process (decision 0037). */
  originPair(): Promise<OriginPair>;
  /** "1.23 0.98 0.75" from /proc/loadavg, read now. */
  loadAverage(): string;
  /** --quick: shorter runs (the harness passes 5 s instead of 15 s etc.); cases should honour it. */
  quick: boolean;
  say(line: string): void;
  /** A scratch directory removed at the end. */
  tmpDir: string;
  /** Mails the bench's SMTP sink (the server's SMTP_URL) has accepted so far: the outbox drains into it. */
  mailsReceived(): number;
};

export type BenchRow = {
  section: "help pages" | "intake" | "admin" | "resources";
  case: string; // e.g. "guide step page, wrk -t2 -c64 15 s"
  tebiki: string; // e.g. "1,310 req/s, p50 40 ms, p99 120 ms, 1.4 ms CPU/req"
  baseline: string; // e.g. "nginx, same HTML: 86,641 req/s, p99 5.8 ms" or "" when none
  goal: string; // e.g. ">= 1,200 req/s"
  met: boolean | null; // null: no goal
  load: string; // loadAverage() right after the row was measured
  note?: string; // cause, when a goal is not met
};

export type BenchCases = (ctx: BenchContext) => Promise<BenchRow[]>;
