// The reports index (issue 13): every report is one click from the staff menu, for any staff member,
// and each link leads to a report page and a CSV; anonymous visitors are sent to sign in.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";

test("an agent reaches every report and its CSV from the menu", async ({ page }) => {
  const agent = await createStaffUser();
  await login(page, agent, "/admin");
  await page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "レポート" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("レポート");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  const reports = page.getByRole("main").getByRole("heading", { level: 2 }).getByRole("link");
  await expect(reports).toHaveCount(5);
  for (const href of await reports.evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(new URL(response.url()).pathname).toBe(href);
  }
  for (const href of await page.locator('a[href^="/api/admin/reports/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toContain("text/csv");
  }
});

test("the SLA and CSAT reports draw their figures as charts with a summary and a table", async ({ page }) => {
  const agent = await createStaffUser();
  await login(page, agent, "/admin/reports/sla");
  for (const [path, id] of [["/admin/reports/sla", "sla-chart"], ["/admin/reports/csat", "csat-chart"]] as const) {
    await page.goto(path);
    const chart = page.getByTestId(id);
    await expect(chart.locator('[role="img"]')).toHaveAttribute("aria-label", /.+/);
    await expect(chart.locator("details table")).toHaveCount(1);
  }
});

test("anonymous: the reports index sends to sign in", async ({ request }) => {
  const response = await request.get("/admin/reports");
  expect(new URL(response.url()).pathname).toBe("/admin/login");
});
