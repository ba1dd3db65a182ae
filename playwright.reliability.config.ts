// The reliability suite (reliability/*.spec.ts): each case starts its own app instances and
// databases as it needs them, so there is no webServer here and one case runs at a time.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "reliability",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PW_JSON_REPORT ?? "test-results/reliability.json" }]],
});
