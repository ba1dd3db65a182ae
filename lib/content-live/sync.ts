// Keeps this instance's live content snapshot equal to the published versions (issue 12,
// docs/decisions/0025). At start: import content/ when the database has no content yet, then load
// the live versions. After that: one LISTEN connection on the content channel; each publish (on any
// instance) reloads the snapshot and asks this instance's pre-rendered pages to regenerate. When the
// database is down the last good snapshot stays in memory, and a server starting then reads the file
// the last good load wrote, or else content/.
//
// On globalThis: instrumentation and every route bundle load their own copy of this module.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import type pg from "pg";
import { CONTENT_DIR, folderSnapshot, liveSnapshot, setLiveSnapshot } from "@/lib/content";
import { CONTENT_CHANNEL } from "@/lib/content/channel";
import { emptyDocuments, readContentDir, type ContentDocuments } from "@/lib/content/documents";
import { createSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import { importContent } from "@/lib/content-store/import-content";
import { hasContentItems, loadLiveDocuments, loadPastGuideDeclarations } from "@/lib/data/content";
import { GuideSchema, type Guide } from "@/lib/guide-graph";
import { createListenConnection } from "@/lib/db";
import { log } from "@/lib/log";

export const CONTENT_LISTEN_APPLICATION_NAME = "tebiki-content";
/** The local route that marks the pre-rendered help pages stale (app/api/internal/content-revalidate). */
export const REVALIDATE_PATH = "/api/internal/content-revalidate";
export const REVALIDATE_HEADER = "x-tebiki-revalidate";

const RECONNECT_MAX_MS = 5_000;

type State = {
  /** per process: only this process's own request to the revalidation route carries it */
  secret: string;
  client: pg.Client | null;
  stopped: boolean;
  started: boolean;
  reconnectDelay: number;
  reconnectTimer?: NodeJS.Timeout;
  /** a reload running, and whether another was asked for meanwhile */
  reloading: Promise<void> | null;
  again: boolean;
  /** counts completed reloads (tests and logs) */
  loads: number;
  everListened: boolean;
};

const KEY = Symbol.for("tebiki.content.sync");
const holder = globalThis as unknown as Record<symbol, State | undefined>;
function state(): State {
  return (holder[KEY] ??= { secret: randomBytes(32).toString("hex"), client: null, stopped: false, started: false, reconnectDelay: 250, reloading: null, again: false, loads: 0, everListened: false });
}

/** The secret the revalidation route checks: a request from this process to itself. */
export function revalidateSecret(): string {
  return state().secret;
}

/** Where the last good load is kept for a start while the database is down. */
export function snapshotFile(): string {
  return process.env.TEBIKI_CONTENT_SNAPSHOT_FILE || path.join(process.cwd(), ".next", "cache", "tebiki-content.json");
}

function writeSnapshotFile(docs: ContentDocuments) {
  const file = snapshotFile();
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: a crash mid-write never leaves half a file to start from.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ savedAt: new Date().toISOString(), docs }));
    renameSync(temp, file);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error), file }, "content: could not write the snapshot file");
  }
}

function readSnapshotFile(): ContentSnapshot | null {
  try {
    const { docs } = JSON.parse(readFileSync(/*turbopackIgnore: true*/ snapshotFile(), "utf8")) as { docs: ContentDocuments };
    return createSnapshot({ ...emptyDocuments(), ...docs }, { source: "file", lenient: true });
  } catch {
    return null;
  }
}

/** Loads the published versions into the live snapshot; throws when the database does not answer. */
export async function reloadLiveContent(): Promise<ContentSnapshot> {
  const [docs, past] = await Promise.all([loadLiveDocuments(), loadPastGuideDeclarations()]);
  const pastGraphs = new Map<string, Guide[]>();
  for (const [guideId, declarations] of past) {
    pastGraphs.set(
      guideId,
      declarations.flatMap((d) => {
        const parsed = GuideSchema.loose().safeParse(d);
        return parsed.success ? [parsed.data as Guide] : [];
      }),
    );
  }
  // Lenient: one guide that no longer parses with this code must not take the whole site down.
  const snapshot = createSnapshot(docs, { source: "database", lenient: true, pastGraphs });
  for (const problem of snapshot.problems) log.warn({ problem }, "content: a live guide was left out");
  setLiveSnapshot(snapshot);
  writeSnapshotFile(docs);
  state().loads++;
  return snapshot;
}

