import { expect, test } from "@playwright/test";

test("health answers 200 with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
  expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("the root sends Japanese browsers to /ja and English ones to /en", async ({ browser }) => {
  for (const [locale, path] of [["ja-JP", "/ja"], ["en-US", "/en"]] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", path.slice(1));
    await context.close();
  }
});

test("an unknown page gives a not-found page, not an error", async ({ page }) => {
  const response = await page.goto("/ja/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ページが見つかりません");
});
