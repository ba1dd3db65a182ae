// Runs once when a server instance starts: validate the environment before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  // Throws with one line per problem; the instance then refuses to start.
  env();
  // Every instance runs the outbox sender; row locking keeps them from sending a mail twice.
  const { startMailer } = await import("@/lib/mail/sender");
  startMailer();
  log.info("tebiki instance started");
}
