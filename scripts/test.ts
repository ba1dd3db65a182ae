// `npm test`: typecheck, lint, Vitest (unit + integration against a fresh real PostgreSQL) and
// Playwright (against a production build), then a `[test] FAILED:` line per failed test or step and
// one summary line `N passed, N failed`.
// Then the reliability suite (reliability/, its own servers, same build).
// Last, a build with a fixture guide added as content only and its e2e spec (issue 9).
// `--only static|vitest|playwright|reliability|fixture-guide` runs one part. Extra arguments after `--` go to that runner.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "@/lib/embedded-pg";
import { migrate } from "@/lib/migrate";
import { BROWSER, DOVECOT, provision } from "./provision";
import { toolEnv, type ToolEnv } from "./tool-env";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const own = dash === -1 ? argv : argv.slice(0, dash);
const passThrough = dash === -1 ? [] : argv.slice(dash + 1);
const only = own.includes("--only") ? own[own.indexOf("--only") + 1] : undefined;
const wants = (part: string) => !only || only === part;

const root = process.cwd();
const runId = `${Date.now()}-${process.pid}`;
const runDir = path.join(root, ".test-runs", runId);
mkdirSync(runDir, { recursive: true });
type Env = ToolEnv;
const baseEnv: Env = toolEnv(root);
const say = (line: string) => console.log(`\n[test] ${line}`);

function run(cmd: string, args: string[], env: Env = baseEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: env as NodeJS.ProcessEnv, cwd: root });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(127));
  });
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Marks every draft guide under `guidesDir` public (a test copy of content/); returns their ids. */
function publishDrafts(guidesDir: string): string[] {
  const published: string[] = [];
  for (const id of readdirSync(guidesDir)) {
    const file = path.join(guidesDir, id, "guide.json");
    const guide = readJson<{ draft?: boolean }>(file);
    if (!guide?.draft) continue;
    writeFileSync(file, JSON.stringify({ ...guide, draft: false }, null, 2));
    published.push(id);
  }
  return published;
}

/** A fresh database for this run: a new embedded cluster, or a new database on DATABASE_URL's server. */
async function freshDatabase(): Promise<{ url: string; dispose: () => Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `tebiki_test_${runId.replace(/-/g, "_")}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dispose: async () => {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = path.join(runDir, "pg");
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "tebiki_test", log: say });
  return {
    url: db.url,
    dispose: async () => {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the same server as `url` (dropped with the run's server or database). */
async function siblingDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}_${runId.replace(/-/g, "_")}"`);
  await admin.end();
  const sibling = new URL(url);
  sibling.pathname = `/${name}_${runId.replace(/-/g, "_")}`;
  return sibling.toString();
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
}

function vitestFailures(report: VitestReport): string[] {
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === "failed")
      .map((test) => `${path.relative(process.cwd(), file.name)} › ${test.fullName}`),
  );
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; line?: number; tests: { projectName?: string; status: string }[] }[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
  suites?: PlaywrightSuite[];
}

