// Two app instances on one database behave as one: a second instance of the same build shares
// the per-IP limits (Postgres), the staff session (signed token + database check) and the tickets.
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { startAppServer, type AppServer } from "../reliability/support/app-server";
import { createStaffUser, login } from "./support/admin";
import { apiBody } from "./support/intake";

// One worker, one second instance for both tests.
test.describe.configure({ mode: "serial" });

let second: AppServer | undefined;
let secondUrl = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Same build, same database, same secret as the first instance (playwright.config.ts); no shared memory.
  second = await startAppServer({ env: { TRUST_PROXY: "true" } });
  secondUrl = second.url;
});

test.afterAll(async () => {
  await second?.stop();
});

const body = () => apiBody({ name: "Scale Out", description: "二つのインスタンスから送信しています。" });

test("the per-IP limit counts submissions to both instances together", async ({ request }) => {
  const headers = { "x-forwarded-for": `198.51.${randomUUID()}` };
  const other = await playwrightRequest.newContext({ baseURL: secondUrl });
  try {
    // INTAKE_LIMIT_10MIN is 5: three here, two there, and the sixth is refused on either.
    for (let i = 0; i < 3; i++) expect((await request.post("/api/v1/tickets", { headers, data: body() })).status()).toBe(201);
    for (let i = 0; i < 2; i++) expect((await other.post("/api/v1/tickets", { headers, data: body() })).status()).toBe(201);
    expect((await request.post("/api/v1/tickets", { headers, data: body() })).status()).toBe(429);
    expect((await other.post("/api/v1/tickets", { headers, data: body() })).status()).toBe(429);
  } finally {
    await other.dispose();
  }
});

test("a staff session made on one instance works on the other, and a ticket made on one is seen on the other", async ({ page, request }) => {
  const staff = await createStaffUser({ role: "agent" });
  await login(page, staff, "/admin/tickets");
  const created = await request.post("/api/v1/tickets", { headers: { "x-forwarded-for": `198.51.${randomUUID()}` }, data: body() });
  const { reference } = await created.json();

  // The browser's session cookie is for 127.0.0.1 (any port), so the second instance receives it.
  await page.goto(`${secondUrl}/admin/tickets/${reference}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
});
