// The client's IP for abuse limits: the last X-Forwarded-For entry. The custom server (server.ts,
// lib/server/forwarded.ts) makes that trustworthy: without TRUST_PROXY it replaces whatever the
// client sent with the socket address; behind a trusted proxy the last entry is the address that
// proxy appended (docs/decisions/0008-client-ip.md).
import "server-only";
import { headers } from "next/headers";

export function clientIpFrom(h: Headers): string {
  const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return forwarded.at(-1) ?? "unknown";
}

export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
