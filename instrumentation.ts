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
  // Every instance runs the outbox sender; row locking keeps them from sending a mail twice.
  const { startMailer, stopMailer } = await import("@/lib/mail/sender");
  startMailer();
  // Mail coming back (issue 11): fetched or received when configured, processed by every instance.
  const { startInbound, stopInbound } = await import("@/lib/mail/inbound/worker");
  await startInbound();
  // Run by the custom server (server.ts) after the last request is answered: finish the mail round
  // in progress, then close the pool.
  const { onShutdown } = await import("@/lib/shutdown");
  const { closeDb } = await import("@/lib/db");
  onShutdown(async () => {
    await stopInbound();
    await stopContentSync();
    await stopMailer();
    await closeDb();
  });
  log.info("tebiki instance started");
}
