// Adding a guide is a content-only change (issue 9): a guide that exists only in this test
// (lib/testing/fixtures/guides/printer) is copied into a copy of content/, built and served through
// TEBIKI_CONTENT_DIR by `npx tsx scripts/test.ts --only fixture-guide` (part of `npm test`). With no
// code naming it, it is in the catalog, walks, files tickets with its own fields (JS on and off) and
// shows in the staff filter, detail, CSV and dashboard.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";

test.skip(!process.env.TEBIKI_CONTENT_DIR, "needs the build with the fixture guide: npx tsx scripts/test.ts --only fixture-guide");

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.22.${randomUUID()}` });
});

/** From the catalog through the walk to the filled form; returns the reference and the room typed. */
async function fileThroughTheGuide(page: Page, walk: string[]) {
  const room = `I-${randomUUID().slice(0, 8)}`;
  await page.goto("/ja");
  // The home lists guides by the symptom a user sees (the fixture's catalog entry).
  await page.getByRole("link", { name: "プリンタで印刷できない", exact: true }).first().click();
  await expect(page).toHaveURL(/\/ja\/guides\/printer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Printer (fixture)");
  // Every step of the walk is a page of its own.
  for (let i = 1; i <= walk.length; i++) {
    const response = await page.goto(`/ja/guides/printer/${walk.slice(0, i).join("/")}`);
    expect(response?.status()).toBe(200);
  }
  await page.locator('main a[href^="/ja/contact?"]').first().click();
  await expect(page).toHaveURL(new RegExp(`/ja/contact\\?guide=printer&walk=${walk.join(",")}$`));

  // Its own form: the walk's answer folded, its own question asked, no SSO question.
  await expect(page.getByTestId("answered-problem").locator("summary")).toContainText(walk[0] === "paper-jam" ? "紙詰まり" : "何も起きない");
  await expect(page.getByText("表示されたメッセージ")).toHaveCount(0);
  await page.getByLabel("氏名").fill("印刷 花子");
  await page.getByLabel("ユーザ名").fill("s2477777");
  await page.getByRole("radio", { name: "学生" }).check();
  await page.getByLabel("返信先メールアドレス").fill(`printer.${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel("状況の説明").fill("印刷できません。");
  await page.getByRole("button", { name: "送信する" }).click();
  // Its own required question is required.
  await expect(page.locator("#f-room-error")).toHaveText("入力してください。");
  await page.getByLabel("プリンタのある部屋").fill(room);
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  expect(reference).toMatch(/^PRN-\d{4}-\d{6}$/);
  const { rows } = await sql(`SELECT "guideId", answers FROM "Ticket" WHERE reference = $1`, [reference]);
  expect(rows[0].guideId).toBe("printer");
  expect(rows[0].answers).toMatchObject({ problem: walk[0] === "paper-jam" ? "paper-jam" : "nothing", room });
  return { reference, room };
}

test("catalog, walk and its own form with JavaScript; staff filter, detail, CSV and dashboard", async ({ page, browser }) => {
  const { reference, room } = await fileThroughTheGuide(page, ["paper-jam", "jam-still"]);

  const admin = await createStaffUser({ role: "admin" });
  const staff = await browser.newPage();
  try {
    await login(staff, admin, "/admin/tickets");
    // The filter offers the guide, then its own question.
    await staff.getByText("絞り込み").click();
    await staff.getByLabel("ガイド", { exact: true }).selectOption("printer");
    await staff.getByRole("button", { name: "適用" }).click();
    await staff.getByLabel("症状").selectOption("paper-jam");
    await staff.getByRole("button", { name: "適用" }).click();
    await expect(staff).toHaveURL(/a\.problem=paper-jam/);
    await staff.goto(`/admin/tickets?status=all&guide=printer&a.problem=paper-jam&q=${reference}`);
    await expect(staff.getByTestId("ticket-row")).toHaveCount(1);
    await expect(staff.getByTestId("ticket-row")).toContainText("印刷できない(テスト用)");
    await staff.goto(`/admin/tickets?status=all&guide=printer&a.problem=nothing&q=${reference}`);
    await expect(staff.getByTestId("ticket-row")).toHaveCount(0);

    // The detail, in the guide's words.
    await staff.goto(`/admin/tickets/${reference}`);
    const answers = staff.getByRole("region", { name: "フォームの回答" });
    await expect(answers).toContainText("プリンタのある部屋");
    await expect(answers).toContainText(room);
    await expect(answers).toContainText("紙詰まり");

    // The CSV of the guide: common columns, then its own.
    const csv = await staff.request.get(`/api/admin/tickets.csv?status=all&guide=printer&q=${reference}`);
    expect(csv.status()).toBe(200);
    const [header, row] = (await csv.text()).trimEnd().split("\r\n");
    expect(header).toContain("症状");
    expect(header).toContain("プリンタのある部屋");
    expect(header).not.toContain("表示されたメッセージ");
    expect(row).toContain(room);

    // The deflection report: its steps.
    await staff.goto("/admin/reports/deflection");
    await expect(staff.getByTestId("deflection-printer")).toContainText("印刷できない(テスト用)");
    await expect(staff.getByTestId("deflection-printer")).toContainText("PRN-1");
  } finally {
    await staff.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same guide files its ticket with plain form posts", async ({ page }) => {
    await fileThroughTheGuide(page, ["nothing-happens"]);
  });
});
