// PostgreSQL stopped for 8 s, and SIGKILLed then restarted, under intake load from 16 clients (issue 8).
// Asserted and printed: every acknowledged ticket is stored, no idempotency key has two tickets, every
// answer during the outage is a 503 with a JSON body (no 500, no dropped connection), the contact form
// (JavaScript on and off) keeps what was typed and says to try again, cached pages still answer, the
// app recovers without a restart, and each confirmation mail reaches the SMTP server exactly once.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { startApp, type TestApp } from "./support/app";
import { expectTypedValues, fillContactForm } from "./support/contact-form";
import { startIntakeLoad, tally } from "./support/intake-load";
import { startTestPostgres, type TestPostgres } from "./support/postgres";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { outageWindow, waitFor } from "./support/wait";

const OUTAGE_MS = 8_000;

type Setup = { db: TestPostgres; smtp: TestSmtp; app: TestApp };
let setup: Setup | undefined;

test.afterEach(async () => {
  await setup?.app.stop();
  await setup?.smtp.close();
  await setup?.db.dispose();
  setup = undefined;
});

async function outageCase(browser: Browser, how: "stop" | "kill") {
  test.setTimeout(300_000);
  const db = await startTestPostgres(`outage-${how}`);
  const smtp = await startTestSmtp();
  const app = await startApp({
    name: `outage-${how}`,
    databaseUrl: db.url,
    smtpUrl: smtp.url,
    // The load is one network's worth of clients; the per-IP limits are not under test here.
    env: { INTAKE_LIMIT_10MIN: "100000", INTAKE_LIMIT_HOUR: "100000", INTAKE_LIMIT_DAY: "100000" },
  });
  setup = { db, smtp, app };
  const pid = app.process.pid;

  // Two people fill the contact form before the outage: one with JavaScript, one without.
  const jsOn = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.88.0.1" } });
  const jsOff = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "10.88.0.2" } });
  const pageOn = await jsOn.newPage();
  const pageOff = await jsOff.newPage();
  const emailOn = `form-on-${randomUUID().slice(0, 8)}@example.com`;
  const emailOff = `form-off-${randomUUID().slice(0, 8)}@example.com`;
  await fillContactForm(pageOn, app.url, emailOn);
  await fillContactForm(pageOff, app.url, emailOff);
  // Pre-rendered pages, warmed before the outage.
  const cached = ["/ja", "/ja/guides/jaist-sso", "/en"];
  for (const path of cached) expect((await fetch(`${app.url}${path}`)).status).toBe(200);

  const load = startIntakeLoad([app.url], 16);
  await waitFor("tickets before the outage", () => load.acknowledged.length >= 30, 60_000);
  const beforeOutage = load.acknowledged.length;

  if (how === "stop") await db.stop();
  else await db.kill();
  const outageFrom = Date.now();

  // During the outage: both forms are submitted, and the cached pages are read.
  await pageOn.getByRole("button", { name: "送信する" }).click();
  await expect(pageOn.getByText(DATABASE_UNAVAILABLE_MESSAGE.ja)).toBeVisible();
  await expectTypedValues(pageOn, emailOn);
  await pageOff.getByRole("button", { name: "送信する" }).click();
  await expect(pageOff.getByText(DATABASE_UNAVAILABLE_MESSAGE.ja)).toBeVisible();
  await expectTypedValues(pageOff, emailOff);
  const cachedDuringOutage = await Promise.all(cached.map(async (path) => (await fetch(`${app.url}${path}`)).status));
  expect(cachedDuringOutage).toEqual(cached.map(() => 200));
  const health = await fetch(`${app.url}/api/health`);
  expect(health.status).toBe(503);

  const left = OUTAGE_MS - (Date.now() - outageFrom);
  if (left > 0) await outageWindow(left);
  const outageTo = Date.now();
  await db.start();
  const restartedAt = Date.now();

  await waitFor("tickets after the restart", () => load.acknowledged.length >= beforeOutage + 30, 90_000);
  await load.stop();

  // The forms, sent again as they stand: the same idempotency keys, now stored.
  await pageOn.getByRole("button", { name: "送信する" }).click();
  await expect(pageOn.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  await pageOff.getByRole("button", { name: "送信する" }).click();
  await expect(pageOff.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  await jsOn.close();
  await jsOff.close();

  const during = load.answers.filter((a) => a.sentAt >= outageFrom && a.at <= outageTo);
  const afterRestart = load.acknowledged.length - beforeOutage;
  const stored = await db.query<{ reference: string; idempotencyKey: string; email: string }>(
    `SELECT reference, "idempotencyKey", email FROM "Ticket"`,
  );
  const storedByKey = new Map<string, string[]>();
  for (const row of stored) storedByKey.set(row.idempotencyKey, [...(storedByKey.get(row.idempotencyKey) ?? []), row.reference]);
  const duplicates = [...storedByKey.values()].filter((refs) => refs.length > 1).length;
  const lostAcknowledged = load.acknowledged.filter((a) => !(storedByKey.get(a.key) ?? []).includes(a.reference)).length;
  const unexpected = load.answers.filter((a) => ![200, 201, 503].includes(a.status));

  // Each mail exactly once: every outbox row ends sent (a row whose "sent" was lost would wait out
  // its 2-minute lease and go out again), and the SMTP server saw each address once.
  const unsent = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMail" WHERE status <> 'sent'`))[0].n;
  // Well under the lease: a row still unsent after this waits for its lease, i.e. a second send.
  await waitFor("every confirmation mail recorded as sent", async () => (await unsent()) === 0, 60_000, 250).catch(() => {});
  const unsentAfterWait = await unsent();
  const counts = smtp.countsByRecipient();
  const ticketEmails = stored.map((row) => row.email);
  const mailedTwice = ticketEmails.filter((email) => (counts.get(email) ?? 0) > 1).length;
  const notMailed = ticketEmails.filter((email) => !counts.has(email)).length;
  const outbox = await db.query<{ attempts: number; n: number }>(`SELECT attempts, count(*)::int AS n FROM "OutboxMail" GROUP BY attempts`);

  const figures = {
    how,
    outageMs: outageTo - outageFrom,
    restartMs: restartedAt - outageTo,
    answers: tally(load.answers),
    answersDuringOutage: tally(during),
    acknowledged: load.acknowledged.length,
    acknowledgedAfterRestart: afterRestart,
    ticketsStored: stored.length,
    lostAcknowledged,
    duplicateKeys: duplicates,
    unsentAfterWait,
    mailsReceived: smtp.received.length,
    mailedTwice,
    notMailed,
    outboxAttempts: Object.fromEntries(outbox.map((r) => [r.attempts, r.n])),
  };
  console.log(`[reliability] database ${how}: ${JSON.stringify(figures)}`);

  expect(during.length).toBeGreaterThan(0);
  expect(during.filter((a) => a.status !== 503)).toEqual([]);
  expect(during.every((a) => (a.body as { error?: string }).error === "database_unavailable")).toBe(true);
  expect(unexpected.map((a) => a.status)).toEqual([]);
  expect(lostAcknowledged).toBe(0);
  expect(duplicates).toBe(0);
  // Every key a client started ended as exactly one stored ticket.
  expect([...load.keys].filter((key) => (storedByKey.get(key) ?? []).length !== 1)).toEqual([]);
  expect(afterRestart).toBeGreaterThan(0);
  expect(app.process.pid).toBe(pid);
  expect(app.process.exitCode).toBeNull();
  expect(unsentAfterWait).toBe(0);
  expect(mailedTwice).toBe(0);
  expect(notMailed).toBe(0);
  expect(smtp.received.length).toBe(stored.length);
}

test("PostgreSQL stopped for 8 s under intake load", async ({ browser }) => {
  await outageCase(browser, "stop");
});

test("PostgreSQL SIGKILLed and restarted under intake load", async ({ browser }) => {
  await outageCase(browser, "kill");
});
