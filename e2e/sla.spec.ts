// Issue 13, part sla: due times in business hours on a controlled clock (lib/clock.ts). An admin sets
// the calendar; a ticket gets its due time in the list and on its page; waiting pauses it; back to
// open moves it by the business time it waited; past the warning lead it is "期限間近", past due
// "期限超過". Runs in the "clock" project, one spec at a time (playwright.config.ts).
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { resetClock, setClock } from "./support/clock";
import { sql } from "./support/db";
import { apiBody } from "./support/intake";

// Thursday 10 December 2026 becomes a closure day; the test runs Wednesday 9th to Monday 14th.
const CLOSURE = "2026-12-10";

test.afterAll(async () => {
  resetClock();
  await sql(`DELETE FROM "ClosureDay" WHERE "day" = $1`, [CLOSURE]);
});

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

async function createViaApi(page: Page) {
  const response = await page.request.post("/api/v1/tickets", { headers: { "x-forwarded-for": `198.18.${randomUUID()}` }, data: apiBody() });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

test("a due time in business hours: set by the calendar, paused while waiting, moved on resume, due soon, breached", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/settings/calendar");
  await setClock(page, "2026-12-09T16:00");

  // The admin's calendar: the default hours, a one-hour warning, and a closure day. A closure without
  // a name is refused with the date kept.
  await page.goto("/admin/settings/calendar");
  await expectAccessible(page);
  await page.getByLabel("期限間近とする時間(分前)").fill("60");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("保存しました。")).toBeVisible();
  await page.getByLabel("日付").fill(CLOSURE);
  await page.getByRole("button", { name: "追加" }).click();
  await expect(page.getByText("名前を入力してください")).toBeVisible();
  await expect(page.getByLabel("日付")).toHaveValue(CLOSURE);
  await page.getByLabel("名前").fill("創立記念日(テスト)");
  await page.getByRole("button", { name: "追加" }).click();
  await expect(page.getByTestId("closure-days")).toContainText("2026/12/10(木) 創立記念日(テスト)");
  await expect(page.getByText("元日")).toBeVisible();

  await page.goto("/admin/settings/sla");
  await expectAccessible(page);
  await expect(page.getByTestId("policy-normal:").getByLabel("優先度: 通常 初回応答(時間)")).toHaveValue("4");

  // Wednesday 16:00 + 4 business hours: 75 minutes on Wednesday, Thursday closed, Friday 8:30 + 2 h 45.
  const reference = await createViaApi(page);
  const other = await createViaApi(page);
  const rowOf = (ref: string) => page.locator(`[data-ticket-row][data-reference="${ref}"]`);
  const list = `/admin/tickets?status=all&sort=due&q=${reference}`;
  await page.goto(list);
  await expect(rowOf(reference).getByTestId("ticket-due")).toContainText("2026/12/11 11:15");

  await page.goto(`/admin/tickets/${reference}`);
  const panel = page.getByTestId("sla-panel");
  await expect(panel.getByTestId("sla-first")).toContainText("営業時間で4時間");
  await expect(panel.getByTestId("sla-first")).toContainText("期限 2026/12/11 11:15");
  await expect(panel.getByTestId("sla-resolution")).toContainText("営業時間で43時間45分");

  // Waiting on the requester: the clock stands still.
  const properties = page.getByRole("complementary", { name: "チケットの操作" });
  await properties.getByLabel("状態").selectOption("waiting");
  await properties.getByRole("button", { name: "変更を保存" }).click();
  await expect(panel.getByTestId("sla-paused")).toContainText("一時停止");
  await page.goto(list);
  await expect(rowOf(reference).getByTestId("ticket-due")).toHaveText(/一時停止/);

  // Monday 9:30: it waited 75 + 525 + 60 = 660 business minutes, so the due time moves from Friday
  // 11:15 to Monday 13:30. The other ticket, never paused, is past its Friday due time.
  await setClock(page, "2026-12-14T09:30");
  await page.goto(`/admin/tickets?status=all&sort=due&q=${other}`);
  await expect(rowOf(other).getByTestId("ticket-due")).toContainText("期限超過");
  await page.goto(`/admin/tickets/${reference}`);
  await properties.getByLabel("状態").selectOption("open");
  await properties.getByRole("button", { name: "変更を保存" }).click();
  await expect(panel.getByTestId("sla-first")).toContainText("期限 2026/12/14 13:30");
  await page.goto(list);
  const due = rowOf(reference).getByTestId("ticket-due");
  await expect(due).toContainText("2026/12/14 13:30");
  await expect(due.locator("[data-sla-state]")).toHaveCount(0);

  await setClock(page, "2026-12-14T12:45");
  await page.goto(list);
  await expect(due.locator("[data-sla-state=soon]")).toHaveText("期限間近");

  await setClock(page, "2026-12-14T14:00");
  await page.goto(list);
  await expect(due.locator("[data-sla-state=breached]")).toHaveText(/期限超過/);
  await expectAccessible(page);

  // The same list and settings at 375 px, without side scroll.
  const small = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const phone = await small.newPage();
  await login(phone, admin, "/admin/settings/calendar");
  await expectNoSideScroll(phone);
  await phone.goto("/admin/settings/sla");
  await expectNoSideScroll(phone);
  await phone.goto(list);
  await expect(phone.getByTestId("ticket-due").first()).toContainText("期限超過");
  await expectNoSideScroll(phone);
  await phone.goto("/admin/reports/sla");
  await expectNoSideScroll(phone);
  await small.close();

  // The report counts the breach; its CSV comes as UTF-8 with a BOM.
  await page.goto("/admin/reports/sla");
  await expect(page.getByTestId("sla-report-priorities")).toContainText("通常");
  const csv = await page.request.get("/api/admin/reports/sla.csv");
  expect(csv.status()).toBe(200);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("優先度,通常");
});
