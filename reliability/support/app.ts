// A production instance of the existing build (`next build` ran before this suite, scripts/test.ts),
// started the way production starts it, minus the migration step (the test's PostgreSQL is migrated
// by support/postgres.ts). Every case that needs an app starts its own through here.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "@/lib/embedded-pg";
import { serverCommand } from "./app-server";
import { waitFor } from "./wait";

/** A fixed secret for test servers only (as e2e/support/server-env.ts). */
export const RELIABILITY_AUTH_SECRET = "reliability-only-secret-0123456789abcdef0123";

export type TestApp = { url: string; port: number; process: ChildProcess; logFile: string; stop(): Promise<void> };

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startApp(options: { name: string; databaseUrl: string; smtpUrl?: string; env?: Record<string, string> }): Promise<TestApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = path.resolve(".test-runs", "reliability");
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `${options.name}-${port}.log`);
  const log = createWriteStream(logFile);
  // Each tool sets its own NODE_ENV; `next start` is production.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { NODE_ENV: _ignored, ...inherited }: Record<string, string | undefined> = process.env;
  const [command, args] = serverCommand(port);
  const child = spawn(command, args, {
    env: {
      ...inherited,
      DATABASE_URL: options.databaseUrl,
      SMTP_URL: options.smtpUrl ?? "",
      APP_URL: url,
      NEXTAUTH_URL: url,
      AUTH_SECRET: RELIABILITY_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // Behind a (pretend) trusted proxy: each load client names its own address in X-Forwarded-For.
      TRUST_PROXY: "true",
      ...options.env,
    } as Record<string, string | undefined> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.on("exit", () => running.delete(child));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  await waitFor(
    `the app on ${url} (log: ${logFile})`,
    async () => {
      if (exited()) throw new Error(`the app exited with ${child.exitCode ?? child.signalCode}; see ${logFile}`);
      const response = await fetch(`${url}/api/health`).catch(() => null);
      return response?.status === 200;
    },
    90_000,
    200,
  );
  return {
    url,
    port,
    process: child,
    logFile,
    async stop() {
      if (exited()) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
