import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET } from "./e2e/support/server-env";
import { launchOptions } from "./e2e/support/browser";

const port = Number(process.env.E2E_PORT ?? 3100);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
const mailDir = process.env.E2E_MAIL_DIR ?? path.join(__dirname, ".test-runs", "mail");
process.env.E2E_MAIL_DIR = mailDir;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PW_JSON_REPORT ?? "test-results/report.json" }]],
  use: { baseURL, launchOptions, trace: "retain-on-failure" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "mobile", use: { ...devices["Pixel 7"], launchOptions }, grep: /@mobile/ },
  ],
  webServer: [
    {
      command: "tsx e2e/support/smtp-sink.ts",
      port: smtpPort,
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_DIR: mailDir },
      reuseExistingServer: false,
    },
    {
      // A production build (scripts/test.ts runs `next build` first) served by the project's server
      // (server.ts). Without DATABASE_URL the wrapper starts the embedded development database.
      command: `tsx scripts/with-db.ts --migrate -- node --import tsx server.ts -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        APP_URL: baseURL,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        AUTH_SECRET: E2E_AUTH_SECRET,
        NEXTAUTH_URL: baseURL,
        // Stands for "behind a proxy": the specs send their own X-Forwarded-For so that per-IP
        // limits of this one server do not couple tests. e2e/client-address.spec.ts runs an
        // instance without it.
        TRUST_PROXY: "true",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
