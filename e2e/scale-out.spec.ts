// Two app instances on one database behave as one: a second `next start` of the same build shares
// the per-IP limits (Postgres), the staff session (signed token + database check) and the tickets.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { freePort } from "@/lib/embedded-pg";
import { createStaffUser, login } from "./support/admin";
import { apiBody } from "./support/intake";
import { E2E_AUTH_SECRET } from "./support/server-env";

// One worker, one second instance for both tests.
test.describe.configure({ mode: "serial" });

let second: ChildProcess | undefined;
let secondUrl = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  // Same build, same database, same secret as the first instance (playwright.config.ts); no shared memory.
  second = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      AUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: secondUrl,
      APP_URL: secondUrl,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${secondUrl}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000 })
    .toBe(200);
});

test.afterAll(() => {
  second?.kill("SIGTERM");
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
