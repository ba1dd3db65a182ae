// The job queue against the real PostgreSQL (docs/decisions/0029-job-queue.md): a job added in a
// transaction exists only if that transaction commits, runs exactly once with two workers taking
// jobs at the same time, jobs with one key collapse, and stopping waits for the job in progress.
// Each test runs a task name of its own: the workers take only the tasks they know, so they never
// touch the mail and SLA jobs of the tests running beside them.
import { randomUUID } from "node:crypto";
import { run, type Runner } from "graphile-worker";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueMail } from "@/lib/data/outbox";
import { db } from "@/lib/db";
import { addJob, jobQueueRunning, startJobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { JOB_SCHEMA } from "@/lib/jobs/schema";
import { deliverRound } from "@/lib/mail/sender";
import { createTicket } from "@/lib/testing/factories";

const pools: pg.Pool[] = [];
const runners: Runner[] = [];
afterAll(async () => {
  await stopJobQueue();
  for (const runner of runners) await runner.stop().catch(() => {});
  for (const pool of pools) await pool.end();
});

/** A second worker, as another instance would run it: its own pool, the library's own runner. */
async function otherWorker(taskList: Parameters<typeof run>[0]["taskList"]) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  pools.push(pool);
  const runner = await run({ pgPool: pool, schema: JOB_SCHEMA, taskList, concurrency: 2, noHandleSignals: true, pollInterval: 200 });
  runners.push(runner);
  return runner;
}

async function pendingJobs(task: string) {
  // The public view leaves the payload out; the test reads the library's table for it.
  return db().$queryRaw<{ key: string | null; payload: { n?: number } }[]>`
    SELECT j.key, j.payload FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = ${task}`;
}

