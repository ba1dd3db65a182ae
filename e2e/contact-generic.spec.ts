// Contact without a guide (issue 9): the header's contact link, or the chooser's "?guide=none", gives
// a short generic form (the common fields and a topic built from the guides' catalog), never the SSO
// questions; it files a GEN ticket with the topic as its only answer, with and without JavaScript.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./support/db";

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.21.${randomUUID()}` });
});

async function fileGeneric(page: Page, url: string) {
  const email = `generic.${randomUUID().slice(0, 8)}@example.com`;
  await page.goto(url);
  const form = page.locator("main form");
  // Never the SSO questions.
  for (const sso of ["表示されたメッセージ", "接続していたネットワーク", "使っている認証要素", "STEP1のお問い合わせフォームへのログインテスト", "どこで止まりますか"]) {
    await expect(form.getByText(sso)).toHaveCount(0);
  }
  const topic = page.getByRole("group", { name: /お問い合わせの種類/ });
  // The topics of the published guides' catalog entries, and a way out.
  await expect(topic.getByRole("radio", { name: "アカウント・パスワード" })).toBeVisible();
  await expect(topic.getByRole("radio", { name: "その他・わからない" })).toBeVisible();

  // Refused without a topic, everything typed kept.
  await page.getByLabel("氏名").fill("北陸 花子");
  await page.getByLabel("ユーザ名").fill("s2455555");
  await page.getByRole("radio", { name: "学生" }).check();
  await page.getByLabel("返信先メールアドレス").fill(email);
  await page.getByLabel("状況の説明").fill("印刷ができません。");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.locator("#f-topic-error")).toHaveText("選択してください。");
  await expect(page.getByLabel("状況の説明")).toHaveValue("印刷ができません。");
  expect((await sql(`SELECT count(*)::int AS n FROM "Ticket" WHERE email = $1`, [email])).rows[0].n).toBe(0);

  await page.getByRole("radio", { name: "その他・わからない" }).check();
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  expect(reference).toMatch(/^GEN-\d{4}-\d{6}$/);
  await expect(page.getByText("お問い合わせの種類")).toBeVisible();
  const { rows } = await sql(`SELECT "guideId", answers, path FROM "Ticket" WHERE reference = $1`, [reference]);
  expect(rows[0]).toEqual({ guideId: null, answers: { topic: "other" }, path: [] });
}

test("the header's contact form without a guide is short, generic and files a GEN ticket", async ({ page }) => {
  await fileGeneric(page, "/ja/contact?guide=none");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the chooser's ?guide=none form works with plain form posts", async ({ page }) => {
    await fileGeneric(page, "/ja/contact?guide=none");
  });
});
