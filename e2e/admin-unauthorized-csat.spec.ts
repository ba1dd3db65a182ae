// Unauthorized use of the CSAT report (issue 13, docs/decisions/0030-csat.md): its page and CSV are for
// any active staff member, agents included; anonymous and deactivated users get nothing.
import { expect, test } from "@playwright/test";
import { createStaffUser, login, setActive } from "./support/admin";

const PAGE = "/admin/reports/csat";
const CSV = "/api/admin/reports/csat.csv";

test("anonymous: the report page sends to sign-in, the CSV answers 401", async ({ request }) => {
  const page = await request.get(PAGE);
  expect(new URL(page.url()).pathname).toBe("/admin/login");
  expect(await page.text()).not.toContain("顧客満足度(CSAT)</h1>");
  for (const query of ["", "?part=comments"]) {
    const csv = await request.get(`${CSV}${query}`);
    expect(csv.status()).toBe(401);
    expect(await csv.text()).not.toContain("受付番号");
  }
});

test("deactivated with a live session: sent to sign-in and refused the CSV", async ({ page }) => {
  const agent = await createStaffUser();
  await login(page, agent, PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("顧客満足度(CSAT)");
  await setActive(agent.id, false);
  await page.goto(PAGE);
  await expect(page).toHaveURL(/\/admin\/login/);
  expect((await page.request.get(CSV)).status()).toBe(401);
  expect((await page.request.get(`${CSV}?part=comments`)).status()).toBe(401);
  await setActive(agent.id, true);
});

test("an agent may read the report and its CSV (every report is for all staff)", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("顧客満足度(CSAT)");
  const csv = await page.request.get(CSV);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
});
