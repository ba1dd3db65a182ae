// The response pipeline of server.ts on a real HTTP server, with a handler that answers the way
// Next does (headers first, then the body in chunks).
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responsePipeline } from "@/lib/server/pipeline";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const FIRST = "self.__next_f.push([1,\"a\"])";
const LAST = `self.__next_f.push([1,"${"x".repeat(4000)}"])`;
const PAGE_HEAD = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/main.js" async></script><script>${FIRST}</script>`;
const PAGE_TAIL = `<p>${"本文 ".repeat(500)}</p><script>${LAST}</script></body></html>`;

let server: http.Server;
let closed = 0;
let base = "";

function app(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/page") {
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("ETag", '"v1"');
    if (req.headers["if-none-match"] === '"v1"') {
      res.statusCode = 304;
      res.end();
      return;
    }
    // Like Next's pipeToNodeResponse: flush the headers, then write chunk by chunk.
    res.flushHeaders();
    res.write(PAGE_HEAD);
    setTimeout(() => res.end(PAGE_TAIL), 5);
    return;
  }
  if (url.pathname === "/cached") {
    // Like a cached page from Next: the whole HTML as one string with its Content-Length.
    const html = `<!DOCTYPE html><html><body><p>${"本文 ".repeat(50)}</p><script>self.__v=${JSON.stringify(url.searchParams.get("v"))}</script></body></html>`;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
    res.end(html);
    return;
  }
  if (url.pathname === "/listeners") {
    // Next adds several close listeners to a server action's response (8 in the e2e runs' warning), all released with it.
    const ours = res.listenerCount("close");
    for (let i = 0; i < 9; i++) res.once("close", () => {});
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ ours }));
    return;
  }
  if (url.pathname === "/json") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
    return;
  }
  if (url.pathname === "/events") {
    // Like the live route, minus its no-transform: the pipeline itself must leave the stream alone.
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8" });
    res.write("event: ticket\ndata: {}\n\n");
    const end = setTimeout(() => res.end(), 10_000);
    res.once("close", () => clearTimeout(end));
    return;
  }
  if (url.pathname === "/api-json" || url.pathname === "/flush-only") {
    // Like Next's pipeToNodeResponse for a route handler: flush the headers, then write at once; the
    // socket's writes are counted until the end (issue 14).
    const socket = res.socket!;
    const writeGeneric = (socket as unknown as { _writeGeneric: (...args: unknown[]) => unknown })._writeGeneric;
    let writes = 0;
    (socket as unknown as { _writeGeneric: (...args: unknown[]) => unknown })._writeGeneric = function (this: unknown, ...args: unknown[]) {
      writes++;
      return writeGeneric.apply(this, args);
    };
    res.setHeader("Content-Type", "application/json");
    res.flushHeaders();
    if (url.pathname === "/api-json") res.write(JSON.stringify({ ok: true }));
    // /flush-only writes nothing yet (an event stream waiting for its first event): its headers must
    // still go out; the client ends it once it has them.
    const end = setTimeout(() => res.end(`\n${writes}`), url.pathname === "/api-json" ? 20 : 10_000);
    res.once("close", () => clearTimeout(end));
    return;
  }
  if (url.pathname === "/client") {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ ip: req.headers["x-forwarded-for"], proto: req.headers["x-forwarded-proto"] }));
    return;
  }
  res.statusCode = 404;
  res.end();
}

beforeAll(async () => {
  const prepare = responsePipeline({ dev: false, trustProxy: false });
  server = http.createServer((req, res) => {
    prepare(req, res, () => closed++);
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const scriptSrc = (csp: string | string[] | undefined) => String(csp).split("; ").find((d) => d.startsWith("script-src "));

describe("response pipeline", () => {
  it("lists the hash of every inline script of a streamed page, the last chunk's too, and leaves the body as it was", async () => {
    const res = await get("/page");
    expect(res.status).toBe(200);
    expect(res.body.toString("utf8")).toBe(PAGE_HEAD + PAGE_TAIL);
    expect(scriptSrc(res.headers["content-security-policy"])).toBe(`script-src 'self' ${sha(FIRST)} ${sha(LAST)}`);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["permissions-policy"]).toContain("camera=()");
  });

  it("gives a page sent whole the policy of its current scripts, the same page twice and a changed one", async () => {
    const script = (v: string) => `self.__v=${JSON.stringify(v)}`;
    const first = await get("/cached?v=1");
    const again = await get("/cached?v=1");
    const changed = await get("/cached?v=2");
    for (const [res, v] of [[first, "1"], [again, "1"], [changed, "2"]] as const) {
      expect(scriptSrc(res.headers["content-security-policy"])).toBe(`script-src 'self' ${sha(script(v))}`);
      expect(res.body.toString("utf8")).toContain(`<script>${script(v)}</script>`);
      expect(Number(res.headers["content-length"])).toBe(res.body.length);
    }
  });

  it("adds two close listeners per response, runs onClose once, and lets Next add its own without a leak warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const before = closed;
      const res = await get("/listeners");
      // compression's release of its zlib stream and the drainer's count.
      expect(JSON.parse(res.body.toString("utf8"))).toEqual({ ours: 2 });
      await expect.poll(() => closed - before).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("gzips after hashing when the client accepts it", async () => {
    const res = await get("/page", { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).toString("utf8")).toBe(PAGE_HEAD + PAGE_TAIL);
    expect(scriptSrc(res.headers["content-security-policy"])).toBe(`script-src 'self' ${sha(FIRST)} ${sha(LAST)}`);
  });

  it("sends no policy with a 304, so the cached page keeps its own hashes", async () => {
    const res = await get("/page", { "if-none-match": '"v1"' });
    expect(res.status).toBe(304);
    expect(res.headers["content-security-policy"]).toBeUndefined();
  });

  it("answers HEAD and other types with the policy without hashes", async () => {
    for (const res of [await get("/page", {}, "HEAD"), await get("/json")]) {
      expect(scriptSrc(res.headers["content-security-policy"])).toBe("script-src 'self'");
    }
    expect(JSON.parse((await get("/json")).body.toString())).toEqual({ ok: true });
  });

  it("passes an event stream through at once, uncompressed, while it stays open", async () => {
    const first = await new Promise<{ encoding: string | undefined; chunk: string }>((resolve, reject) => {
      const req = http.get(`${base}/events`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        res.once("data", (chunk: Buffer) => {
          resolve({ encoding: res.headers["content-encoding"], chunk: chunk.toString("utf8") });
          req.destroy();
        });
      });
      req.on("error", reject);
    });
    expect(first).toEqual({ encoding: undefined, chunk: "event: ticket\ndata: {}\n\n" });
  });

  it("sends a route's flushed headers with its first chunk, in one write to the socket", async () => {
    const res = await get("/api-json");
    const [body, writes] = res.body.toString("utf8").split("\n");
    expect(JSON.parse(body)).toEqual({ ok: true });
    expect(scriptSrc(res.headers["content-security-policy"])).toBe("script-src 'self'");
    // Headers and first chunk together: 1 (2 when the headers went out alone).
    expect(Number(writes)).toBe(1);
  });

  it("still sends flushed headers at once when no chunk follows", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${base}/flush-only`, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
    });
    expect(status).toBe(200);
  });

  it("gives the handler the socket's address and scheme, not the client's forwarding headers", async () => {
    const res = await get("/client", { "x-forwarded-for": "10.0.0.1", "x-forwarded-proto": "https", "x-real-ip": "10.0.0.2" });
    expect(JSON.parse(res.body.toString())).toEqual({ ip: "127.0.0.1", proto: "http" });
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });
});
