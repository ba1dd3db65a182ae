// The reliability suite (issue 8): each case starts its own PostgreSQL, SMTP server and production app
// instance(s) of the existing build (reliability/support/), so it can stop, kill and refuse them.
// One worker: the cases stop servers and measure; running two at once on a shared machine would
// measure each other. scripts/test.ts runs it after Playwright (`--only reliability`).
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Debian's Chromium where it is installed, else Playwright's own browser (as playwright.config.ts).
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const launchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }
  : {};

export default defineConfig({
  testDir: "reliability",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PW_JSON_REPORT ?? "test-results/reliability.json" }]],
  use: { launchOptions, trace: "retain-on-failure" },
});