describe("the job queue", () => {
  it("runs each committed job exactly once with two workers, and never a rolled-back one", async () => {
    const task = `test:count:${randomUUID()}`;
    const ran: { n: number; worker: string }[] = [];
    const handler = (worker: string) => async (payload: unknown) => {
      // A little work, so that both workers are busy at once and a double take would show.
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push({ n: (payload as { n: number }).n, worker });
    };
    await startJobQueue({ [task]: handler("ours") }, { crontab: "", atStart: [], concurrency: 2 });
    expect(jobQueueRunning()).toBe(true);
    await otherWorker({ [task]: handler("other") });

    const committed = Array.from({ length: 40 }, (_, n) => n);
    // One after another: forty transactions at once wait longer than Prisma's maxWait for a pooled
    // connection on a loaded machine, and the workers race each other however the jobs arrive.
    for (const n of committed) await db().$transaction((tx) => addJob(tx, task, { payload: { n } }));
    // Rolled back after the job was added: the job must vanish with the transaction.
    for (const n of [100, 101, 102]) {
      await db()
        .$transaction(async (tx) => {
          await addJob(tx, task, { payload: { n } });
          throw new Error("rollback");
        })
        .catch(() => {});
    }

    await expect.poll(() => ran.length, { timeout: 20_000 }).toBe(committed.length);
    await expect.poll(async () => (await pendingJobs(task)).length, { timeout: 10_000 }).toBe(0);
    expect(ran.map((r) => r.n).sort((a, b) => a - b)).toEqual(committed);
    expect(ran.some((r) => r.n >= 100)).toBe(false);
  });

  it("collapses jobs added with one key into one pending job", async () => {
    const task = `test:keyed:${randomUUID()}`;
    for (let n = 0; n < 5; n++) await db().$transaction((tx) => addJob(tx, task, { jobKey: task, payload: { n } }));
    const jobs = await pendingJobs(task);
    expect(jobs).toHaveLength(1);
    // The latest addition wins ('replace'): its payload is the one the job runs with.
    expect(jobs[0]).toMatchObject({ key: task, payload: { n: 4 } });
    await db().$executeRaw`SELECT graphile_worker.remove_job(${task})`;
  });

  it("stops only when the job in progress has ended, and takes no other", async () => {
    await stopJobQueue();
    const task = `test:slow:${randomUUID()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    const finished: number[] = [];
    await startJobQueue(
      {
        [task]: async (payload) => {
          const { n } = payload as { n: number };
          started.push(n);
          await held;
          finished.push(n);
        },
      },
      { crontab: "", atStart: [], concurrency: 1 },
    );
    await db().$transaction((tx) => addJob(tx, task, { payload: { n: 1 } }));
    await expect.poll(() => started, { timeout: 10_000 }).toEqual([1]);
    await db().$transaction((tx) => addJob(tx, task, { payload: { n: 2 } }));

    let finishedAtStop: number[] | undefined;
    const stopping = stopJobQueue().then(() => (finishedAtStop = [...finished]));
    // A bound, not a wait for readiness: a stop that did not wait for the job would have ended by now.
    const early = await Promise.race([stopping.then(() => "stopped"), new Promise((resolve) => setTimeout(() => resolve("still waiting"), 500))]);
    expect(early).toBe("still waiting");
    release();
    await stopping;
    expect(finishedAtStop).toEqual([1]);
    expect(started).toEqual([1]);
    expect(jobQueueRunning()).toBe(false);
    // The second job is still there for the next worker.
    expect((await pendingJobs(task)).map((j) => j.payload.n)).toEqual([2]);
  });

  it("asks for a mail's delivery at commit, so queuing mail and then locking a ticket cannot deadlock", async () => {
    // A bulk update queues a notification, then locks its next ticket; meanwhile a reply holds that
    // ticket and queues its mail. Were the delivery job's row taken when the mail is queued, each
    // would wait for the other (PostgreSQL would abort one with a deadlock error).
    const { ticket } = await createTicket();
    const lockTicket = (tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0]) =>
      tx.$queryRaw`SELECT 1 FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
    const mail = (to: string) => ({ kind: "test", to: `${to}-${randomUUID().slice(0, 8)}@example.com`, subject: "s", text: "t" });
    let mailQueued!: () => void;
    const queued = new Promise<void>((resolve) => (mailQueued = resolve));
    let ticketLocked!: () => void;
    const locked = new Promise<void>((resolve) => (ticketLocked = resolve));

    const bulk = db().$transaction(async (tx) => {
      await enqueueMail(tx, mail("bulk"));
      mailQueued();
      await locked;
      await lockTicket(tx);
    }, { timeout: 15_000 });
    const reply = db().$transaction(async (tx) => {
      await lockTicket(tx);
      ticketLocked();
      await queued;
      await enqueueMail(tx, mail("reply"));
    }, { timeout: 15_000 });
    await expect(Promise.all([bulk, reply])).resolves.toBeDefined();

  });

  it("asks for one delivery job per burst of mail-queuing transactions, and a round completes the ones its claim covers", async () => {
    const mail = () => ({ kind: "test", to: `burst-${randomUUID().slice(0, 8)}@example.com`, subject: "s", text: "t" });
    // now() as text: a JS Date would drop its microseconds.
    const jobsAt = async (at: string) =>
      (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'mail:deliver' AND created_at = ${at}::timestamptz`)[0].n;
    // Three mails in one transaction: one job at most, stamped with the transaction's start (now());
    // none when it shared a job added in the last half second (below).
    const at = await db().$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await enqueueMail(tx, mail());
      return (await tx.$queryRaw<{ now: string }[]>`SELECT now()::text AS now`)[0].now;
    });
    expect(await jobsAt(at)).toBeLessThanOrEqual(1);
    // A rolled-back one: none.
    const rolledBackAt = await db()
      .$transaction(async (tx) => {
        await enqueueMail(tx, mail());
        throw Object.assign(new Error("rollback"), { at: (await tx.$queryRaw<{ now: string }[]>`SELECT now()::text AS now`)[0].now });
      })
      .catch((error: { at: string }) => error.at);
    expect(await jobsAt(rolledBackAt)).toBe(0);

    // A burst in separate transactions (round 2, migration 20261126230200): a transaction shares a
    // job added in the last half second that no worker has taken instead of adding its own. The
    // deferred trigger is fired before the commit (SET CONSTRAINTS ... IMMEDIATE) so that each
    // transaction can tell whether it added a job (a row it wrote) and another session can try to
    // take the jobs meanwhile, as graphile-worker does (FOR UPDATE SKIP LOCKED).
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    const young = `FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'mail:deliver' AND j.key IS NULL AND j.locked_at IS NULL AND j.run_at > clock_timestamp()`;
    try {
      const added: number[] = [];
      let sharedSeen = 0;
      for (let i = 0; i < 5; i++) {
        await client.query("BEGIN");
        await client.query(`INSERT INTO "OutboxMail" ("kind", "to", "subject", "text") VALUES ('test', $1, 's', 't')`, [mail().to]);
        await client.query(`SET CONSTRAINTS "OutboxMail_request_delivery" IMMEDIATE`);
        const own = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE xmin = pg_current_xact_id()::xid`);
        added.push(own.rows[0].n);
        if (own.rows[0].n === 0) {
          // Shared: the job it shares is visible to others but cannot be taken until this commits.
          await other.query("BEGIN");
          const visible = await other.query<{ n: number }>(`SELECT count(*)::int AS n ${young}`);
          const takeable = await other.query(`SELECT j.id ${young} FOR UPDATE OF j SKIP LOCKED`);
          await other.query("ROLLBACK");
          expect(takeable.rowCount, "the shared job is not takeable before the commit").toBeLessThan(visible.rows[0].n);
          sharedSeen++;
        }
        await client.query("COMMIT");
      }
      // The first may add one (or share another test's); the rest share one unless a round removed it
      // meanwhile. Before round 2: a job each (5).
      expect(added.reduce((a, b) => a + b, 0), `jobs added: ${added.join(",")}`).toBeLessThan(5);
      expect(sharedSeen).toBeGreaterThan(0);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
      await other.end();
    }
    const before = new Date();
    await deliverRound();
    expect(
      (await db().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'mail:deliver' AND created_at < ${before} AND locked_at IS NULL AND key IS NULL`)[0].n,
    ).toBe(0);
  });
});
