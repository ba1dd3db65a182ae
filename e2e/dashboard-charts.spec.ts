// The dashboard's charts (issue 13, decision 0032): SVG with axes, labels and a summary, the same
// numbers as a table, CSVs with a BOM, axe, and no sideways scrolling at 375 px.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const todayJst = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

function parseCsv(bytes: Buffer) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString("utf8").slice(1).trimEnd().split("\r\n").map((line) => line.split(","));
}

test("tickets per day and the medians are charts with axes, a summary and a table; their CSVs have a BOM", async ({ page }) => {
  const agent = await createStaffUser();
  const ticket = await createTicket();
  // Answered 25 minutes after it came in: today has a first-response median.
  await sql(`UPDATE "Ticket" SET "firstResponseAt" = "createdAt" + interval '25 minutes', "status" = 'open' WHERE "id" = $1`, [ticket.id]);
  await login(page, agent, "/admin");

  const perDay = page.getByTestId("chart-tickets-per-day");
  const bars = perDay.getByRole("img", { name: /1日あたりの新規チケット数: .*30項目の棒グラフ。合計 [\d,]+件、最大 [\d,]+件/ });
  await expect(bars).toBeVisible();
  // Axis titles with units, ticks and today's date under the last bar.
  await expect(bars.locator("text", { hasText: "新規チケット(件)" })).toHaveCount(1);
  await expect(bars.locator("text", { hasText: "受付日" })).toHaveCount(1);
  await expect(bars.locator("text", { hasText: /^0$/ })).toHaveCount(1);
  await expect(bars.locator("text", { hasText: new RegExp(`^${shortDay(todayJst())}$`) })).toHaveCount(1);
  expect(await bars.locator("rect").count()).toBe(30);

  // The table fallback: closed at first, the same 30 days when opened.
  const table = perDay.getByRole("table", { name: "1日あたりの新規チケット数" });
  await expect(table).toBeHidden();
  await perDay.getByText("表で見る: 1日あたりの新規チケット数").click();
  await expect(table.getByRole("row")).toHaveCount(31);
  const todayRow = table.getByRole("row", { name: new RegExp(`^${shortDay(todayJst())} `) });
  expect(Number(await todayRow.getByRole("cell").textContent())).toBeGreaterThanOrEqual(1);

  const medians = page.getByTestId("chart-medians");
  await expect(medians.getByRole("img", { name: /受付日ごとの中央値: .*折れ線グラフ。初回返信まで: 最小/ })).toBeVisible();
  await expect(medians.getByRole("listitem").filter({ hasText: "初回返信まで" })).toBeVisible();
  await expect(medians.getByRole("listitem").filter({ hasText: "解決まで" })).toBeVisible();
  await medians.getByText("表で見る: 受付日ごとの中央値").click();
  const medianTable = medians.getByRole("table", { name: "受付日ごとの中央値" });
  await expect(medianTable.getByRole("columnheader")).toHaveText([/受付日/, /初回返信まで/, /解決まで/]);
  await expect(medianTable.getByRole("row", { name: new RegExp(`^${shortDay(todayJst())} `) }).getByRole("cell").first()).not.toHaveText("—");

  // A real download through the link, then the other two reports by their links' addresses.
  const [download] = await Promise.all([page.waitForEvent("download"), perDay.getByRole("link", { name: "日別の新規チケット数をCSVでダウンロード" }).click()]);
  expect(download.suggestedFilename()).toBe(`tickets-per-day-${todayJst()}.csv`);
  const { readFile } = await import("node:fs/promises");
  const rows = parseCsv(await readFile((await download.path())!));
  expect(rows[0]).toEqual(["日付", "新規チケット数"]);
  expect(rows).toHaveLength(31);
  expect(rows.at(-1)![0]).toBe(todayJst());
  expect(Number(rows.at(-1)![1])).toBeGreaterThanOrEqual(1);

  const mediansCsv = await page.request.get((await medians.getByRole("link", { name: "日別の中央値をCSVでダウンロード" }).getAttribute("href"))!);
  expect(mediansCsv.headers()["content-type"]).toContain("text/csv");
  const medianRows = parseCsv(await mediansCsv.body());
  expect(medianRows[0]).toEqual(["受付日", "初回返信までの中央値(分)", "解決までの中央値(分)"]);
  expect(medianRows.find((r) => r[0] === todayJst())?.[1]).not.toBe("");

  const openCsv = await page.request.get((await page.getByRole("link", { name: "未解決チケットの内訳をCSVでダウンロード" }).getAttribute("href"))!);
  const openRows = parseCsv(await openCsv.body());
  expect(openRows[0]).toEqual(["区分", "値", "件数"]);
  expect(Number(openRows.find((r) => r[0] === "状態" && r[1] === "対応中")?.[2])).toBeGreaterThanOrEqual(1);

  // A window the report cannot give is refused with what is allowed, not a 500.
  const bad = await page.request.get("/api/admin/reports/tickets-per-day.csv?days=0");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("1〜366");
  const week = parseCsv(await (await page.request.get("/api/admin/reports/tickets-per-day.csv?days=7")).body());
  expect(week).toHaveLength(8);

  await expectNoSeriousAxeViolations(page);
});

test("at 375 px the charts fit the screen, without sideways scrolling @mobile", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const agent = await createStaffUser();
  await login(page, agent, "/admin");
  const chart = page.getByTestId("chart-tickets-per-day").getByRole("img");
  await expect(chart).toBeVisible();
  await page.getByTestId("chart-medians").getByText("表で見る: 受付日ごとの中央値").click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const box = (await chart.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  // Axis text stays readable: at least 10 px tall on screen.
  const label = page.getByTestId("chart-tickets-per-day").locator("svg text", { hasText: "受付日" });
  expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(10);
  await expect(page.getByRole("link", { name: "日別の新規チケット数をCSVでダウンロード" })).toBeVisible();
});