/** "file:line [project] › title" of every test that failed or passed only on a retry. */
function playwrightFailures(report: PlaywrightReport): string[] {
  const out: string[] = [];
  const walk = (suite: PlaywrightSuite, file: string | undefined, titles: string[]) => {
    const where = suite.file ?? file ?? suite.title;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const project = test.projectName ? ` [${test.projectName}]` : "";
        out.push(`${where}:${spec.line ?? "?"}${project} › ${[...titles, spec.title].join(" › ")}${test.status === "flaky" ? " (flaky)" : ""}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, where, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, undefined, []);
  return out;
}

async function main() {
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  // The names of failed tests, printed just above the summary line: a CI log shows only its tail.
  const failures: string[] = [];
  // One `next build` for Playwright and the reliability suite.
  let built: boolean | undefined;
  const build = async () => {
    if (built === undefined) {
      say("next build");
      built = (await run("next", ["build"], { ...baseEnv, DATABASE_URL: undefined })) === 0;
      if (!built) problems.push("next build failed");
    }
    return built;
  };
  const playwright = async (name: string, args: string[], env: Env) => {
    const report = path.join(runDir, `${name}.json`);
    const code = await run("playwright", ["test", ...args, ...(only ? passThrough : [])], { ...env, PW_JSON_REPORT: report });
    const result = readJson<PlaywrightReport>(report);
    if (result) {
      passed += result.stats.expected;
      failed += result.stats.unexpected + result.stats.flaky;
      failures.push(...playwrightFailures(result).map((title) => `${name}: ${title}`));
    }
    if (code !== 0 && !(result && result.stats.unexpected > 0)) problems.push(`${name} exited with ${code}`);
  };

  // On the build Playwright used, before the fixture guide's build replaces it (a third build otherwise).
  let reliabilityRan = false;
  const reliability = async () => {
    if (reliabilityRan || !wants("reliability")) return;
    reliabilityRan = true;
    if (!(await build())) return;
    // Each case starts and stops its own PostgreSQL, SMTP server and app instances.
    say("reliability: outages of the database and the mail server, two instances, a killed inbound worker");
    await playwright("reliability", ["-c", "playwright.reliability.config.ts"], { ...baseEnv, DATABASE_URL: undefined, E2E_BROWSER: browserPath, TEBIKI_DOVECOT: dovecotPath });
  };

  // The browser first: a machine that cannot have one stops here, before the first test, in one line.
  let browserPath: string | undefined;
  if (wants("playwright") || wants("reliability") || wants("fixture-guide")) {
    const browser = await provision(BROWSER, { log: say });
    if (!browser.ok) {
      console.log(`[test] FAILED: ${browser.message}`);
      console.log("\n0 passed, 1 failed");
      process.exit(1);
    }
    browserPath = browser.path;
    say(`browser: ${browserPath}${browser.installedBy ? ` (installed by ${browser.installedBy})` : ""}`);
  }

  // Dovecot, for the mail-loop tests, the same way.
  let dovecotPath: string | undefined;
  // The e2e app server reads its mailbox in Dovecot too (playwright.config.ts).
  if (wants("vitest") || wants("playwright") || wants("reliability") || wants("fixture-guide")) {
    const dovecot = await provision(DOVECOT, { log: say });
    if (!dovecot.ok) {
      console.log(`[test] FAILED: ${dovecot.message}`);
      console.log("\n0 passed, 1 failed");
      process.exit(1);
    }
    dovecotPath = dovecot.path;
    say(`imap server: ${dovecotPath}${dovecot.installedBy ? ` (installed by ${dovecot.installedBy})` : ""}`);
  }

  if (wants("static")) {
    say("typecheck and lint");
    const [tsc, lint] = await Promise.all([run("tsc", ["--noEmit"]), run("eslint", [".", "--max-warnings=0"])]);
    if (tsc !== 0) problems.push("typecheck failed");
    if (lint !== 0) problems.push("lint failed");
  }

  if (wants("vitest") || wants("playwright") || wants("fixture-guide")) {
    const database = await freshDatabase();
    try {
      await migrate(database.url, { log: (l) => say(l) });
      const env = { ...baseEnv, DATABASE_URL: database.url, TEBIKI_DOVECOT: dovecotPath };

      if (wants("vitest")) {
        say("vitest: unit and integration tests");
        const report = path.join(runDir, "vitest.json");
        const code = await run(
          "vitest",
          ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(only ? passThrough : [])],
          env,
        );
        const result = readJson<VitestReport>(report);
        if (result) {
          passed += result.numPassedTests;
          failed += result.numFailedTests;
          failures.push(...vitestFailures(result).map((title) => `vitest: ${title}`));
        }
        if (code !== 0 && !(result && result.numFailedTests > 0)) problems.push(`vitest exited with ${code}`);
      }

      if (wants("playwright")) {
        if (await build()) {
          say("playwright: end-to-end tests in Chromium");
          // A database of its own beside vitest's: the unit tests leave thousands of rows behind
          // (tickets due long ago, queued mail to every staff member they made), which the e2e
          // server's mail and SLA jobs would otherwise work through before the specs' own.
          const e2eUrl = await siblingDatabase(database.url, "tebiki_e2e");
          await migrate(e2eUrl, { log: (l) => say(l) });
          await playwright("playwright", [], {
            ...env,
            DATABASE_URL: e2eUrl,
            E2E_BROWSER: browserPath,
            E2E_PORT: String(await freePort()),
            E2E_SMTP_PORT: String(await freePort()),
            E2E_MAIL_DIR: path.join(runDir, "mail"),
            E2E_IMAP_PORT: String(await freePort()),
            E2E_LMTP_PORT: String(await freePort()),
            E2E_INBOUND_SMTP_PORT: String(await freePort()),
          });
        }
      }

      await reliability();

      if (wants("fixture-guide")) {
        // Adding a guide is a content-only change (issue 9, docs/decisions/0015): a copy of content/
        // with a guide that exists only in this test, built and served through TEBIKI_CONTENT_DIR.
        // Last, as it replaces the build the other suites used.
        const content = path.join(runDir, "content");
        cpSync(path.join(process.cwd(), "content"), content, { recursive: true });
        cpSync(path.join(process.cwd(), "lib/testing/fixtures/guides/printer"), path.join(content, "guides", "printer"), { recursive: true });
        // The guides that are drafts for help-desk review are published in this copy, so that their
        // walks are tested end to end in both languages before the help desk publishes them.
        const drafts = publishDrafts(path.join(content, "guides"));
        say("next build with the fixture guide");
        built = undefined;
        if ((await run("next", ["build"], { ...baseEnv, DATABASE_URL: undefined, TEBIKI_CONTENT_DIR: content })) !== 0) {
          problems.push("next build with the fixture guide failed");
        } else {
          say("playwright: the fixture guide, end to end");
          await playwright("fixture-guide", ["e2e/fixture-guide.spec.ts", ...(drafts.length ? ["e2e/help-walks.spec.ts"] : [])], {
            ...env,
            TEBIKI_CONTENT_DIR: content,
            E2E_WALK_GUIDES: drafts.join(","),
            E2E_BROWSER: browserPath,
            E2E_PORT: String(await freePort()),
            E2E_SMTP_PORT: String(await freePort()),
            E2E_MAIL_DIR: path.join(runDir, "mail-fixture"),
            E2E_IMAP_PORT: String(await freePort()),
            E2E_LMTP_PORT: String(await freePort()),
            E2E_INBOUND_SMTP_PORT: String(await freePort()),
          });
        }
      }
    } finally {
      await database.dispose().catch((error) => say(`could not remove the test database: ${String(error)}`));
    }
  }

  await reliability();

  failed += problems.length;
  for (const problem of problems) console.log(`[test] FAILED: ${problem}`);
  for (const failure of failures) console.log(`[test] FAILED: ${failure}`);
  if (existsSync(runDir)) rmSync(path.join(runDir, "pg"), { recursive: true, force: true });
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
