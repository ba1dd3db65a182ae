// Runs once when a server instance starts: validate the environment before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  // Throws with one line per problem; the instance then refuses to start.
  env();
  // The help content (issue 12): the live versions from the database before the first request (the
  // first start imports content/), then kept fresh by LISTEN; content/ or the last saved snapshot
  // while the database is down (docs/decisions/0025).
  const { startContentSync, stopContentSync } = await import("@/lib/content-live/sync");
  await startContentSync();
  // Every instance runs a worker of the job queue (mail delivery, SLA alerts; docs/decisions/0029)
  // unless JOB_WORKER=false (the jobs then run in scripts/worker.ts). A job runs once however many
  // workers there are. Not awaited: with the database away the worker keeps trying in the background.
  const { startJobQueue, stopJobQueue } = await import("@/lib/jobs/queue");
  if (env().JOB_WORKER) {
    // Without SMTP_URL the worker leaves mail delivery to instances that can send (instanceTaskList).
    const { instanceTaskList } = await import("@/lib/jobs/tasks");
    void startJobQueue(instanceTaskList());
  }
  // Mail coming back (issue 11): fetched or received when configured, processed by every instance.
  const { startInbound, stopInbound } = await import("@/lib/mail/inbound/worker");
  await startInbound();
  // Run by the custom server (server.ts) after the last request is answered: finish the jobs in
  // progress (a mail round records what SMTP accepted), then close the pool.
  const { onShutdown } = await import("@/lib/shutdown");
  const { closeDb } = await import("@/lib/db");
  onShutdown(async () => {
    await stopInbound();
    await stopContentSync();
    await stopJobQueue();
    await closeDb();
  });
  log.info("tebiki instance started");
}
