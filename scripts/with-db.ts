// `tsx scripts/with-db.ts [--migrate] [--seed] [-- command ...]`
// Makes sure a database is there (embedded PostgreSQL when DATABASE_URL is unset), applies pending
// migrations, seeds demo data, then runs the command with DATABASE_URL set and stops the embedded
// server when the command ends. The README's `npm run dev` and `npm start` go through here.
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/embedded-pg";
import { EnvError, parseEnv } from "@/lib/env";
import { migrate, MigrationError } from "@/lib/migrate";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const flags = new Set(dash === -1 ? argv : argv.slice(0, dash));
const command = dash === -1 ? [] : argv.slice(dash + 1);
const say = (line: string) => console.log(`[tebiki] ${line}`);

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.CHECKPOINT_DISABLE ??= "1";

async function main(): Promise<number> {
  // The server without --dev (and `next start`) runs in production mode: refuse to start with an
  // invalid production environment, before anything is started. (DATABASE_URL may still be unset:
  // the embedded server sets it below.)
  const production = command.includes("start") || (command.includes("server.ts") && !command.includes("--dev"));
  if (production) {
    parseEnv({ DATABASE_URL: "postgresql://embedded", ...process.env, NODE_ENV: "production" });
  }
  let embedded: EmbeddedDb | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: "tebiki",
      log: say,
    });
    process.env.DATABASE_URL = embedded.url;
  }
  const stop = async () => {
    await embedded?.stop().catch((error) => say(`stopping PostgreSQL failed: ${String(error)}`));
  };
  try {
    if (flags.has("--migrate")) {
      const applied = await migrate(process.env.DATABASE_URL!, { log: say });
      say(applied.length ? `${applied.length} migration(s) applied` : "database schema is up to date");
    }
    if (flags.has("--seed")) {
      const code = await run(["tsx", "--conditions=react-server", "prisma/seed.ts"]);
      if (code !== 0) throw new Error(`seed failed (exit ${code})`);
    }
    if (!command.length) return 0;
    return await run(command, true);
  } finally {
    await stop();
  }
}

function run(cmd: string[], forwardSignals = false): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: "inherit", env: process.env, shell: false });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    if (forwardSignals) {
      process.on("SIGINT", forward);
      process.on("SIGTERM", forward);
    }
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on("error", (error) => {
      say(`could not run ${cmd[0]}: ${error.message}`);
      resolve(127);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[tebiki] ${error instanceof MigrationError || error instanceof EnvError ? error.message : error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
