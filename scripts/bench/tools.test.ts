// The bench's measuring tools against real programs: wrk's output as wrk prints it (a tiny local HTTP
// server answering fixed statuses, some slowly), POST bodies and Lua reaching the server, the server
// CPU sampled from /proc. A misparsed figure would not fail the bench; it would print a wrong table.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cleanup, formatWrk, luaLongString, nginxControl, NGINX, parseDurationMs, parseWrkOutput, productionServerCommand, renderNginxTemplate, treeCpuMs, wrkRunner } from "./tools";

const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;
const hasNginx = NGINX.candidates.some((c) => typeof c === "string" && existsSync(c));

let server: Server;
let base = "";
let scratch = "";
const posted: { method: string; body: string; header: string | undefined }[] = [];
let slowSeen = 0;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "bench-tools-"));
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://x");
      if (url.pathname === "/missing") {
        response.writeHead(404).end("no");
      } else if (url.pathname === "/slow") {
        // Every tenth request waits 1.1 s: p99 must show it (wrk prints it in seconds), p50 must not.
        slowSeen++;
        const wait = slowSeen % 10 === 0 ? 1100 : 0;
        setTimeout(() => response.writeHead(200).end("ok"), wait);
      } else if (url.pathname === "/post") {
        if (posted.length < 1000) posted.push({ method: request.method ?? "", body, header: request.headers["x-bench"] as string | undefined });
        response.writeHead(201).end("created");
      } else if (url.pathname === "/redirect") {
        response.writeHead(302, { location: "/" }).end();
      } else {
        response.writeHead(200).end("ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe("the production server's command", () => {
  it("takes npm start's environment and node flags, so the bench runs the server as production does", () => {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { scripts: { start: string } };
    const command = productionServerCommand(pkg.scripts.start);
    expect(command.env.MALLOC_ARENA_MAX).toBe("2");
    expect(command.nodeArgs).toEqual(expect.arrayContaining(["--import", "tsx"]));
    expect(productionServerCommand("tsx scripts/with-db.ts --migrate -- node --import tsx server.ts")).toEqual({ env: {}, nodeArgs: ["--import", "tsx"] });
    expect(() => productionServerCommand("next start")).toThrow(/start script/);
  });
});

