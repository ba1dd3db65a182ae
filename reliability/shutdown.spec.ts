// SIGTERM under load: three keep-alive connections kept busy (a proxy's upstream pool) and an intake
// load on fresh connections. Every request sent must get a complete response or a clean refusal of
// its connection, and the process must exit with 0 within 10 s (issue 8; `next start` kept answering
// on busy keep-alive connections for 29 s and was SIGKILLed).
//
// One exception, which no server can rule out: a fresh connection that the kernel completed in the
// instant between the process's last accept and its closing the listener is reset by the kernel
// (lib/server/graceful.ts). Such a reset is allowed only for a fresh connection, at the shutdown,
// and only if the process never had the request: a POST reset so stored no ticket under its
// Idempotency-Key (a client retries it safely), and the process exits 0, i.e. it cut no connection
// that had brought a byte. Without this, 4 of 20 runs failed on one or two such resets.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { apiBody } from "../e2e/support/intake";
import { startAppServer, type AppServer } from "./support/app-server";
import { startTestPostgres, type TestPostgres } from "./support/postgres";

type Outcome = "complete" | "refused" | "reset-mid-response" | "no-response";
type Sent = {
  outcome: Outcome;
  afterSignal: boolean;
  /** When the outcome was known, for a reset: after the signal or not. */
  endedAfterSignal: boolean;
  connectionClose?: boolean;
  /** Sent on a keep-alive connection that had carried a response before. */
  reusedSocket?: boolean;
  idempotencyKey?: string;
  detail?: string;
};

function send(url: string, options: http.RequestOptions, body?: string): Promise<Omit<Sent, "afterSignal" | "endedAfterSignal">> {
  return new Promise((resolve) => {
    let responded = false;
    const req: http.ClientRequest = http.request(url, options, (res) => {
      responded = true;
      res.on("data", () => {});
      res.on("end", () =>
        resolve(res.complete ? { outcome: "complete", connectionClose: res.headers.connection === "close" } : { outcome: "reset-mid-response" }),
      );
      res.on("error", (error) => resolve({ outcome: "reset-mid-response", detail: error.message }));
      res.on("aborted", () => resolve({ outcome: "reset-mid-response", detail: "aborted" }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (responded) return;
      resolve(
        error.code === "ECONNREFUSED"
          ? { outcome: "refused" }
          : { outcome: "no-response", reusedSocket: req.reusedSocket, detail: `${error.code ?? ""} ${error.message}` },
      );
    });
    req.end(body);
  });
}

let app: AppServer | undefined;
let db: TestPostgres | undefined;

test.afterEach(async () => {
  await app?.stop("SIGKILL");
  await db?.dispose();
});

test("SIGTERM under keep-alive and intake load: nothing dropped, exit 0 within 10 s", async () => {
  // TRUST_PROXY: each intake request names its own client, so the per-IP limit stays out of the way.
  db = await startTestPostgres("shutdown");
  app = await startAppServer({ env: { TRUST_PROXY: "true", DATABASE_URL: db.url } });
  const url = app.url;
  const pool = new http.Agent({ keepAlive: true, maxSockets: 3 });
  const sent: Sent[] = [];
  let signalledAt = 0;

  // Busy keep-alive connections: each loop sends its next request as soon as the last one ends.
  const paths = ["/ja/contact", "/ja/guides/jaist-sso", "/api/health", "/en/contact"];
  const busy = async (n: number) => {
    for (let i = 0; ; i++) {
      const before = signalledAt > 0;
      const result = await send(`${url}${paths[(n + i) % paths.length]}`, { agent: pool });
      sent.push({ ...result, afterSignal: before, endedAfterSignal: signalledAt > 0 });
      if (result.outcome !== "complete") return;
    }
  };
  // Intake load: a new connection per submission.
  const intake = async () => {
    for (;;) {
      const body = JSON.stringify(apiBody());
      const idempotencyKey = randomUUID();
      const before = signalledAt > 0;
      const result = await send(
        `${url}/api/v1/tickets`,
        {
          method: "POST",
          agent: false,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "idempotency-key": idempotencyKey,
            "x-forwarded-for": `198.18.${randomUUID()}`,
          },
        },
        body,
      );
      sent.push({ ...result, afterSignal: before, endedAfterSignal: signalledAt > 0, idempotencyKey });
      if (result.outcome !== "complete") return;
    }
  };
  const loops = [busy(0), busy(1), busy(2), intake(), intake()];

  // Load running on all connections before the signal.
  await expect.poll(() => sent.filter((s) => s.outcome === "complete").length, { timeout: 60_000 }).toBeGreaterThan(40);
  signalledAt = Date.now();
  app.child.kill("SIGTERM");
  // A deadline, not a pause: a process still running 12 s after SIGTERM has failed (a supervisor
  // would SIGKILL it at 10 s); kill it so the loops end and the numbers can be reported.
  let deadline: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    app.exited,
    new Promise<"still running">((resolve) => (deadline = setTimeout(() => resolve("still running"), 12_000))),
  ]);
  clearTimeout(deadline);
  const stoppedInMs = Date.now() - signalledAt;
  if (exit === "still running") await app.stop("SIGKILL");
  await Promise.all(loops);
  pool.destroy();

  // Resets the kernel made at the listener's close (see the top): fresh connections, at the shutdown.
  const stored = new Set(
    (await db.query<{ idempotencyKey: string }>(`SELECT "idempotencyKey" FROM "Ticket" WHERE "idempotencyKey" IS NOT NULL`)).map((r) => r.idempotencyKey),
  );
  const resetByKernel = sent.filter(
    (s) =>
      s.outcome === "no-response" &&
      s.endedAfterSignal &&
      !s.reusedSocket &&
      s.detail?.startsWith("ECONNRESET") &&
      !(s.idempotencyKey && stored.has(s.idempotencyKey)),
  );
  const count = (outcome: Outcome) => sent.filter((s) => s.outcome === outcome).length;
  const summary = {
    complete: count("complete"),
    refused: count("refused"),
    resetMidResponse: count("reset-mid-response"),
    noResponse: count("no-response"),
    resetByKernelAtClose: resetByKernel.length,
    answeredWithConnectionClose: sent.filter((s) => s.connectionClose).length,
    stoppedInMs,
    exit,
  };
  console.log(`shutdown under load: ${JSON.stringify(summary)}`);
  const problems = sent.filter((s) => (s.outcome === "reset-mid-response" || s.outcome === "no-response") && !resetByKernel.includes(s));
  expect(problems, app.output()).toEqual([]);
  // Every loop ended on a refused (or, see above, kernel-reset) connection: the listener was closed, nothing hung.
  expect(summary.refused + resetByKernel.length).toBe(loops.length);
  // The drainer cut nothing: it exits 1 when the deadline cut a connection.
  expect(exit, app.output()).toEqual({ code: 0, signal: null });
  expect(stoppedInMs).toBeLessThan(10_000);
});
