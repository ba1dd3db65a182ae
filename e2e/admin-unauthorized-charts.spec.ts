// Unauthorized use of the report CSVs (issue 13, part charts): anonymous and deactivated users with
// a live session get 401 and no numbers, whatever the headers; every staff role may read them.
import { expect, test } from "@playwright/test";
import { createStaffUser, login, setActive } from "./support/admin";

const REPORTS = ["/api/admin/reports/tickets-per-day.csv", "/api/admin/reports/medians.csv?days=7", "/api/admin/reports/open-breakdown.csv"];

const HEADER_TRICKS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
];

test("anonymous: every report CSV answers 401 without data, whatever the headers", async ({ request }) => {
  for (const headers of HEADER_TRICKS) {
    for (const path of REPORTS) {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(401);
      expect(await response.text()).not.toContain("件数");
    }
  }
});

test("deactivated with a live session: refused at the next request; an agent may read them", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin");
  for (const path of REPORTS) expect((await page.request.get(path)).status(), path).toBe(200);
  await setActive(agent.id, false);
  for (const path of REPORTS) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
    expect(await response.text()).not.toContain("件数");
  }
});
