// Unauthorized use of the content library (issue 12): every page refuses anonymous users (to the
// login) and agents (to "not allowed"); every action refuses a user who signed in as an editor but
// was deactivated or demoted to agent before submitting, and changes nothing.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { attemptLockedOut, createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";

const PAGES = [
  "/admin/content",
  "/admin/content/links",
  "/admin/content/topics",
  "/admin/content/articles/new",
  "/admin/content/articles/password-reset",
  "/admin/content/articles/password-reset/history",
  "/admin/content/links/rcaci-top/history",
  "/admin/content/topics/account/history",
  "/admin/content/guides/jaist-sso/history",
];

const editor = () => createStaffUser({ role: "editor" });

/** The head version of one item: a refused save must not move it. */
async function headOf(kind: string, key: string) {
  const { rows } = await sql<{ headNumber: number }>(`SELECT "headNumber" FROM "ContentItem" WHERE "kind" = $1::"ContentKind" AND "key" = $2`, [kind, key]);
  return rows[0]?.headNumber;
}

/** A topic of this test's own, never published (so no public page shows it), with two versions. */
async function createDraftTopic() {
  const key = `e2e-${randomUUID().slice(0, 8)}`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "ContentItem" ("kind", "key", "headNumber", "updatedAt") VALUES ('topic', $1, 2, now()) RETURNING "id"`,
    [key],
  );
  for (const number of [1, 2]) {
    await sql(`INSERT INTO "ContentVersion" ("itemId", "number", "data") VALUES ($1, $2, $3)`, [
      rows[0].id,
      number,
      JSON.stringify({ label: { ja: `下書き ${number}`, en: `Draft ${number}` }, position: 90 }),
    ]);
  }
  return { id: rows[0].id, key };
}

/** An article of this test's own whose first version is live in the database (the site never reloads it). */
async function createLiveArticle() {
  const key = `e2e-${randomUUID().slice(0, 8)}`;
  const source = (title: string) => `---\ntitle: "${title}"\ndescription: "d"\ntopic: "account"\ndraft: false\nupdated: "2026-11-26"\n---\n\nBody\n`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "ContentItem" ("kind", "key", "headNumber", "updatedAt") VALUES ('article', $1, 1, now()) RETURNING "id"`,
    [key],
  );
  const { rows: version } = await sql<{ id: string }>(
    `INSERT INTO "ContentVersion" ("itemId", "number", "data", "publishedAt") VALUES ($1, 1, $2, now()) RETURNING "id"`,
    [rows[0].id, JSON.stringify({ texts: { ja: source("記事"), en: source("Article") } })],
  );
  await sql(`UPDATE "ContentItem" SET "liveVersionId" = $2 WHERE "id" = $1`, [rows[0].id, version[0].id]);
  return { id: rows[0].id, key, liveVersionId: version[0].id };
}

async function topicState(id: string) {
  const { rows } = await sql(
    `SELECT i."headNumber", i."liveVersionId", i."ownerId", (SELECT count(*)::int FROM "ContentEvent" e WHERE e."itemId" = i."id") AS "events"
     FROM "ContentItem" i WHERE i."id" = $1`,
    [id],
  );
  return rows[0];
}

test("anonymous: every library page sends to the login and shows nothing", async ({ request }) => {
  for (const path of PAGES) {
    const response = await request.get(path);
    expect(new URL(response.url()).pathname, path).toBe("/admin/login");
    expect(await response.text(), path).not.toContain("版の一覧");
  }
});

test("an agent reaches no library page and has no content link in the menu", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, await createStaffUser(), "/admin");
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "コンテンツ" })).toHaveCount(0);
  await expect(page.getByTestId("content-attention")).toHaveCount(0);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/forbidden/);
  }
});

for (const persona of ["deactivated", "agent"] as const) {
  test(`library actions change nothing for an editor who became ${persona === "agent" ? "an agent" : "deactivated"} before submitting`, async ({ page, context }) => {
    test.setTimeout(180_000);
    const staff = await editor();
    const topic = await createDraftTopic();
    const article = await createLiveArticle();
    const before = { link: await headOf("link", "rcaci-top"), topic: await headOf("topic", "account"), own: await topicState(topic.id) };

    await attemptLockedOut(page, context, staff, persona, "/admin/content/links", async () => {
      const item = page.locator('[data-testid="link-item"][data-key="rcaci-top"]');
      await item.getByLabel(/^URL/).fill("https://example.org/never");
      await item.getByRole("button", { name: "保存して公開" }).click();
    });
    await attemptLockedOut(page, context, staff, persona, "/admin/content/topics", async () => {
      const item = page.locator('[data-testid="topic-item"][data-key="account"]');
      await item.getByLabel("名前(日本語)").fill("変更されない");
      await item.getByRole("button", { name: "保存して公開" }).click();
    });
    await attemptLockedOut(page, context, staff, persona, "/admin/content/articles/new", async () => {
      await page.getByLabel(/^URL名/).fill("e2e-never-created");
      await page.getByLabel("トピック").selectOption("account");
      for (const label of ["タイトル(日本語)", "タイトル(英語)"]) await page.getByLabel(label).fill("x");
      await page.getByLabel(/^説明\(日本語/).fill("x");
      await page.getByLabel(/^説明\(英語/).fill("x");
      await page.getByLabel(/^本文\(日本語/).fill("x");
      await page.getByLabel(/^本文\(英語/).fill("x");
      await page.getByRole("button", { name: "下書き保存" }).click();
    });
    const history = `/admin/content/topics/${topic.key}/history`;
    await attemptLockedOut(page, context, staff, persona, history, async () => {
      await page.getByLabel("担当者", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "担当者と期限を保存" }).click();
    });
    await attemptLockedOut(page, context, staff, persona, history, async () => {
      await page.getByRole("button", { name: "版1の内容に戻す(新しい版を作成)" }).click();
    });
    await attemptLockedOut(page, context, staff, persona, history, async () => {
      await page.getByRole("button", { name: "版2を公開" }).click();
    });

    await attemptLockedOut(page, context, staff, persona, `/admin/content/articles/${article.key}`, async () => {
      await page.getByRole("button", { name: "公開を停止" }).click();
    });
    const { rows: live } = await sql<{ liveVersionId: string | null }>(`SELECT "liveVersionId" FROM "ContentItem" WHERE "id" = $1`, [article.id]);
    expect(live[0].liveVersionId).toBe(article.liveVersionId);

    expect({ link: await headOf("link", "rcaci-top"), topic: await headOf("topic", "account"), own: await topicState(topic.id) }).toEqual(before);
    expect(before.own).toMatchObject({ headNumber: 2, liveVersionId: null, ownerId: null, events: 0 });
    expect((await sql(`SELECT 1 FROM "ContentItem" WHERE "key" = 'e2e-never-created'`)).rows).toHaveLength(0);
  });
}
