// Runs once when a server instance starts: validate the environment before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  // Throws with one line per problem; the instance then refuses to start.
  env();
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
    await stopMailer();
    await closeDb();
  });
  log.info("tebiki instance started");
}
