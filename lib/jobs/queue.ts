// The job queue (issue 13, docs/decisions/0029-job-queue.md): graphile-worker on our PostgreSQL.
// Every instance runs a worker (instrumentation.ts) unless JOB_WORKER=false, and scripts/worker.ts
// runs one as a process of its own. A job is a row that one worker locks (FOR UPDATE SKIP LOCKED), so
// each runs once however many workers there are; a cron line is turned into a job once per minute
// across all of them (graphile-worker's known_crontabs). No per-process timers.
import "server-only";
import { run, type Runner, type Task, type TaskList } from "graphile-worker";
import type pg from "pg";
import { createJobQueuePool } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { JOB_SCHEMA, jobLogger } from "@/lib/jobs/schema";
import { log as rootLog } from "@/lib/log";

const log = rootLog.child({ component: "jobs" });

/** The task names, one place: the crontab, addJob callers and the task list agree on them. */
export const TASKS = {
  deliverMail: "mail:deliver",
  checkSla: "sla:check",
  pruneRateLimits: "rate-limit:prune",
  housekeeping: "housekeeping:prune",
} as const;
// Any string is accepted too: the tests run tasks of their own.
export type TaskName = (typeof TASKS)[keyof typeof TASKS] | (string & {});

/**
 * The recurring jobs. jobKey: a cron job and one added on demand (a mail just queued, a test asking
 * for a check) are the same pending job, so they never pile up. max=3: a failing run is retried a
 * little, then the next minute's job takes over anyway.
 */
export const CRONTAB = [
  `* * * * * ${TASKS.deliverMail} ?jobKey=${TASKS.deliverMail}&max=3`,
  `* * * * * ${TASKS.checkSla} ?jobKey=${TASKS.checkSla}&max=3`,
  `17 * * * * ${TASKS.pruneRateLimits} ?jobKey=${TASKS.pruneRateLimits}&max=3`,
  `41 * * * * ${TASKS.housekeeping} ?jobKey=${TASKS.housekeeping}&max=3`,
].join("\n");

/**
 * The crontab lines of the tasks a worker takes (an instance without SMTP has no "mail:deliver",
 * lib/jobs/tasks.ts instanceTaskList), without the SLA check when SLA_CHECK_CRON is off. Cron lines are
 * de-duplicated across workers, so an instance that has the task adds the minute's job.
 */
export function crontabFor(taskList: TaskList): string {
  const takes = (line: string) => line.split(" ")[5] in taskList && (env().SLA_CHECK_CRON || !line.includes(TASKS.checkSla));
  return CRONTAB.split("\n").filter(takes).join("\n");
}

