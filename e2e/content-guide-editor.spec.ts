// The guide editor (issue 12, docs/decisions/0026) in a real browser: an editor changes a step's text
// in both languages, adds a choice to a new step, publishes, and the public page shows it; broken
// graphs and MDX expressions are refused naming the step; the impact of removing a step is counted;
// the pages pass axe and fit 375 px. Each test works on a guide of its own (a copy of the password
// guide under a fresh id), so the shared guides other specs walk are never touched.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { createGuide } from "./support/content-guide";
import { sql } from "./support/db";

async function editor(page: Page, path: string) {
  const staff = await createStaffUser({ role: "editor" });
  await login(page, staff, path);
  return staff;
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const save = (page: Page) => page.getByRole("button", { name: "下書きを保存" }).click();

async function publish(page: Page, guideId: string) {
  await page.goto(`/admin/content/guides/${guideId}/publish`);
  await page.getByRole("button", { name: /版を公開する$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/content/guides/${guideId}\\?done=published`));
}

test("an editor changes a step in ja and en, adds a choice to a new step, publishes, and the public pages show it", async ({ page }) => {
  test.setTimeout(180_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}`);
  await expect(page.getByTestId("guide-state")).toContainText("未公開の下書きあり");
  await expect(page.getByTestId("guide-map").locator('a[data-step="contact"]')).toContainText("お問い合わせ");
  await page.getByTestId("step-list").getByRole("link", { name: "パスワードリセットを試す" }).click();
  await expect(page).toHaveURL(new RegExp(`/steps/self-reset$`));

  const tag = randomUUID().slice(0, 6);
  await page.getByLabel("本文(日本語・Markdown)").fill(`編集した本文 ${tag}\n\n<ContactLink>問い合わせる</ContactLink>`);
  await page.getByLabel("本文(英語・Markdown)").fill(`Edited body ${tag}`);
  const row = page.locator("[data-choice-row]").last();
  await row.getByLabel("ラベル(日本語)").fill(`メールが届かない ${tag}`);
  await row.getByLabel("ラベル(英語)").fill(`No mail came ${tag}`);
  await row.getByLabel("行き先").selectOption("__new");
  await row.getByLabel("ステップID(URLの一部)").fill("mail-check");
  await row.getByLabel("タイトル(日本語)").fill(`メールを確かめる ${tag}`);
  await row.getByLabel("タイトル(英語)").fill(`Check your mail ${tag}`);
  await page.getByLabel("保存メモ(履歴に残ります)").fill("e2e: text and a new step");
  await save(page);
  await expect(page.getByRole("status")).toContainText("第2版として下書きを保存しました");
  // The preview renders the saved draft with the public components.
  await expect(page.getByTestId("preview-ja")).toContainText(`編集した本文 ${tag}`);
  await expect(page.getByTestId("preview-en").getByRole("link", { name: `No mail came ${tag}` })).toBeVisible();

  await page.goto(`/admin/content/guides/${guideId}`);
  await expect(page.getByTestId("guide-map").locator('a[data-step="mail-check"]')).toContainText(`メールを確かめる ${tag}`);
  await expect(page.getByTestId("guide-problems")).toHaveCount(0);
  await publish(page, guideId);
  await expect(page.getByTestId("guide-state")).toContainText("公開中");

  // The published guide, at the new step's real URL: the walk is forgot → address-registered → the new choice.
  const walk = `/guides/${guideId}/forgot/address-registered`;
  await expect.poll(async () => (await page.request.get(`/ja${walk}`)).status(), { timeout: 30_000 }).toBe(200);
  await page.goto(`/ja${walk}`);
  await expect(page.getByRole("main")).toContainText(`編集した本文 ${tag}`);
  // A leaf's ways on are the "not solved" buttons of its feedback form (docs/decisions/0013).
  await page.getByRole("button", { name: `メールが届かない ${tag}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`メールを確かめる ${tag}`);
  await page.goto(`/en${walk}`);
  await expect(page.getByRole("main")).toContainText(`Edited body ${tag}`);
  await expect(page.getByRole("button", { name: `No mail came ${tag}` })).toBeVisible();
});

test("a step whose ja changed after its en is flagged as a stale translation until the en is edited too", async ({ page }) => {
  test.setTimeout(120_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}/steps/self-reset`);
  await expect(page.getByTestId("step-stale")).toHaveCount(0);
  const tag = randomUUID().slice(0, 6);
  await page.getByLabel("本文(日本語・Markdown)").fill(`日本語だけ直した本文 ${tag}`);
  await save(page);
  await expect(page.getByRole("status")).toContainText("第2版として下書きを保存しました");
  await page.reload();
  await expect(page.getByTestId("step-stale")).toHaveText("翻訳が古い: 日本語が第2版で変更された後、英語は直されていません。");
  await page.getByLabel("本文(英語・Markdown)").fill(`English caught up ${tag}`);
  await save(page);
  await expect(page.getByRole("status")).toContainText("第3版として下書きを保存しました");
  await page.reload();
  await expect(page.getByTestId("step-stale")).toHaveCount(0);
});

test("a broken graph and an MDX expression are refused with messages naming the step, keeping what was typed", async ({ page }) => {
  test.setTimeout(120_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}/steps/reset-address`);

  // Removing the only way to "reception" would leave it unreachable.
  await page.locator('[data-choice-row="address-not-registered"]').getByLabel("この選択肢を外す").check();
  await page.getByLabel("本文(日本語・Markdown)").fill("まだ保存されない本文");
  await save(page);
  await expect(page.getByTestId("save-problems")).toContainText("ステップ「reception」:どの道順からもたどり着けません");
  await expect(page.getByLabel("本文(日本語・Markdown)")).toHaveValue("まだ保存されない本文");

  // A choice to a step that does not exist (a forged option: the form offers only real steps).
  await page.reload();
  const first = page.locator('[data-choice-row="address-registered"]').getByLabel("行き先");
  await first.evaluate((select: HTMLSelectElement) => select.add(new Option("nowhere", "nowhere")));
  await first.selectOption("nowhere");
  await save(page);
  await expect(page.getByTestId("save-problems")).toContainText("ステップ「reset-address」:選択肢「address-registered」の行き先「nowhere」というステップはありません");

  // An MDX expression would run on the server: refused at save, naming the step and language.
  await page.reload();
  await page.getByLabel("本文(英語・Markdown)").fill("One plus one is {1+1}.");
  await save(page);
  await expect(page.getByTestId("save-problems")).toContainText("ステップ「reset-address」(英語)");
  await expect(page.getByTestId("save-problems")).toContainText("{ } の式は使えません");
  await expect(page.getByLabel("本文(英語・Markdown)")).toHaveValue("One plus one is {1+1}.");
  const { rows } = await sql<{ headNumber: number }>(`SELECT "headNumber" FROM "ContentItem" WHERE "kind" = 'guide' AND "key" = $1`, [guideId]);
  expect(rows[0].headNumber).toBe(1);
});

test("publishing a removed step shows the walks it ends, their redirects, and the open tickets and analytics on it", async ({ page }) => {
  test.setTimeout(180_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}/publish`);
  await page.getByRole("button", { name: "第1版を公開する" }).click();
  await expect(page).toHaveURL(/done=published/);

  // Stored data on the step about to go: two open tickets and a closed one, views and feedback.
  const ticket = async (status: string) => {
    const ref = `${randomUUID().slice(0, 6)}`;
    await sql(
      `INSERT INTO "Ticket" ("reference", "status", "guideId", "path", "walk", "endStep", "name", "username", "affiliation", "email", "failedAt", "description", "statusTokenHash", "statusTokenExpiresAt", "updatedAt")
       VALUES ($1, $2, $3, ARRAY['step0','reset-address','reception','contact'], ARRAY['forgot','address-not-registered','reception-not-possible'], 'reception', 'x', 's1', 'student', 'x@example.edu', now(), 'x', $4, now() + interval '1 day', now())`,
      [`EDT-2026-${ref}`, status, guideId, `hash-${randomUUID()}`],
    );
  };
  await ticket("open");
  await ticket("waiting");
  await ticket("closed");
  await sql(`INSERT INTO "StepView" ("guideId", "stepId", "day", "views") VALUES ($1, 'reception', '2026-11-01', 7), ($1, 'reception', '2026-11-02', 5)`, [guideId]);
  await sql(`INSERT INTO "StepFeedback" ("guideId", "stepId", "locale", "helpful", "sessionHash") VALUES ($1, 'reception', 'ja', false, $2)`, [guideId, `s-${randomUUID()}`]);

  await page.goto(`/admin/content/guides/${guideId}/steps/reset-address`);
  await page.locator('[data-choice-row="address-not-registered"]').getByLabel("この選択肢を外す").check();
  await page.getByLabel("選択肢を外してどこからも届かなくなるステップを削除する").check();
  await save(page);
  await expect(page.getByRole("status")).toContainText("第2版");

  await page.goto(`/admin/content/guides/${guideId}/publish`);
  await expect(page.getByTestId("impact-removed-steps")).toHaveText("reception");
  await expect(page.getByTestId("impact-lost-walks")).toContainText("2件");
  await expect(page.getByTestId("impact-open-tickets")).toContainText("2件");
  await expect(page.getByTestId("impact-views")).toContainText("2行・12回分");
  await expect(page.getByTestId("impact-feedback")).toContainText("1件");
  await expect(page.getByTestId("impact")).toContainText(`/ja/guides/${guideId}/forgot/address-not-registered → /ja/guides/${guideId}/forgot`);
  await expectAxeClean(page);
});

test("the editor pages pass axe and fit 375 px, the map scrolling inside its own box @mobile", async ({ page }) => {
  test.setTimeout(120_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}`);
  for (const sub of ["", "/steps/step0", "/form", "/publish"]) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/admin/content/guides/${guideId}${sub}`);
    await expectAxeClean(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: sub || "map" }).toBeLessThanOrEqual(375);
  }
  await page.goto(`/admin/content/guides/${guideId}`);
  const map = page.getByTestId("guide-map");
  expect(await map.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await map.locator('a[data-step="reception"]').focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/steps\/reception$/);
});

