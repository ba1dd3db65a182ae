// Unauthorized use of the insight reports (issue 13): the three pages, their CSVs and the "handled"
// action refuse anonymous and deactivated users (with a live session); an agent may read the
// feedback list but not mark a comment handled, whatever the form says.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, login, setActive, setRole } from "./support/admin";
import { sql } from "./support/db";

const PAGES = ["/admin/reports/deflection", "/admin/reports/search", "/admin/reports/feedback"];
const CSVS = ["/api/admin/reports/deflection.csv", "/api/admin/reports/search.csv", "/api/admin/reports/feedback.csv"];

async function createComment(text: string) {
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "StepFeedback" ("guideId", "stepId", "locale", "helpful", "comment", "sessionHash") VALUES ('jaist-sso', 'step2-4', 'ja', false, $1, $2) RETURNING "id"`,
    [text, randomUUID()],
  );
  return rows[0].id;
}
const handledAt = async (id: string) => (await sql<{ handledAt: Date | null }>(`SELECT "handledAt" FROM "StepFeedback" WHERE "id" = $1`, [id])).rows[0].handledAt;

test("anonymous: the report pages send to sign in, the CSVs answer 401, nothing is shown", async ({ request }) => {
  const comment = `匿名には見せない ${randomUUID().slice(0, 8)}`;
  await createComment(comment);
  for (const path of PAGES) {
    const response = await request.get(path);
    expect(new URL(response.url()).pathname, path).toBe("/admin/login");
    expect(await response.text()).not.toContain(comment);
  }
  for (const path of CSVS) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.text()).not.toContain(comment);
  }
});

test("deactivated with a live session: pages, CSVs and the action are refused", async ({ page, context }) => {
  test.setTimeout(120_000);
  const admin = await createStaffUser({ role: "admin" });
  const id = await createComment(`停止された人は印を付けられない ${randomUUID().slice(0, 8)}`);
  await login(page, admin, "/admin/reports/feedback");
  const item = page.locator(`[data-feedback="${id}"]`);
  await expect(item.getByRole("button", { name: "対応済みにする" })).toBeVisible();

  await setActive(admin.id, false);
  await item.getByRole("button", { name: "対応済みにする" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  expect(await handledAt(id)).toBeNull();
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/login/);
  }
  for (const path of CSVS) expect((await context.request.get(path)).status(), path).toBe(401);
  await setActive(admin.id, true);
});

test("an agent reads the reports but a handled mark posted from a form rendered for an admin is refused", async ({ page }) => {
  test.setTimeout(120_000);
  const staff = await createStaffUser({ role: "admin" });
  const id = await createComment(`担当者は読むだけ ${randomUUID().slice(0, 8)}`);
  await login(page, staff, "/admin/reports/feedback");
  const button = page.locator(`[data-feedback="${id}"]`).getByRole("button", { name: "対応済みにする" });
  await expect(button).toBeVisible();
  // Demoted to agent after the page was rendered: the action checks the role itself.
  await setRole(staff.id, "agent");
  await button.click();
  await expect(page).toHaveURL(/\/admin\/forbidden/);
  expect(await handledAt(id)).toBeNull();

  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  for (const path of CSVS) expect((await page.request.get(path)).status(), path).toBe(200);
  await page.goto("/admin/reports/feedback");
  await expect(page.locator(`[data-feedback="${id}"]`).getByRole("button")).toHaveCount(0);
});
