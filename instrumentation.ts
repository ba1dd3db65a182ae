// Runs once when a server instance starts: validate the environment before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  // Throws with one line per problem; the instance then refuses to start.
  env();
  log.info("tebiki instance started");
}
