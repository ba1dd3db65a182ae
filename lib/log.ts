// Structured JSON logs (pino). Route handlers and actions log with the request id the proxy sets.
import pino from "pino";
import { REQUEST_ID_HEADER } from "@/lib/log-header";

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "tebiki" },
  redact: { paths: ["password", "*.password", "token", "*.token"], censor: "[redacted]" },
});

export { REQUEST_ID_HEADER };

/** A child logger carrying the current request id (inside a request), else the root logger. */
export async function requestLog() {
  try {
    const { headers } = await import("next/headers");
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return id ? log.child({ requestId: id }) : log;
  } catch {
    return log;
  }
}