describe("wrk output", () => {
  it("reads durations in every unit wrk prints", () => {
    expect(parseDurationMs("850.12us")).toBeCloseTo(0.85012);
    expect(parseDurationMs("4.40ms")).toBe(4.4);
    expect(parseDurationMs("1.02s")).toBe(1020);
    expect(parseDurationMs("2.00m")).toBe(120_000);
    expect(() => parseDurationMs("fast")).toThrow();
  });

  it("formats a result as the table shows it", () => {
    const base = { requests: 1, seconds: 15, rps: 1310.4, p50Ms: 40.2, p99Ms: 5.84, non2xx: 0, socketErrors: 0, cpuMsPerRequest: 1.44 };
    expect(formatWrk(base)).toBe("1,310 req/s, p50 40 ms, p99 5.8 ms, 1.4 ms CPU/req");
    expect(formatWrk({ ...base, cpuMsPerRequest: null, non2xx: 12, socketErrors: 3, p50Ms: 0.474 })).toBe(
      "1,310 req/s, p50 0.47 ms, p99 5.8 ms, 12 responses >= 400, 3 socket errors",
    );
  });

  it("refuses output without a summary rather than reading zeros", () => {
    expect(() => parseWrkOutput("unable to connect to 127.0.0.1:1 Connection refused")).toThrow(/summary/);
  });

  it("keeps a body with brackets and quotes as it is in Lua", () => {
    const text = 'a ]] b ]=] "c" \\n';
    const literal = luaLongString(text);
    expect(literal.startsWith("[==[\n")).toBe(true);
    expect(literal.endsWith("]==]")).toBe(true);
  });

  it.runIf(hasWrk)("parses a real run: requests, rate, percentiles, CPU of this process", async () => {
    const runner = wrkRunner(() => process.pid, scratch);
    const result = await runner.wrk({ url: `${base}/slow`, connections: 4, threads: 1, seconds: 3, measureServerCpu: true });
    expect(result.requests).toBeGreaterThan(20);
    // Seconds, not milliseconds or minutes: at least the 3 s asked for, nowhere near a minute.
    expect(result.seconds).toBeGreaterThan(2.5);
    expect(result.seconds).toBeLessThan(60);
    // wrk's rate is requests over its own measured duration (printed to 10 ms, hence 1 %).
    expect(Math.abs(result.rps - result.requests / result.seconds) / result.rps).toBeLessThan(0.01);
    expect(result.p50Ms).toBeLessThan(1000);
    expect(result.p99Ms).toBeGreaterThanOrEqual(1090);
    expect(result.non2xx).toBe(0);
    expect(result.socketErrors).toBe(0);
    // This test process is the server here: it did work for every request.
    expect(result.cpuMsPerRequest).not.toBeNull();
    expect(result.cpuMsPerRequest!).toBeGreaterThan(0);
  });

  it.runIf(hasWrk)("counts error statuses", async () => {
    const runner = wrkRunner(() => undefined, scratch);
    const result = await runner.wrk({ url: `${base}/missing`, connections: 2, threads: 1, seconds: 1, lua: "-- any script skips the first-request check" });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.non2xx).toBe(result.requests);
    expect(result.cpuMsPerRequest).toBeNull();
  });

  it.runIf(hasWrk)("stops on an error in the Lua script, after which wrk would send plain GETs", async () => {
    const runner = wrkRunner(() => undefined, scratch);
    await expect(runner.wrk({ url: `${base}/post`, connections: 1, threads: 1, seconds: 1, method: "POST", lua: "request = function( return" })).rejects.toThrow(/unexpected|expected/);
  });

  it.runIf(hasWrk)("stops on a GET that does not answer 2xx, which wrk would count as success", async () => {
    const runner = wrkRunner(() => undefined, scratch);
    await expect(runner.wrk({ url: `${base}/redirect`, connections: 1, seconds: 1 })).rejects.toThrow(/302/);
  });

  it.runIf(hasWrk)("sends the method, body, headers and the caller's Lua", async () => {
    posted.length = 0;
    const runner = wrkRunner(() => undefined, scratch);
    const body = '{"subject":"証明書 ]] \\"quoted\\"","n":1}';
    const lua = `
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, wrk.body .. "#" .. counter)
end`;
    const result = await runner.wrk({
      url: `${base}/post`,
      connections: 2,
      threads: 1,
      seconds: 1,
      method: "POST",
      body,
      headers: { "X-Bench": "yes", "Content-Type": "application/json" },
      lua,
    });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.non2xx).toBe(0);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted[0].method).toBe("POST");
    expect(posted[0].header).toBe("yes");
    expect(posted[0].body.startsWith(`${body}#`)).toBe(true);
    // The Lua made each body unique.
    expect(new Set(posted.map((p) => p.body)).size).toBe(posted.length);
  });
});

