// Starts a production instance of the current build (`next build` first) through the project's own
// server (server.ts) on a free port, against the database in DATABASE_URL. For tests that need an
// instance of their own: a second instance, other settings, or one to stop or kill.
import { spawn, type ChildProcess } from "node:child_process";
import https from "node:https";
import path from "node:path";
import { expect } from "@playwright/test";
import { freePort } from "@/lib/embedded-pg";
import { E2E_AUTH_SECRET } from "../../e2e/support/server-env";

export type AppServer = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const TLS_DIR = path.join(__dirname, "tls");

/** How production starts an instance of the build (server.ts); every test instance starts this way. */
export function serverCommand(port: number): [string, string[]] {
  return [process.execPath, ["--import", "tsx", path.join(process.cwd(), "server.ts"), "-p", String(port), "-H", "127.0.0.1"]];
}

/** GET over https to a server with the test-only self-signed certificate; resolves with the status. */
export function insecureHttpsGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      })
      .on("error", reject);
  });
}

export async function startAppServer(
  options: { env?: Record<string, string>; port?: number; readyTimeoutMs?: number; /** serve https itself, with the test-only certificate */ https?: boolean } = {},
): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const url = `${options.https ? "https" : "http"}://127.0.0.1:${port}`;
  const tls = options.https ? { TLS_CERT_FILE: path.join(TLS_DIR, "test-only.crt"), TLS_KEY_FILE: path.join(TLS_DIR, "test-only.key") } : {};
  const [command, args] = serverCommand(port);
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env: {
      ...process.env,
      AUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: url,
      APP_URL: url,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ...tls,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));

  await expect
    .poll(async () => {
      if (gone) throw new Error(`the app server exited before it was ready:\n${output}`);
      if (options.https) return (await insecureHttpsGet(`${url}/api/health`).catch(() => null))?.status ?? 0;
      return (await fetch(`${url}/api/health`).catch(() => null))?.status ?? 0;
    }, { timeout: options.readyTimeoutMs ?? 90_000, message: `app server on ${url}` })
    .toBe(200);

  return {
    url,
    port,
    child,
    exited,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
