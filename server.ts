// The app's HTTP(S) server: Next's request handler behind a thin layer that Next's own `next start`
// cannot provide (docs/decisions/0010-custom-server.md):
// - forwarding headers are believed only from a trusted proxy; otherwise the socket decides the
//   client address and scheme (lib/server/forwarded.ts, 0008);
// - security headers on every response, and a CSP that lists the hashes of each HTML page's inline
//   scripts, so that pages stay pre-rendered (lib/server/html-policy.ts);
// - graceful shutdown on SIGTERM/SIGINT within 10 s (lib/server/graceful.ts).
//
// `tsx server.ts [--dev] [-p PORT] [-H HOST]`; `npm start` and `npm run dev` run it through
// scripts/with-db.ts (migrations, embedded PostgreSQL).
import { existsSync, readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import path from "node:path";
import type { NextConfig } from "next";
import { parseEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { drainer } from "@/lib/server/graceful";
import { responsePipeline } from "@/lib/server/pipeline";
import { runShutdownHooks, runShutdownStartHooks } from "@/lib/shutdown";

/** Connections still open this long after SIGTERM are cut, leaving time to stop the rest within 10 s. */
const DRAIN_MS = 7_500;
const EXIT_DEADLINE_MS = 9_500;

function option(args: string[], names: string[]): string | undefined {
  const at = args.findIndex((a) => names.includes(a));
  return at === -1 ? undefined : args[at + 1];
}

async function main() {
  const args = process.argv.slice(2);
  const dev = args.includes("--dev");
  const port = Number(option(args, ["-p", "--port"]) ?? process.env.PORT ?? 3000);
  const hostname = option(args, ["-H", "--hostname"]) ?? "0.0.0.0";
  // Before Next (and React) load: they pick their development or production builds from it.
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  const env = parseEnv(process.env);

  // Where this instance reaches itself: a publish on any instance makes each one mark its own
  // pre-rendered help pages stale through a local route (lib/content-live/sync.ts).
  const selfHost = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
  process.env.TEBIKI_SELF_ORIGIN = `${env.TLS_CERT_FILE && env.TLS_KEY_FILE ? "https" : "http"}://${selfHost}:${port}`;
  const tls = env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { cert: readFileSync(env.TLS_CERT_FILE), key: readFileSync(env.TLS_KEY_FILE) } : undefined;
  const server = tls ? https.createServer(tls) : http.createServer();
  const connections = drainer(server, { secure: Boolean(tls) });

  // tsx turns Node's source-map support on for the whole process; Next's server bundles then have
  // their maps (41 MB of .map files) read and kept as each one loads: ~60 MB of heap and startup CPU
  // in production (issue 14, docs/decisions/0034). `next start` runs without them too; stack traces
  // of production errors name bundle positions.
  if (!dev) process.setSourceMapsEnabled(false);
  // Production takes the configuration the build serialized (.next/required-server-files.json) instead
  // of compiling next.config.ts at every start: that compile loads Next's SWC binary, ~22 MB of
  // resident memory for the process's life (issue 14, docs/decisions/0034). Next's own standalone
  // server (.next/standalone/server.js) passes it the same two ways: as `conf`, and in this variable,
  // which its router's second config load reads instead of the file.
  const serverFiles = path.join(process.cwd(), ".next", "required-server-files.json");
  if (!dev && !existsSync(serverFiles)) throw new Error(`no production build (${serverFiles} is missing): run \`npm run build\` first`);
  const conf = dev ? undefined : (JSON.parse(readFileSync(serverFiles, "utf8")) as { config: NextConfig }).config;
  if (conf) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), hostname, port, httpServer: server, conf });
  const handle = app.getRequestHandler();
  const prepare = responsePipeline({
    dev,
    trustProxy: env.TRUST_PROXY,
    // next-auth's SSO sign-in form redirects to the identity provider; form-action covers redirects.
    formActionOrigins: env.OIDC_ISSUER ? [new URL(env.OIDC_ISSUER).origin] : [],
    beforeHeaders: (res) => connections.beforeHeaders(res),
  });

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    prepare(req, res, connections.track(req));
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error instanceof Error ? error.message : String(error), url: req.url }, "request handler failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: no new connections; finishing requests in flight");
    // Whatever happens below, the process is gone before a supervisor's SIGKILL (commonly 10 s).
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, EXIT_DEADLINE_MS);
    void (async () => {
      const report = (error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error) }, "shutdown step failed");
      // Ends the live update streams (lib/live/hub.ts); their browsers reconnect to another instance.
      const draining = connections.shutdown(DRAIN_MS);
      await runShutdownStartHooks(report);
      const { forced } = await draining;
      if (forced) log.warn({ forced }, "connections still open at the drain deadline were cut");
      await app.close().catch((error: unknown) => log.warn({ err: String(error) }, "next did not close cleanly"));
      // The mail sender and the database pool (registered by instrumentation.ts).
      await runShutdownHooks(report);
      log.info("stopped");
      process.exit(forced ? 1 : 0);
    })();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  await app.prepare();
  // Next logs uncaught exceptions and carries on; a port that cannot be bound must end the process.
  server.once("error", (error) => {
    console.error(`[tebiki] cannot listen on ${hostname}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(`> Ready on ${tls ? "https" : "http"}://${hostname}:${port} (${dev ? "development" : "production"})`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.name === "EnvError" ? error.message : error.stack) : error);
  process.exit(1);
});
