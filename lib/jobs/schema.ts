// The job queue's tables (graphile-worker) live in a schema of their own, graphile_worker, created by
// the library's migrations, which ship inside the npm package (no download). They run here from
// lib/migrate.ts, under the same advisory lock as ours, so `npm start`, the test databases and the
// reliability suite's databases all have the queue before an instance starts (docs/decisions/0029).
// The schema drift test (lib/db-schema.test.ts) compares only the public schema.
import { Logger, runMigrations, type LogFunctionFactory } from "graphile-worker";

export const JOB_SCHEMA = "graphile_worker";

/** graphile-worker's log lines through a function of ours (pino in the app, a line printer in scripts). */
export function jobLogger(write: (level: "error" | "warn" | "info" | "debug", message: string, meta?: Record<string, unknown>) => void): Logger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    const mapped = level === "warning" ? "warn" : (level as "error" | "info" | "debug");
    write(mapped, message, { ...scope, ...meta });
  };
  return new Logger(factory);
}

/** Installs or upgrades the queue's schema; idempotent. */
export async function migrateJobQueue(databaseUrl: string, log: (line: string) => void = () => {}): Promise<void> {
  await runMigrations({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    maxPoolSize: 1,
    logger: jobLogger((level, message) => {
      if (level === "error" || level === "warn") log(`job queue: ${message}`);
    }),
  });
}
