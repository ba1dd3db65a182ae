// The reliability suite (issue 8): each case starts its own PostgreSQL, SMTP server and production app
// instance(s) of the existing build (reliability/support/), so it can stop, kill and refuse them.
// One worker: the cases stop servers and measure; running two at once on a shared machine would
// measure each other. scripts/test.ts runs it after Playwright (`--only reliability`).
import { defineConfig } from "@playwright/test";
import { launchOptions } from "./e2e/support/browser";


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
