// A worker process of its own (scripts/worker.ts, scripts/inbound-worker.ts): start it, and on
// SIGTERM/SIGINT stop it (the work in progress finishes), close the database and exit 0; a failed
// start prints the error and exits 1.
import { closeDb } from "@/lib/db";
import { log } from "@/lib/log";

export function runWorkerProcess(name: string, start: () => Promise<void>, stop: () => Promise<void>) {
  const shutdown = async () => {
    await stop();
    await closeDb();
    process.exit(0);
  };
  start()
    .then(() => {
      log.info(`${name} started`);
      process.once("SIGTERM", () => void shutdown());
      process.once("SIGINT", () => void shutdown());
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