export type AddJobOptions = {
  /** Jobs with the same key collapse into one pending job (a running one is left to finish). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

type SqlRunner = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Adds a job with graphile-worker's own SQL function, so that it can be part of the caller's
 * transaction: the job exists exactly when the change that asked for it was committed, and its
 * NOTIFY wakes a worker at commit.
 */
export async function addJob(client: SqlRunner, task: TaskName, options: AddJobOptions & { payload?: Record<string, unknown> } = {}): Promise<void> {
  await client.$executeRaw`
    SELECT graphile_worker.add_job(
      identifier := ${task}::text,
      payload := ${JSON.stringify(options.payload ?? {})}::json,
      run_at := ${options.runAt ?? null}::timestamptz,
      max_attempts := ${options.maxAttempts ?? 3}::int,
      job_key := ${options.jobKey ?? null}::text)`;
}

type Queue = {
  runner: Runner | null;
  pool: pg.Pool;
  stopping: boolean;
  restartTimer?: NodeJS.Timeout;
  starting?: Promise<void>;
};
// On globalThis: Next's bundles load separate copies of this module (as lib/shutdown.ts explains).
const state = globalThis as unknown as { tebikiJobQueue?: Queue };

const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;

type StartOptions = { concurrency: number; atStart: TaskName[]; crontab: string };

async function launch(queue: Queue, taskList: TaskList, options: StartOptions, attempt = 0): Promise<void> {
  const { concurrency } = options;
  if (queue.stopping) return;
  try {
    const runner = await run({
      pgPool: queue.pool,
      schema: JOB_SCHEMA,
      taskList,
      crontab: options.crontab,
      concurrency,
      // The custom server owns SIGTERM (lib/server/graceful.ts) and stops the queue through
      // lib/shutdown.ts; graphile-worker's own handlers would race it.
      noHandleSignals: true,
      pollInterval: 1_000,
      // Batched (even with no delay), a job's completion is retried through a database blip and
      // awaited by a graceful stop; unbatched it is fire-and-forget, and a stop that closes the
      // pool under it leaves the finished job locked (for graphile-worker's 4 hours).
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      // Its "info" is a line per job run (several a minute): debug here; warnings and errors stay.
      logger: jobLogger((level, message, meta) => log[level === "info" ? "debug" : level]({ scope: meta }, message)),
    });
    if (queue.stopping) {
      await runner.stop();
      return;
    }
    queue.runner = runner;
    log.info({ concurrency }, "job queue worker started");
    // The pool gives up after errors it cannot recover from (the database away for longer than its
    // retries): start a new one rather than leave the instance without a worker.
    runner.promise.then(
      () => relaunch(queue, taskList, options, 0, "worker stopped"),
      (error: unknown) => relaunch(queue, taskList, options, 0, error instanceof Error ? error.message : String(error)),
    );
    // Work a stopped instance may have left (a mail that was due while no worker ran) without waiting
    // for the minute; if this fails, the minute's cron does it.
    for (const task of options.atStart) {
      await runner.addJob(task, {}, { jobKey: task, maxAttempts: 3 }).catch((error: unknown) => log.warn({ task, err: String(error) }, "could not add a job at start"));
    }
  } catch (error) {
    // Typically the database is not reachable at start; the instance still serves what it can.
    relaunch(queue, taskList, options, attempt + 1, error instanceof Error ? error.message : String(error));
  }
}

function relaunch(queue: Queue, taskList: TaskList, options: StartOptions, attempt: number, reason: string) {
  queue.runner = null;
  if (queue.stopping) return;
  const delay = Math.min(RESTART_MIN_MS * 2 ** attempt, RESTART_MAX_MS);
  log.warn({ reason, retryInMs: delay }, "job queue worker not running; restarting");
  queue.restartTimer = setTimeout(() => {
    queue.restartTimer = undefined;
    queue.starting = launch(queue, taskList, options, attempt);
  }, delay);
  queue.restartTimer.unref();
}

/** Starts this process's worker once (instrumentation.ts, scripts/worker.ts). Resolves when it runs or its first start failed. */
export async function startJobQueue(
  taskList: TaskList,
  options: { concurrency?: number; atStart?: TaskName[]; crontab?: string } = {},
): Promise<void> {
  if (state.tebikiJobQueue) return state.tebikiJobQueue.starting;
  const queue: Queue = { runner: null, pool: createJobQueuePool(), stopping: false };
  state.tebikiJobQueue = queue;
  queue.starting = launch(queue, taskList, {
    concurrency: options.concurrency ?? 2,
    atStart: options.atStart ?? [TASKS.deliverMail].filter((task) => task in taskList),
    crontab: options.crontab ?? crontabFor(taskList),
  });
  await queue.starting;
}

/**
 * Stops the worker (graceful shutdown): no new jobs are taken; resolves when the jobs in progress have
 * ended (a mail round records what SMTP accepted before the pool closes), then closes the queue's pool.
 */
export async function stopJobQueue(): Promise<void> {
  const queue = state.tebikiJobQueue;
  if (!queue) return;
  state.tebikiJobQueue = undefined;
  queue.stopping = true;
  if (queue.restartTimer) clearTimeout(queue.restartTimer);
  await queue.starting?.catch(() => {});
  await queue.runner?.stop().catch((error: unknown) => log.warn({ err: String(error) }, "job queue stop failed"));
  await queue.pool.end().catch(() => {});
}

/** Whether this process's worker is running (tests, scripts/worker.ts). */
export function jobQueueRunning(): boolean {
  return Boolean(state.tebikiJobQueue?.runner);
}

export type { Task, TaskList };
