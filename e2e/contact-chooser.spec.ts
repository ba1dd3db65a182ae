// "What is the problem?" before the contact form (issue 9): the header's contact link offers the
// guides and articles matching what the user types, then "none of these" leads to the generic form
// with the text. With JavaScript the matches follow the typing; without, a GET form lists them.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { guideTitle, stepText } from "./support/guide";

async function expectNoSeriousAxeViolation(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the header's contact link asks what the problem is first, never the SSO questions", async ({ page }) => {
  await page.goto("/ja/articles/certificate-revoke");
  await page.getByRole("banner").getByRole("link", { name: "お問い合わせ" }).click();
  await expect(page).toHaveURL("/ja/contact");
  await expect(page.getByLabel("どんなことでお困りですか?")).toBeVisible();
  await expect(page.locator("#f-name, #f-network, #f-messageShown")).toHaveCount(0);
  await expect(page.getByTestId("chooser-guides").getByRole("link", { name: guideTitle("jaist-sso", "ja") })).toHaveAttribute("href", "/ja/guides/jaist-sso");
  await expect(page.getByTestId("write-to-us")).toHaveAttribute("href", "/ja/contact?guide=none");
});

test("suggestions follow the typing; a step names its guide and opens it", async ({ page }) => {
  await page.goto("/ja/contact");
  const box = page.getByLabel("どんなことでお困りですか?");
  const answered = page.waitForResponse((r) => r.url().includes("/api/v1/suggest?") && r.status() === 200);
  await box.fill("証明書");
  await answered;
  // No page load: the list came from the suggestion route.
  await expect(page).toHaveURL("/ja/contact");
  await expect(page.getByRole("main").getByRole("status")).toContainText("件のガイド・記事が見つかりました");
  const suggestions = page.getByTestId("suggestions");
  const step = suggestions.locator("li").filter({ hasText: stepText("jaist-sso", "ja", "step1-3").title });
  await expect(step).toContainText(`ガイドの手順 · ${guideTitle("jaist-sso", "ja")}`);
  await expect(suggestions.locator("mark").first()).toHaveText("証明書");
  await expect(page.getByTestId("write-to-us")).toHaveAttribute("href", `/ja/contact?guide=none&description=${encodeURIComponent("証明書")}`);
  await step.getByRole("link").click();
  await expect(page).toHaveURL("/ja/guides/jaist-sso/auth-failed/form-login-worked-cert");
});

test("nothing matches: it says so, keeps the guides, and 'write to us' opens the form with the text carried", async ({ page }) => {
  await page.goto("/en/contact");
  await page.getByLabel("What is the problem?").fill("printer jams zzqxv");
  await expect(page.getByRole("main").getByRole("status")).toHaveText("No guide or article matches these words.");
  await expect(page.getByTestId("chooser-guides")).toBeVisible();
  await page.getByTestId("write-to-us").click();
  await expect(page).toHaveURL("/en/contact?guide=none&description=printer+jams+zzqxv");
  await expect(page.locator("#f-name")).toBeVisible();
  await expect(page.locator("#f-description")).toHaveValue("printer jams zzqxv");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the GET form lists the matches on the same page, and 'write to us' carries the text", async ({ page }) => {
    await page.goto("/en/contact");
    await page.getByLabel("What is the problem?").fill("revoke certificate");
    await page.getByRole("button", { name: "Find help" }).click();
    await expect(page).toHaveURL("/en/contact?q=revoke+certificate");
    await expect(page.getByLabel("What is the problem?")).toHaveValue("revoke certificate");
    // The link counts the click on its way (docs/decisions/0031) and lands on the article.
    const article = page.getByTestId("suggestions").getByRole("link", { name: "How to revoke a client certificate" });
    expect(new URL((await article.getAttribute("href"))!, "http://x").searchParams.get("to")).toBe("/en/articles/certificate-revoke");
    await page.getByTestId("write-to-us").click();
    await expect(page).toHaveURL("/en/contact?guide=none&description=revoke+certificate");
    await expect(page.locator("#f-description")).toHaveValue("revoke certificate");
  });
});

test("axe finds no serious violation on the chooser, empty and with suggestions", async ({ page }) => {
  await page.goto("/ja/contact");
  await expectNoSeriousAxeViolation(page);
  await page.goto(`/ja/contact?q=${encodeURIComponent("ワンタイムパスワード")}`);
  await expect(page.getByTestId("suggestions")).toBeVisible();
  await expectNoSeriousAxeViolation(page);
});

test("@mobile the chooser at 375 px: one text box, no horizontal scroll, 44 px targets, no serious axe violation", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/ja/contact");
  await page.getByLabel("どんなことでお困りですか?").fill("ログインできない");
  await expect(page.getByTestId("suggestions")).toBeVisible();
  // The header's search box hides: the chooser is this page's search.
  await expect(page.getByRole("banner").getByRole("searchbox")).toBeHidden();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const heights = await page.locator("main a, main button, main input").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
  await expectNoSeriousAxeViolation(page);
});
