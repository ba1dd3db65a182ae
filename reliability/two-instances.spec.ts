// Two production instances of one build on one database (issue 8): the per-IP limit is shared,
// a staff session made on one is valid on the other, and concurrent intake to both gives unique
// references with no ticket lost.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { startApp, type TestApp } from "./support/app";
import { postTicket } from "./support/intake-load";
import { startTestPostgres, type TestPostgres } from "./support/postgres";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

let db: TestPostgres;
let smtp: TestSmtp;
let a: TestApp;
let b: TestApp;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  db = await startTestPostgres("two-instances");
  smtp = await startTestSmtp();
  [a, b] = await Promise.all([
    startApp({ name: "instance-a", databaseUrl: db.url, smtpUrl: smtp.url }),
    startApp({ name: "instance-b", databaseUrl: db.url, smtpUrl: smtp.url }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.close();
  await db?.dispose();
});

test("concurrent intake to both instances: unique references, every ticket stored", async () => {
  const PER_INSTANCE = 30;
  const sent = Array.from({ length: PER_INSTANCE * 2 }, (_, n) => ({ n, app: n % 2 ? b : a, key: randomUUID() }));
  const answers = await Promise.all(
    sent.map(({ n, app, key }) => postTicket(app.url, key, `two-${key.slice(0, 8)}@example.com`, `10.66.${n}.1`)),
  );
  const references = answers.map((r) => (r.body as { reference?: string }).reference);
  const stored = await db.query<{ reference: string }>(`SELECT reference FROM "Ticket"`);
  const figures = {
    sent: sent.length,
    statuses: answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {}),
    uniqueReferences: new Set(references).size,
    stored: stored.length,
  };
  console.log(`[reliability] two instances, concurrent intake: ${JSON.stringify(figures)}`);
  expect(figures.statuses).toEqual({ 201: sent.length });
  expect(figures.uniqueReferences).toBe(sent.length);
  expect(new Set(stored.map((r) => r.reference))).toEqual(new Set(references));
});

test("the per-IP limit counts submissions to both instances together", async () => {
  // INTAKE_LIMIT_10MIN is 5: three to A and two to B are accepted; the sixth is refused on either.
  const ip = "10.65.0.1";
  const post = (app: TestApp) => postTicket(app.url, randomUUID(), `limit-${randomUUID().slice(0, 8)}@example.com`, ip);
  const statuses: number[] = [];
  for (const app of [a, a, a, b, b, a, b]) statuses.push((await post(app)).status);
  console.log(`[reliability] two instances, shared limit (A A A B B A B): ${statuses.join(" ")}`);
  expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
});

test("a staff session made on one instance works on the other", async ({ browser }) => {
  const email = `staff-${randomUUID().slice(0, 8)}@example.edu`;
  const password = `pw-${randomUUID()}`;
  await db.query(`INSERT INTO "StaffUser" ("email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, 'Two Instances', 'agent', $2, now())`, [
    email,
    await bcrypt.hash(password, 10),
  ]);
  const [{ reference }] = await db.query<{ reference: string }>(`SELECT reference FROM "Ticket" ORDER BY "createdAt" LIMIT 1`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${a.url}/admin/login?callbackUrl=${encodeURIComponent("/admin/tickets")}`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(`${a.url}/admin/tickets`, { timeout: 30_000 });

  // The session cookie is for 127.0.0.1 (any port): the second instance receives it.
  await page.goto(`${b.url}/admin/tickets/${reference}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await context.close();
});