/** Marks this instance's pre-rendered pages stale, through its own route (revalidatePath needs a request). */
async function revalidatePages() {
  const origin = process.env.TEBIKI_SELF_ORIGIN;
  if (!origin) return; // not behind server.ts (a test process): no pages to regenerate
  const url = new URL(REVALIDATE_PATH, origin);
  await new Promise<void>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      // Our own certificate, possibly for another name: the secret authenticates, not TLS.
      { method: "POST", headers: { [REVALIDATE_HEADER]: state().secret }, rejectUnauthorized: false, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 204 ? resolve() : reject(new Error(`status ${response.statusCode}`))));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end();
  });
}

/** Reloads and regenerates; calls during a reload coalesce into one more. Never throws. */
export function refreshLiveContent(): Promise<void> {
  const s = state();
  if (s.reloading) {
    s.again = true;
    return s.reloading;
  }
  s.reloading = (async () => {
    do {
      s.again = false;
      try {
        await reloadLiveContent();
        await revalidatePages();
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, "content: reload failed; keeping the last good content");
      }
    } while (s.again && !s.stopped);
  })().finally(() => (s.reloading = null));
  return s.reloading;
}

async function listen() {
  const s = state();
  if (s.stopped) return;
  const client = createListenConnection(CONTENT_LISTEN_APPLICATION_NAME);
  const lost = (error?: unknown) => {
    if (s.client !== client) return;
    s.client = null;
    client.end().catch(() => {});
    if (s.stopped) return;
    log.warn({ err: error instanceof Error ? error.message : error ? String(error) : "closed" }, "content: LISTEN connection lost; reconnecting");
    s.reconnectTimer = setTimeout(() => void listen(), s.reconnectDelay);
    s.reconnectTimer.unref();
    s.reconnectDelay = Math.min(s.reconnectDelay * 2, RECONNECT_MAX_MS);
  };
  client.on("error", lost);
  client.on("end", () => lost());
  client.on("notification", (n) => {
    if (n.channel === CONTENT_CHANNEL) void refreshLiveContent();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CONTENT_CHANNEL}`);
    s.client = client;
    s.reconnectDelay = 250;
    // A publish while we were not listening was missed: read the live versions again (not on the
    // first connect, right after the start's own load).
    if (s.everListened) await refreshLiveContent();
    s.everListened = true;
  } catch (error) {
    s.client = client;
    lost(error);
  }
}

/** Whether this instance is listening (tests wait for it). */
export function contentSyncListening(): boolean {
  return state().client !== null;
}

/**
 * At server start, before serving: the first start imports content/ into an empty database; then the
 * live versions become the snapshot. With the database down it serves the last good snapshot file or
 * content/, and keeps trying in the background.
 */
export async function startContentSync(): Promise<void> {
  const s = state();
  if (s.started) return;
  s.started = true;
  if (process.env.TEBIKI_CONTENT_DIR) {
    // A test build from a copy of content/ (the fixture guide, issue 9) serves that folder as it is.
    log.info({ dir: CONTENT_DIR }, "content: TEBIKI_CONTENT_DIR is set; serving that folder, not the database");
    // Set explicitly, so the proxy (which sees only a loaded snapshot) answers unknown paths too.
    setLiveSnapshot(folderSnapshot());
    return;
  }
  try {
    if (!(await hasContentItems())) {
      const report = await importContent(readContentDir(CONTENT_DIR));
      log.info({ added: report.added.length }, "content: first start, content/ imported");
    }
    const snapshot = await reloadLiveContent();
    log.info({ guides: snapshot.guides.size, articles: snapshot.articleSlugs.length }, "content: live versions loaded");
  } catch (error) {
    const fromFile = readSnapshotFile();
    setLiveSnapshot(fromFile ?? folderSnapshot());
    log.warn(
      { err: error instanceof Error ? error.message : String(error), source: fromFile ? "file" : liveSnapshot().source },
      "content: database unavailable at start; serving the last saved content",
    );
  }
  void listen();
}

export async function stopContentSync(): Promise<void> {
  const s = state();
  s.stopped = true;
  clearTimeout(s.reconnectTimer);
  const client = s.client;
  s.client = null;
  // A reload in progress is not awaited: it never throws, and its request to this instance could
  // wait for the drain, past the shutdown deadline (lib/server/graceful.ts).
  await client?.end().catch(() => {});
}
