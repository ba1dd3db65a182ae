// The content library (issue 12): an editor fixes an outside link and the public step shows it; an
// article's history shows the difference between two versions and restores an old one as a new
// version; a language edited alone is flagged "翻訳が古い". Real browser, real database.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

const editor = () => createStaffUser({ role: "editor" as "agent" });

test("an editor sets an outside link's address and publishes; the public step shows it as a link", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const url = `https://example.org/inquiry-${tag}`;
  await login(page, await editor(), "/admin/content/links");
  const item = page.locator('[data-testid="link-item"][data-key="rcaci-inquiry-form"]');
  // Where it is used: STEP1 of the SSO guide, in both languages.
  await item.getByText(/使用箇所/).click();
  await expect(item.getByTestId("link-uses").getByRole("link", { name: /STEP1\./ })).toHaveCount(2);

  // A script address is refused with a clear message; what was typed stays.
  await item.getByLabel(/^URL/).fill("javascript:alert(1)");
  await item.getByLabel("変更メモ(任意)").fill(`e2e ${tag}`);
  await item.getByRole("button", { name: "保存して公開" }).click();
  await expect(item.getByText("http:// か https:// で始まるアドレス")).toBeVisible();
  await expect(item.getByLabel(/^URL/)).toHaveValue("javascript:alert(1)");
  await expect(item.getByLabel("変更メモ(任意)")).toHaveValue(`e2e ${tag}`);
  await expectNoSeriousAxeViolations(page);

  await item.getByLabel(/^URL/).fill(url);
  await item.getByRole("button", { name: "保存して公開" }).click();
  await expect(page.getByTestId("action-done")).toContainText("公開しました");

  // Live within seconds (the store's NOTIFY makes the pages re-render); no reload loop of our own.
  await expect
    .poll(
      async () => {
        await page.goto("/ja/guides/jaist-sso/auth-failed");
        return page.locator(`a[href="${url}"]`).count();
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toBe(1);
  await expect(page.locator(`a[href="${url}"]`)).toHaveText(/お問い合わせフォーム/);
});

test("article history: a diff between two versions, restore as a new version that goes public, and the stale translation flag", async ({ page }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 8);
  const slug = `e2e-${tag}`;
  const oldLine = `古い手順 ${tag}`;
  const newLine = `新しい手順 ${tag}`;
  await login(page, await editor(), "/admin/content/articles/new");

  await page.getByLabel(/^URL名/).fill(slug);
  await page.getByLabel("トピック").selectOption("account");
  await page.getByLabel("タイトル(日本語)").fill(`テスト記事 ${tag}`);
  await page.getByLabel("タイトル(英語)").fill(`Test article ${tag}`);
  await page.getByLabel(/^説明\(日本語/).fill("説明");
  await page.getByLabel(/^説明\(英語/).fill("Description");
  await page.getByLabel(/^本文\(日本語/).fill(`## 手順\n\n${oldLine}`);
  await page.getByLabel(/^本文\(英語/).fill(`## Steps\n\nOld steps ${tag}`);
  await page.getByRole("button", { name: "保存して公開" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/content/articles/${slug}\\?`));
  await expect(page.getByTestId("action-done")).toContainText("版1を公開しました");
  await expect(page.getByTestId("preview-ja")).toContainText(oldLine);
  await expect(page.getByTestId("stale-en")).toHaveCount(0);

  // ja edited alone: en is flagged as behind, here and on the content index.
  await page.getByLabel(/^本文\(日本語/).fill(`## 手順\n\n${newLine}`);
  await page.getByLabel("変更メモ(任意、履歴に表示)").fill("手順を更新");
  await page.getByRole("button", { name: "下書き保存" }).click();
  await expect(page.getByTestId("action-done")).toContainText("版2(下書き)を保存しました");
  await expect(page.getByTestId("stale-en")).toHaveText("翻訳が古い");
  await expect(page.getByTestId("stale-ja")).toHaveCount(0);
  await expect(page.getByTestId("preview-ja")).toContainText(newLine);
  await expectNoSeriousAxeViolations(page);
  await page.goto("/admin/content");
  await expect(page.getByTestId("stale-list")).toContainText(`テスト記事 ${tag}`);
  await expectNoSeriousAxeViolations(page);

  // History: live (1) against the draft (2) by default, and any two chosen.
  await page.goto(`/admin/content/articles/${slug}/history`);
  await expect(page.getByTestId("version")).toHaveCount(2);
  await expect(page.locator('[data-testid="version"][data-number="1"]').getByTestId("live-marker")).toBeVisible();
  await page.getByLabel("比較元(古い版)").selectOption("1");
  await page.getByLabel("比較先(新しい版)").selectOption("2");
  await page.getByRole("button", { name: "違いを表示" }).click();
  await expect(page.getByTestId("diff-range")).toHaveText("版1 → 版2");
  const ja = page.locator('[data-testid="diff-file"][data-file="ja.mdx"]');
  await expect(ja.locator("del")).toContainText(oldLine);
  await expect(ja.locator("ins")).toContainText(newLine);
  await expect(page.locator('[data-testid="diff-file"][data-file="en.mdx"]')).toHaveCount(0);
  await expect(page.getByTestId("audit")).toContainText("公開");
  await expectNoSeriousAxeViolations(page);
  // The diff wraps long lines instead of widening the page.
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Publish 2, then restore 1: a new version 3 with the old text, published, and public again.
  await page.getByRole("button", { name: "版2を公開" }).click();
  await expect(page.getByTestId("action-done")).toContainText("版2を公開しました");
  await page.getByRole("button", { name: "版1の内容に戻す(新しい版を作成)" }).click();
  await expect(page.getByTestId("action-done")).toContainText("版1の内容を新しい版3(下書き)として復元しました");
  await expect(page.getByTestId("version")).toHaveCount(3);
  const restored = await sql<{ same: boolean }>(
    `SELECT v3."data"::text = v1."data"::text AS "same" FROM "ContentItem" i
     JOIN "ContentVersion" v1 ON v1."itemId" = i."id" AND v1."number" = 1
     JOIN "ContentVersion" v3 ON v3."itemId" = i."id" AND v3."number" = 3
     WHERE i."kind" = 'article' AND i."key" = $1`,
    [slug],
  );
  expect(restored.rows[0].same).toBe(true);
  await expect(page.getByTestId("audit").locator('[data-action="restore"]')).toHaveCount(1);
  await page.getByRole("button", { name: "版3を公開" }).click();
  await expect(page.getByTestId("action-done")).toContainText("版3を公開しました");
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/ja/articles/${slug}`);
        return response.ok() ? (await response.text()).includes(oldLine) : false;
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);

  // Unpublished, it is not public at all: a 404, while its versions stay.
  await page.goto(`/admin/content/articles/${slug}`);
  await page.getByRole("button", { name: "公開を停止" }).click();
  await expect(page.getByTestId("action-done")).toContainText("公開を停止しました");
  await expect(page.getByTestId("article-state")).toContainText("未公開");
  await expect
    .poll(async () => (await page.request.get(`/ja/articles/${slug}`)).status(), { timeout: 30_000, intervals: [500, 1000, 2000] })
    .toBe(404);
});

test("the library's pages fit 375 px without sideways scrolling @mobile", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 375, height: 800 });
  await login(page, await editor(), "/admin/content");
  await expectNoSideScroll(page);
  for (const path of ["/admin/content/links", "/admin/content/topics", "/admin/content/articles/password-reset", "/admin/content/articles/password-reset/history?from=1&to=1", "/admin/content/guides/jaist-sso/history"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await expectNoSideScroll(page);
  }
});