test("the form fields: a label changes, and a field the declaration refuses is refused with its reason", async ({ page }) => {
  test.setTimeout(120_000);
  const guideId = await createGuide();
  await editor(page, `/admin/content/guides/${guideId}/form`);
  await page.getByLabel("「situation」のラベル(日本語)").fill("いまの状況");
  await page.getByLabel("キー(半角英字、例: browserName)").fill("email");
  await page.getByLabel("ラベル(日本語)", { exact: true }).fill("メール");
  await page.getByLabel("ラベル(英語)", { exact: true }).fill("Mail");
  await save(page);
  await expect(page.getByTestId("save-problems")).toContainText("項目「email」: 二度宣言されています");
  await expect(page.getByLabel("「situation」のラベル(日本語)")).toHaveValue("いまの状況");

  await page.getByLabel("キー(半角英字、例: browserName)").fill("browserName");
  await save(page);
  await expect(page.getByRole("status")).toContainText("第2版");
  await expect(page.getByLabel("「situation」のラベル(日本語)")).toHaveValue("いまの状況");
  await expect(page.locator('[data-field="browserName"]')).toBeVisible();
});

test("two editors on one step: the later save is refused with what the other changed, keeping what was typed", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const guideId = await createGuide();
  const stepUrl = `/admin/content/guides/${guideId}/steps/after-change`;
  await editor(page, stepUrl);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await editor(other, stepUrl);

  await other.getByLabel("本文(英語・Markdown)").fill("The other editor's body");
  await other.getByLabel("保存メモ(履歴に残ります)").fill("英語を直した");
  await save(other);
  await expect(other.getByRole("status")).toContainText("第2版");
  await otherContext.close();

  await page.getByLabel("本文(日本語・Markdown)").fill("わたしの本文");
  await save(page);
  const alert = page.getByRole("alert").filter({ hasText: "ほかの編集者が先に保存しました" });
  await expect(alert).toContainText("英語を直した");
  await expect(alert).toContainText("ステップ「after-change」: 英語の本文");
  await expect(page.getByLabel("本文(日本語・Markdown)")).toHaveValue("わたしの本文");

  // Saving again applies the typed text on top of the other editor's version, knowingly.
  await save(page);
  await expect(page.getByRole("status")).toContainText("第3版");
  const { rows } = await sql<{ data: { texts: { ja: Record<string, string>; en: Record<string, string> } } }>(
    `SELECT v."data" FROM "ContentItem" i JOIN "ContentVersion" v ON v."itemId" = i."id" AND v."number" = 3 WHERE i."kind" = 'guide' AND i."key" = $1`,
    [guideId],
  );
  expect(rows[0].data.texts.ja["after-change"]).toContain("わたしの本文");
  expect(rows[0].data.texts.en["after-change"]).toContain("The other editor's body");
});
