// Accessibility (axe, WCAG 2 A/AA) and the phone layout.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const pages = [
  ["home", "/ja"],
  ["guide start", "/en/guides/jaist-sso"],
  ["a deep step", "/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported"],
  ["the contact step", "/ja/guides/jaist-sso/auth-failed/form-login-worked-other"],
  ["search", `/ja/search?q=${encodeURIComponent("証明書")}`],
  ["no search result", "/en/search?q=zzqxv"],
  ["an article", "/en/articles/otp-postcard"],
] as const;

for (const [name, url] of pages) {
  test(`axe finds no serious or critical violation: ${name}`, async ({ page }) => {
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("@mobile at 375 px: no horizontal scroll, choices and buttons at least 44 px tall", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [, url] of pages) {
    await page.goto(url);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, url).toBeLessThanOrEqual(clientWidth);
  }
  await page.goto("/ja/guides/jaist-sso/cert-invalid");
  const targets = page.locator("a[data-choice], [data-testid=step-feedback] button, form[role=search] button, form[role=search] input");
  expect(await targets.count()).toBeGreaterThan(5);
  for (const box of await targets.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }
});
