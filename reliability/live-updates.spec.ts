// Live updates across two production instances on one database (issue 10, part C): a change made
// through instance A reaches an event stream held by instance B; B's LISTEN connection comes back
// after a database restart and tells its streams to re-read; SIGTERM ends B's streams at once.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { startApp, type TestApp } from "./support/app";
import { postTicket } from "./support/intake-load";
import { startTestPostgres, type TestPostgres } from "./support/postgres";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { waitFor } from "./support/wait";

type Received = { event: string; data: string; id?: string; at: number };
type Stream = { received: Received[]; ended: Promise<void>; isEnded(): boolean; close(): void };

let db: TestPostgres;
let smtp: TestSmtp;
let a: TestApp;
let b: TestApp;
let cookie = "";

test.describe.configure({ mode: "serial" });

/** A plain SSE client (what EventSource does, minus reconnecting), so that the test sees every event and when. */
async function openStream(baseUrl: string, path = "/api/admin/live"): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie, accept: "text/event-stream" }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("content-encoding")).toBeNull();
  const received: Received[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trimStart()]));
          if (fields.event) received.push({ event: fields.event, data: fields.data ?? "", id: fields.id, at: Date.now() });
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      ended = true;
    }
  })();
  return { received, ended: done, isEnded: () => ended, close: () => abort.abort() };
}

const listeners = async () =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tebiki-live'`))[0].n;

async function createTicketThrough(app: TestApp) {
  const sentAt = Date.now();
  const answer = await postTicket(app.url, randomUUID(), `live-${randomUUID().slice(0, 8)}@example.com`, `10.67.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  expect(answer.status).toBe(201);
  const { reference } = answer.body as { reference: string };
  const [{ id }] = await db.query<{ id: string }>(`SELECT id FROM "Ticket" WHERE reference = $1`, [reference]);
  return { id, reference, sentAt };
}

const createdEvent = (stream: Stream, ticketId: string) =>
  stream.received.find((r) => r.event === "ticket" && (JSON.parse(r.data) as { ticketId: string }).ticketId === ticketId);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  db = await startTestPostgres("live-updates");
  smtp = await startTestSmtp();
  [a, b] = await Promise.all([
    startApp({ name: "live-a", databaseUrl: db.url, smtpUrl: smtp.url }),
    startApp({ name: "live-b", databaseUrl: db.url, smtpUrl: smtp.url }),
  ]);
  const email = `live-${randomUUID().slice(0, 8)}@example.edu`;
  const password = `pw-${randomUUID()}`;
  await db.query(`INSERT INTO "StaffUser" ("email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, 'Live Agent', 'agent', $2, now())`, [
    email,
    await bcrypt.hash(password, 10),
  ]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${a.url}/admin/login?callbackUrl=${encodeURIComponent("/admin/tickets")}`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(`${a.url}/admin/tickets`, { timeout: 30_000 });
  // The session cookie is for 127.0.0.1 (any port): it works on B as well.
  cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.close();
  await db?.dispose();
});

test("a ticket created through instance A reaches an event stream on instance B", async () => {
  // One LISTEN connection per instance, however many streams.
  const onA = await openStream(a.url);
  const stream = await openStream(b.url);
  const third = await openStream(b.url);
  await waitFor("both instances' LISTEN connections", async () => (await listeners()) === 2, 15_000);
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ticket = await createTicketThrough(a);
    await expect.poll(() => createdEvent(stream, ticket.id)).toBeTruthy();
    const event = createdEvent(stream, ticket.id)!;
    // A hint only: ids and the kind, nothing the requester typed.
    expect(Object.keys(JSON.parse(event.data)).sort()).toEqual(["actorId", "kind", "reference", "ticketId"]);
    expect(JSON.parse(event.data)).toMatchObject({ ticketId: ticket.id, kind: "created", actorId: null });
    latencies.push(event.at - ticket.sentAt);
  }
  console.log(`[reliability] live updates A -> B, ms from POST sent to event received: ${latencies.join(", ")}`);
  expect(await listeners()).toBe(2);
  for (const s of [onA, stream, third]) s.close();
});

test("after a database restart, B listens again, tells its open stream to re-read, and delivers later changes", async () => {
  const stream = await openStream(b.url);
  await waitFor("both instances' LISTEN connections", async () => (await listeners()) === 2, 15_000);
  const resyncsBefore = stream.received.filter((r) => r.event === "resync").length;
  await db.stop();
  await db.start();
  const restartedAt = Date.now();
  await expect.poll(() => stream.received.filter((r) => r.event === "resync").length, { timeout: 30_000 }).toBe(resyncsBefore + 1);
  const resyncAt = stream.received.filter((r) => r.event === "resync").at(-1)!.at;
  expect(stream.isEnded()).toBe(false);

  // A's pool may need a moment to notice the restart; the first post after it is what counts.
  let ticket: Awaited<ReturnType<typeof createTicketThrough>> | undefined;
  await waitFor("a ticket through A after the restart", async () => {
    ticket = await createTicketThrough(a).catch(() => undefined);
    return Boolean(ticket);
  }, 30_000, 500);
  await expect.poll(() => createdEvent(stream, ticket!.id)).toBeTruthy();
  console.log(`[reliability] live updates: resync ${resyncAt - restartedAt} ms after the database accepted connections again`);
  stream.close();
});

test("SIGTERM on B ends its open streams at once instead of holding the drain", async () => {
  const streams = [await openStream(b.url), await openStream(b.url)];
  const signalledAt = Date.now();
  await b.stop();
  const tookMs = Date.now() - signalledAt;
  await Promise.all(streams.map((s) => s.ended));
  console.log(`[reliability] live updates: B stopped ${tookMs} ms after SIGTERM with 2 open streams; exit code ${b.process.exitCode}`);
  expect(b.process.exitCode).toBe(0);
  // The drain cuts what is still open at 7.5 s (exit 1); streams must not get anywhere near that.
  expect(tookMs).toBeLessThan(5_000);
});
