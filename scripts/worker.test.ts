// `npm run worker` as its own process (docs/decisions/0029-job-queue.md), against a database of its
// own (a worker on the shared test database would take the other tests' mail and SLA jobs): a mail
// committed after it started goes out through the job its insert asked for, and SIGTERM ends the
// process with 0.
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";

let database: Awaited<ReturnType<typeof createTempDatabase>>;
let server: SMTPServer;
let smtpPort = 0;
const received: string[] = [];

beforeAll(async () => {
  database = await createTempDatabase("worker");
  await migrate(database.url);
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpPort = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.drop();
});

it("delivers a mail queued while it runs, and exits 0 on SIGTERM", async () => {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "scripts", "worker.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: "info", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toContain("job queue worker started");

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "OutboxMail" ("kind", "to", "subject", "text") VALUES ('test', 'worker-process@example.com', 's', 't')`);
      await expect.poll(() => received, { timeout: 20_000 }).toContain("worker-process@example.com");
      await expect
        .poll(async () => (await client.query<{ status: string }>(`SELECT "status" FROM "OutboxMail" WHERE "to" = 'worker-process@example.com'`)).rows[0].status)
        .toBe("sent");
    } finally {
      await client.end();
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 90_000);
