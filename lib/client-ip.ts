// The client's IP for abuse limits. `next start` fills X-Forwarded-For with the socket address
// only when the request has none, so the header is the client's own word unless a proxy we trust
// stands in front (docs/decisions/0008-client-ip.md). Behind one (TRUST_PROXY=true) the last entry
// is the address that proxy appended.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export function clientIpFrom(h: Headers, trustProxy = env().TRUST_PROXY): string {
  const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  if (trustProxy && forwarded.length) return forwarded[forwarded.length - 1];
  // Not behind a trusted proxy: the only value we can get; a client can change it, which is why
  // production runs behind a proxy with TRUST_PROXY=true.
  return forwarded[forwarded.length - 1] ?? h.get("x-real-ip") ?? "unknown";
}

export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
