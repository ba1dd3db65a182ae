// What every help page carries around its content: icons the browser asks for, and one search box
// on a phone's home page. A missing /favicon.ico was a console error on every page (issue 9).
import { expect, test, type Page } from "@playwright/test";

const MAIN_PAGES = [
  "/ja",
  "/en",
  "/ja/guides/jaist-sso",
  "/en/guides/jaist-sso/cert-invalid/use-cert/cert-imported",
  "/ja/guides/jaist-sso/auth-failed/form-login-worked-other",
  "/ja/articles/certificate-revoke",
  `/ja/search?q=${encodeURIComponent("証明書")}`,
  "/ja/contact",
  "/admin/login",
];

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

test("the main pages load without a console error, the favicon included", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const icons: string[] = [];
  page.on("response", (response) => {
    if (/\/(favicon\.ico|icon\.svg)$/.test(new URL(response.url()).pathname)) icons.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  for (const url of MAIN_PAGES) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  expect(errors).toEqual([]);
  // The browser did fetch an icon, and got one.
  expect(icons.length).toBeGreaterThan(0);
  expect(icons.filter((line) => !line.startsWith("200 "))).toEqual([]);
});

test("the icons are declared and served with their types", async ({ page, request }) => {
  await page.goto("/en");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveAttribute("type", "image/svg+xml");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", /^\/apple-touch-icon\.png/);
  for (const [path, type] of [
    ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /image\/svg\+xml/],
    ["/apple-touch-icon.png", /image\/png/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
});

test("@mobile the home page at 375 px shows one search box; other pages keep the header's", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const locale of ["ja", "en"]) {
    await page.goto(`/${locale}`);
    await expect(page.getByRole("searchbox")).toHaveCount(1);
  }
  await page.goto("/ja/guides/jaist-sso");
  await expect(page.getByRole("searchbox")).toHaveCount(1);
  await expect(page.getByRole("banner").getByRole("searchbox")).toBeVisible();
});
