// "The database is unavailable": the one mapping of a stopped, killed, restarting or unreachable
// PostgreSQL to a temporary answer (issue 8, docs/decisions/0011-database-outage.md). The shapes were
// measured by stopping (fast shutdown) and SIGKILLing the server under Prisma 7 + @prisma/adapter-pg:
//   - no server: PrismaClientKnownRequestError P1001 (P2010 for raw queries), driver error kind
//     DatabaseNotReachable; plain pg: ECONNREFUSED
//   - in-flight query at shutdown: driver error kind "postgres" with SQLSTATE 57P01
//   - restart in progress: P2039 with SQLSTATE 57P03 ("the database system is starting up")
//   - SIGKILL: plain pg Error "Connection terminated unexpectedly"; a transaction whose client died:
//     "Client has encountered a connection error and is not queryable"
// Anything else (a constraint, a bug) is not an outage and stays a 500 the logs must show.
import { NextResponse } from "next/server";
import type { Locale } from "@/lib/i18n";
import { requestLog } from "@/lib/log";

/** How long a client should wait before trying again; a restart of PostgreSQL takes seconds. */
export const RETRY_AFTER_SECONDS = 10;

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const DRIVER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseUnavailable"]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now),
// 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const PG_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
];

type Loose = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

function matches(error: Loose): boolean {
  const code = typeof error.code === "string" ? error.code : undefined;
  if (code && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof error.kind === "string" && DRIVER_KINDS.has(error.kind)) return true;
  const message = typeof error.message === "string" ? error.message : "";
  return PG_MESSAGES.some((m) => message.includes(m));
}

/** True when `error` (or anything it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const next = queue.shift();
    if (!next || typeof next !== "object" || seen.has(next)) continue;
    seen.add(next);
    const e = next as Loose;
    if (matches(e)) return true;
    queue.push(e.cause, e.meta?.driverAdapterError);
    if (next instanceof AggregateError) queue.push(...next.errors);
  }
  return false;
}

/** The message a form shows: nothing was saved, what was typed is still there, try again shortly. */
export const DATABASE_UNAVAILABLE_MESSAGE: Record<Locale, string> = {
  ja: "ただいまシステムが一時的に応答していません。入力内容はそのまま残っています。しばらく(1分ほど)待ってから、もう一度送信してください。",
  en: "The system is not responding for a moment. What you typed is still here. Please wait a minute and send it again.",
};

/** The JSON API's answer: 503 with Retry-After, never a 500. */
export function databaseUnavailableResponse(): NextResponse {
  return NextResponse.json(
    { error: "database_unavailable", message: "The service is temporarily unavailable. Please retry later.", retryAfterSeconds: RETRY_AFTER_SECONDS },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/**
 * Wraps a route handler: a database outage becomes databaseUnavailableResponse(); every other error
 * is rethrown untouched so that it is still logged as the bug it is.
 */
export function withDatabaseOutage<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      (await requestLog()).warn({ err: error instanceof Error ? error.message : String(error) }, "database unavailable: answered 503");
      return databaseUnavailableResponse();
    }
  };
}
