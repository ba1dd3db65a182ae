// The client's IP for abuse limits. Behind a load balancer (TRUST_PROXY=true) the last hop it
// appended to X-Forwarded-For; otherwise the direct peer as Next reports it.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export function clientIpFrom(h: Headers, trustProxy = env().TRUST_PROXY): string {
  if (trustProxy) {
    const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1];
  }
  return h.get("x-real-ip") ?? h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
}

export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
