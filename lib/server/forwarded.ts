// What the app may believe about the client: its address and whether it used https. Without a
// trusted proxy in front, forwarding headers are the client's own words, so they are replaced by
// what the socket says; behind one (TRUST_PROXY=true) they are kept, as the proxy wrote them.
// lib/client-ip.ts and lib/request-https.ts read the result (docs/decisions/0008-client-ip.md).
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip", "forwarded"];

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) as `192.0.2.1`, so one client has one key. */
export function plainAddress(address: string | undefined): string {
  if (!address) return "unknown";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

function lastEntry(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
}

export function normalizeForwarding(req: IncomingMessage, trustProxy: boolean): void {
  const encrypted = Boolean((req.socket as TLSSocket).encrypted);
  const socketAddress = plainAddress(req.socket.remoteAddress);
  if (!trustProxy) {
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
    req.headers["x-forwarded-for"] = socketAddress;
    req.headers["x-forwarded-proto"] = encrypted ? "https" : "http";
    return;
  }
  // The proxy appends the address it saw (or, configured that way, sets only X-Real-IP); with
  // neither, the proxy itself is the client (a health check).
  if (!lastEntry(req.headers["x-forwarded-for"])) req.headers["x-forwarded-for"] = lastEntry(req.headers["x-real-ip"]) ?? socketAddress;
  // Proxies set or append the scheme they received; the last entry is the one our proxy wrote.
  const proto = encrypted ? "https" : lastEntry(req.headers["x-forwarded-proto"])?.toLowerCase() === "https" ? "https" : "http";
  req.headers["x-forwarded-proto"] = proto;
}
