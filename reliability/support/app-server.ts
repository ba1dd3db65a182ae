// Starts a production instance of the current build (`next build` first) through the project's own
// server (server.ts) on a free port, against the database in DATABASE_URL. For tests that need an
// instance of their own: a second instance, other settings, or one to stop or kill.
import { spawn, type ChildProcess } from "node:child_process";
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

export async function startAppServer(options: { env?: Record<string, string>; port?: number; readyTimeoutMs?: number } = {}): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const root = process.cwd();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      AUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: url,
      APP_URL: url,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
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
