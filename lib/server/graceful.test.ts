// The shutdown of server.ts's HTTP server (lib/server/graceful.ts) on a real server and real sockets.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import tls from "node:tls";
import { afterEach, describe, expect, it, vi } from "vitest";
import { drainer, type Drainer } from "@/lib/server/graceful";

let server: http.Server | https.Server | undefined;
const TLS_DIR = path.join(process.cwd(), "reliability", "support", "tls");

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function start(): Promise<{ port: number; connections: Drainer }> {
  server = http.createServer();
  const connections = drainer(server);
  server.on("request", (req, res) => {
    res.once("close", connections.track(req));
    connections.beforeHeaders(res);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, connections };
}

/** A raw client: connects, sends one GET when connected, and reports what came back before the close. */
function client(port: number, { send = true } = {}): { socket: net.Socket; answer: Promise<string> } {
  const socket = net.connect(port, "127.0.0.1");
  const answer = new Promise<string>((resolve) => {
    let text = "";
    if (send) socket.once("connect", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
    socket.once("close", () => resolve(text));
  });
  return { socket, answer };
}

/** The event loop kept busy, as a page render keeps it. */
function busy(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe("graceful shutdown", () => {
  it("serves the connections the kernel had completed but the process had not yet accepted", async () => {
    const { port, connections } = await start();
    const clients = Array.from({ length: 40 }, () => client(port));
    // net.connect issues its connect() on the next tick for an address literal.
    await new Promise<void>((resolve) => process.nextTick(resolve));
    // The handshakes complete in the kernel while the process is busy and accepts nothing; a SIGTERM
    // arrives at the end of such a turn. Closing the listener now would reset them all.
    busy(50);
    const drained = connections.shutdown(5_000);
    const answers = await Promise.all(clients.map((c) => c.answer));
    const served = answers.filter((a) => a.startsWith("HTTP/1.1 200"));
    expect(served.length, answers.filter((a) => !served.includes(a)).join("\n")).toBe(clients.length);
    expect(await drained).toEqual({ forced: 0 });
    // The listener is closed: a new connection is refused.
    expect(await client(port).answer).toBe("error ECONNREFUSED");
  });

  it("closes a connection that brings no request within the grace, so the shutdown needs no deadline", async () => {
    const { port, connections } = await start();
    const silent = client(port, { send: false });
    await new Promise<void>((resolve) => silent.socket.once("connect", () => resolve()));
    const drained = connections.shutdown(30_000);
    expect(await silent.answer).toBe("");
    expect(await drained).toEqual({ forced: 0 });
  });

  it("waits for a request whose headers are still arriving when the grace ends", async () => {
    const { port, connections } = await start();
    const partial = client(port, { send: false });
    await new Promise<void>((resolve) => partial.socket.once("connect", () => resolve()));
    let partialEnded = false;
    void partial.answer.then(() => (partialEnded = true));
    partial.socket.write("GET / HTTP/1.1\r\nHost: x\r\n");
    // Connected after the partial one, so its grace ends no earlier: once it is closed, the partial
    // one's grace has ended too.
    const silent = client(port, { send: false });
    await new Promise<void>((resolve) => silent.socket.once("connect", () => resolve()));
    const drained = connections.shutdown(30_000);
    expect(await silent.answer).toBe("");
    expect(partialEnded).toBe(false);
    partial.socket.write("\r\n");
    expect(await partial.answer).toMatch(/^HTTP\/1\.1 200 .*\r\nconnection: close\r\n/is);
    expect(await drained).toEqual({ forced: 0 });
  });

  it("over TLS too: a connection that brings no request after its handshake is closed within the grace", async () => {
    server = https.createServer({ cert: readFileSync(path.join(TLS_DIR, "test-only.crt")), key: readFileSync(path.join(TLS_DIR, "test-only.key")) });
    const connections = drainer(server, { secure: true });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    // A browser's preconnect: the handshake, then nothing.
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false });
    await new Promise<void>((resolve) => socket.once("secureConnect", () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => {});
    const drained = connections.shutdown(5_000);
    await closed;
    // The handshake's bytes are not part of a request: nothing is left for the deadline to cut.
    expect(await drained).toEqual({ forced: 0 });
  });

  it("answers a keep-alive connection's next request with Connection: close", async () => {
    const { port, connections } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
        http
          .get(`http://127.0.0.1:${port}/`, { agent }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode, connection: res.headers.connection }));
          })
          .on("error", reject);
      });
    expect(await get()).toEqual({ status: 200, connection: "keep-alive" });
    const drained = connections.shutdown(30_000);
    await vi.waitFor(() => expect(server!.listening).toBe(false));
    // The same socket, idle when the listener closed: its next request is served, then it closes.
    expect(await get()).toEqual({ status: 200, connection: "close" });
    expect(await drained).toEqual({ forced: 0 });
    agent.destroy();
  });
});
