// The symptom-first home (issue 9): each public guide under its topic by the symptoms a user sees,
// popular guides, search; drafts stay hidden. With and without JavaScript, on a phone and a desktop.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { GuideDeclarationSchema } from "@/lib/guides/declaration";
import { guideTitle, LOCALES } from "./support/guide";

const guidesDir = path.join(process.cwd(), "content", "guides");
const topics = JSON.parse(readFileSync(path.join(process.cwd(), "content", "topics.json"), "utf8")) as Record<string, { ja: string; en: string }>;
const guides = ["jaist-sso", "wifi", "password"].map((id) => GuideDeclarationSchema.parse(JSON.parse(readFileSync(path.join(guidesDir, id, "guide.json"), "utf8"))));
const published = guides.filter((g) => !g.draft);
const drafts = guides.filter((g) => g.draft);

async function expectNoSeriousAxeViolation(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("every public guide's symptoms are on the home under its topic, in both languages; drafts are not", async ({ page }) => {
  expect(published.length).toBeGreaterThan(0);
  expect(drafts.length).toBeGreaterThan(0);
  for (const locale of LOCALES) {
    await page.goto(`/${locale}`);
    const symptoms = page.getByTestId("symptoms");
    for (const guide of published) {
      const topic = symptoms.locator(`[data-topic="${guide.catalog.topic}"]`);
      await expect(topic.getByRole("heading", { level: 3 })).toHaveText(topics[guide.catalog.topic][locale]);
      for (const symptom of guide.catalog.symptoms) {
        await expect(topic.getByRole("link", { name: symptom[locale], exact: true })).toHaveAttribute("href", `/${locale}/guides/${guide.id}`);
      }
    }
    for (const guide of drafts) {
      for (const symptom of guide.catalog.symptoms) await expect(page.getByText(symptom[locale], { exact: true })).toHaveCount(0);
      await expect(page.locator(`main a[href^="/${locale}/guides/${guide.id}"]`)).toHaveCount(0);
    }
    // Articles sit under their topic too.
    await expect(symptoms.locator('[data-topic="certificate"]').getByRole("link", { name: locale === "ja" ? "クライアント証明書の失効手順" : "How to revoke a client certificate" })).toBeVisible();
    await expectNoSeriousAxeViolation(page);
  }
});

test("popular guides rank by the database's view counts once the pre-rendered page is re-rendered", async ({ page }) => {
  test.setTimeout(90_000);
  // Built without a database, the page starts in catalog order; a re-render (every 30 s) reads the counts.
  await expect(async () => {
    await page.goto("/en");
    await expect(page.getByTestId("popular-guides")).toHaveAttribute("data-ranked", "views", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  const popular = page.getByTestId("popular-guides");
  await expect(popular).toContainText("The guides people used most in the last 30 days.");
  for (const guide of published) await expect(popular.getByRole("link", { name: guideTitle(guide.id, "en") })).toHaveAttribute("href", `/en/guides/${guide.id}`);
  for (const guide of drafts) await expect(popular.locator(`a[data-guide="${guide.id}"]`)).toHaveCount(0);
});

test("search from the home finds a guide by a symptom and names the guide of each step", async ({ page }) => {
  await page.goto("/ja");
  await page.getByRole("searchbox", { name: "ヘルプを検索" }).fill("ログインできない");
  await page.getByRole("searchbox", { name: "ヘルプを検索" }).press("Enter");
  await expect(page).toHaveURL(/\/ja\/search\?q=/);
  const results = page.getByTestId("search-results");
  // Result links count the click on their way (docs/decisions/0031) and land on the page.
  const guideLink = results.getByRole("link", { name: guideTitle("jaist-sso", "ja") });
  expect(new URL((await guideLink.getAttribute("href"))!, "http://x").searchParams.get("to")).toBe("/ja/guides/jaist-sso");
  const stepItem = results.locator("li").filter({ hasText: "ガイドの手順" }).first();
  await expect(stepItem).toContainText(`ガイドの手順 · ${guideTitle("jaist-sso", "ja")}`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a symptom is a plain link into its guide", async ({ page }) => {
    await page.goto("/en");
    const guide = published[0];
    await page.getByTestId("symptoms").getByRole("link", { name: guide.catalog.symptoms[0].en, exact: true }).click();
    await expect(page).toHaveURL(`/en/guides/${guide.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(guideTitle(guide.id, "en"));
  });
});

test("@mobile the home at 375 px: no horizontal scroll, symptoms are 44 px tap targets, no serious axe violation", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const locale of LOCALES) {
    await page.goto(`/${locale}`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const heights = await page.getByTestId("symptoms").getByRole("link").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(3);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
    await expectNoSeriousAxeViolation(page);
  }
});