describe("server CPU", () => {
  it("agrees with the process's own account of its CPU time", () => {
    const before = treeCpuMs(process.pid);
    const own = process.cpuUsage();
    // Work until the process itself counts 200 ms of CPU, however long that takes on a busy machine.
    let x = 0;
    while ((process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000 < 200) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
    const ownMs = (process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000;
    const fromProc = treeCpuMs(process.pid) - before;
    expect(x).toBeGreaterThan(0);
    // /proc counts in clock ticks (10 ms); other threads of this process (GC, vitest) add a little.
    expect(fromProc).toBeGreaterThanOrEqual(ownMs - 20);
    expect(fromProc).toBeLessThan(ownMs * 2 + 100);
  });
});

describe("nginx", () => {
  it("replaces exactly the template's four tokens and keeps nginx's own variables", () => {
    const template = [
      "user www-data;",
      "proxy_cache_path ${CACHE_DIR} keys_zone=t:1m;",
      "upstream app { server ${UPSTREAM}; }",
      "server { listen ${LISTEN}; server_name ${SERVER_NAME};",
      '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; add_header X-Where "${scheme}://${host}"; }',
    ].join("\n");
    const out = renderNginxTemplate(template, { LISTEN: "127.0.0.1:8080", UPSTREAM: "127.0.0.1:3000", CACHE_DIR: "/tmp/c", SERVER_NAME: "localhost" });
    expect(out).toContain("proxy_cache_path /tmp/c keys_zone");
    expect(out).toContain("server 127.0.0.1:3000;");
    expect(out).toContain("listen 127.0.0.1:8080; server_name localhost;");
    expect(out).toContain("$proxy_add_x_forwarded_for");
    expect(out).toContain('"${scheme}://${host}"');
    expect(out).not.toContain("user www-data");
  });

  it.runIf(hasNginx)("serves a directory, and proxies to an origin through the template, and stops", async () => {
    const cleanup = new Cleanup();
    const dir = path.join(scratch, "site");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "page.html"), "<p>same html</p>");
    const template = path.join(scratch, "proxy.conf");
    writeFileSync(template, readFileSync(path.join(process.cwd(), "scripts", "bench", "nginx-proxy.fallback.conf"), "utf8"));
    try {
      const nginx = await nginxControl({ workDir: path.join(scratch, "nginx"), cleanup, proxyTemplate: template });
      const staticBase = await nginx.nginxStatic(dir);
      expect(await (await fetch(`${staticBase}/page.html`)).text()).toBe("<p>same html</p>");
      const proxyBase = await nginx.nginxProxy(base);
      posted.length = 0;
      const proxied = await fetch(`${proxyBase}/post`, { method: "POST", body: "via nginx", headers: { "x-bench": "proxied" } });
      expect(proxied.status).toBe(201);
      expect(posted.at(-1)).toEqual({ method: "POST", body: "via nginx", header: "proxied" });
    } finally {
      await cleanup.runAll();
    }
    // Master and workers gone: nothing runs from the scratch directory any more.
    expect(spawnSync("pgrep", ["-f", path.join(scratch, "nginx")]).stdout.toString().trim()).toBe("");
  });

  it.runIf(hasNginx)("balances deploy/nginx.conf over two instances without caching, passing each request's client address", async () => {
    const cleanup = new Cleanup();
    const seen: { instance: number; forwardedFor: string | undefined }[] = [];
    const instances = [1, 2].map((instance) =>
      createServer((request, response) => {
        seen.push({ instance, forwardedFor: request.headers["x-forwarded-for"] as string | undefined });
        // What a help page answers: the shared cache would keep it for 30 s.
        response.writeHead(200, { "Cache-Control": "public, s-maxage=30" }).end(`instance ${instance}`);
      }),
    );
    const origins = await Promise.all(
      instances.map((s) => new Promise<string>((resolve) => s.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)))),
    );
    try {
      const nginx = await nginxControl({ workDir: path.join(scratch, "balancer"), cleanup });
      const url = await nginx.nginxBalancer(origins);
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${url}/ja/guides/page`, { headers: { "x-forwarded-for": `2001:db8::${i}` } });
        expect(response.status).toBe(200);
        await response.text();
      }
      // Every request reached an instance (nothing answered from a cache), both instances served,
      // and each saw the address the request named, not nginx's own.
      expect(seen).toHaveLength(6);
      expect(new Set(seen.map((s) => s.instance))).toEqual(new Set([1, 2]));
      expect(seen.map((s) => s.forwardedFor)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `2001:db8::${i}`));
    } finally {
      await cleanup.runAll();
      await Promise.all(instances.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });
});
