import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET, E2E_IMAP_PASSWORD, E2E_IMAP_USER } from "./e2e/support/server-env";
import { launchOptions } from "./e2e/support/browser";

const port = Number(process.env.E2E_PORT ?? 3100);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
const mailDir = process.env.E2E_MAIL_DIR ?? path.join(__dirname, ".test-runs", "mail");
process.env.E2E_MAIL_DIR = mailDir;
// The mail loop (issue 11): the help desk's mailbox in a private Dovecot, read by the app's inbound
// worker over IMAP, delivered into over LMTP by the specs; and the app's own SMTP listener. Fixed here
// (scripts/test.ts picks free ones) so that the spec processes, which load this file too, know them.
const imapPort = Number((process.env.E2E_IMAP_PORT ??= "3143"));
const lmtpPort = Number((process.env.E2E_LMTP_PORT ??= "3124"));
const inboundSmtpPort = Number((process.env.E2E_INBOUND_SMTP_PORT ??= "3125"));
const baseURL = `http://127.0.0.1:${port}`;
// The SLA clock (lib/clock.ts): a file the clock specs write an instant into; absent = the real time.
// Named per run by the main process (the workers inherit it), so no earlier run's clock lingers.
// Those specs run one at a time in their own project ("clock"), since the app server has one clock.
const clockFile = (process.env.TEBIKI_TEST_CLOCK_FILE ??= path.join(os.tmpdir(), `tebiki-clock-${process.pid}`));
const CLOCK_SPECS = /(^|[\\/])sla(-[a-z]+)?\.spec\.ts$/;

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
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, testIgnore: CLOCK_SPECS },
    { name: "clock", use: { ...devices["Desktop Chrome"], launchOptions }, testMatch: CLOCK_SPECS, workers: 1, fullyParallel: false },
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
      command: "tsx e2e/support/dovecot-server.ts",
      port: imapPort,
      env: { E2E_IMAP_PORT: String(imapPort), E2E_LMTP_PORT: String(lmtpPort) },
      reuseExistingServer: false,
      // Lets it stop Dovecot and remove its directory.
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
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
        IMAP_URL: `imap://${encodeURIComponent(E2E_IMAP_USER)}:${encodeURIComponent(E2E_IMAP_PASSWORD)}@127.0.0.1:${imapPort}/INBOX`,
        INBOUND_SMTP_PORT: String(inboundSmtpPort),
        TEBIKI_TEST_CLOCK_FILE: clockFile,
        // The clock specs move the SLA clock days ahead; a minute's check meanwhile would alert every
        // open ticket of the run to its staff and flood the mail other specs wait for. The breach spec
        // asks for its checks itself.
        SLA_CHECK_CRON: "false",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
