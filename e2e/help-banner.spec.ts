// The status banner. Help pages are served from the cache and re-rendered at most every 30 s
// (docs/decisions/0004-help-pages-rendering.md), so after the change we poll the pages for up to
// 45 s: that waits for a known cache interval, not a blind sleep.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./support/db";

async function reloadUntil(page: Page, url: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 45_000, intervals: [2_000] });
}

// Webmail, not JAIST-SSO: the admin specs change JAIST-SSO and Wi-Fi in parallel workers.
test("an outage set in the database shows on STEP3 (known problem) and on the home page", async ({ page }) => {
  test.setTimeout(150_000);
  const step3 = "/en/guides/jaist-sso/auth-failed/form-login-worked-other";
  await sql(`UPDATE "ServiceStatus" SET state = 'outage', "messageEn" = 'Login fails for everyone', "messageJa" = '全員ログインできません', since = now() WHERE id = 'webmail'`);
  try {
    await reloadUntil(page, step3, async () => {
      await expect(page.getByTestId("status-check").getByRole("alert")).toContainText("you need not contact us", { timeout: 1_000 });
    });
    await expect(page.getByTestId("status-check").getByRole("alert")).toContainText("Webmail");
    await expect(page.getByTestId("status-banner")).toContainText("Login fails for everyone");
    await reloadUntil(page, "/ja", async () => {
      await expect(page.getByTestId("status-banner")).toContainText("全員ログインできません", { timeout: 1_000 });
    });
    await expect(page.getByTestId("status-banner")).toContainText("障害発生中");
  } finally {
    await sql(`UPDATE "ServiceStatus" SET state = 'operational', "messageEn" = NULL, "messageJa" = NULL, since = NULL WHERE id = 'webmail'`);
  }
});
