import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { normalizeForwarding, plainAddress } from "@/lib/server/forwarded";

function request(headers: Record<string, string>, socket: { remoteAddress?: string; encrypted?: boolean } = {}) {
  return { headers: { ...headers }, socket: { remoteAddress: "::ffff:203.0.113.9", ...socket } } as unknown as IncomingMessage;
}

const FORGED = {
  "x-forwarded-for": "10.9.8.7",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
  "x-forwarded-port": "443",
  "x-real-ip": "10.1.1.1",
  forwarded: "for=10.2.2.2;proto=https",
};

describe("forwarding headers", () => {
  it("without a trusted proxy, replaces whatever the client sent with what the socket says", () => {
    const req = request({ ...FORGED, host: "help.example.edu" });
    normalizeForwarding(req, false);
    expect(req.headers).toEqual({ host: "help.example.edu", "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "http" });
  });

  it("without a trusted proxy, a TLS socket is https", () => {
    const req = request({ "x-forwarded-proto": "http" }, { encrypted: true });
    normalizeForwarding(req, false);
    expect(req.headers["x-forwarded-proto"]).toBe("https");
  });

  it("behind a trusted proxy keeps what it wrote and takes its (last) scheme", () => {
    const req = request({ ...FORGED, "x-forwarded-for": "10.9.8.7, 198.51.100.4", "x-forwarded-proto": "http, https" });
    normalizeForwarding(req, true);
    expect(req.headers["x-forwarded-for"]).toBe("10.9.8.7, 198.51.100.4");
    expect(req.headers["x-forwarded-proto"]).toBe("https");
    expect(req.headers["x-forwarded-host"]).toBe("evil.example");
  });

  it("behind a trusted proxy that sets only X-Real-IP, that is the client", () => {
    const req = request({ "x-real-ip": "198.51.100.8" });
    normalizeForwarding(req, true);
    expect(req.headers["x-forwarded-for"]).toBe("198.51.100.8");
  });

  it("behind a trusted proxy, a request without the headers is the proxy's own (health checks): socket address, http", () => {
    const req = request({});
    normalizeForwarding(req, true);
    expect(req.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(req.headers["x-forwarded-proto"]).toBe("http");
  });

  it("reads IPv4-mapped IPv6 addresses as IPv4", () => {
    expect(plainAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(plainAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(plainAddress(undefined)).toBe("unknown");
  });
});
