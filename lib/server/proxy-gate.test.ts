// Which requests server.ts sends through the proxy (issue 14): everything the proxy acts on, and not
// the pre-rendered help pages that it would only pass.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContentDir } from "@/lib/content/documents";
import { createSnapshot, loadedLiveSnapshot, storeLiveSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import { gateProxy, PROXY_GATE_HEADER, proxyNeeded } from "@/lib/server/proxy-gate";
import type { IncomingMessage } from "node:http";

let before: ContentSnapshot | undefined;
beforeAll(() => {
  before = loadedLiveSnapshot();
  storeLiveSnapshot(createSnapshot(readContentDir(path.join(process.cwd(), "content")), { source: "test", pastGraphs: new Map() }));
});
afterAll(() => {
  if (before) storeLiveSnapshot(before);
});

describe("proxyNeeded", () => {
  it("skips pre-rendered help pages that exist, static files, admin and the API", () => {
    expect(proxyNeeded("GET", "/ja/guides/jaist-sso/auth-failed", undefined)).toBe(false);
    expect(proxyNeeded("HEAD", "/en/guides/jaist-sso", undefined)).toBe(false);
    expect(proxyNeeded("GET", "/ja/guides/jaist-sso/auth-failed?_rsc=abc", "tebiki_feedback_session=x")).toBe(false);
    expect(proxyNeeded("GET", "/ja/articles/password-reset", undefined)).toBe(false);
    expect(proxyNeeded("GET", "/ja", undefined)).toBe(false);
    expect(proxyNeeded("GET", "/_next/static/chunks/a.js", undefined)).toBe(false);
    expect(proxyNeeded("GET", "/admin/tickets", undefined)).toBe(false);
    expect(proxyNeeded("POST", "/api/v1/tickets", undefined)).toBe(false);
    // The bare contact page is the pre-rendered chooser; an RSC fetch of it too.
    expect(proxyNeeded("GET", "/ja/contact", undefined)).toBe(false);
    expect(proxyNeeded("GET", "/en/contact?_rsc=1", undefined)).toBe(false);
  });

  it("marks what the proxy answers or changes", () => {
    // Unknown walks and slugs (404), whatever their spelling.
    expect(proxyNeeded("GET", "/ja/guides/jaist-sso/no-such-choice", undefined)).toBe(true);
    expect(proxyNeeded("GET", "/ja/guides/no-such-guide", undefined)).toBe(true);
    expect(proxyNeeded("HEAD", "/ja/articles/__proto__", undefined)).toBe(true);
    expect(proxyNeeded("GET", "/ja/guides/jaist-sso/%61uth-failed/../x", undefined)).toBe(true);
    // Server actions on any page (cross-origin and size refusals).
    expect(proxyNeeded("POST", "/ja/guides/jaist-sso/auth-failed", undefined)).toBe(true);
    expect(proxyNeeded("POST", "/admin/login", undefined)).toBe(true);
    expect(proxyNeeded("PUT", "/ja", undefined)).toBe(true);
    // The dynamic pages that start a help session.
    expect(proxyNeeded("GET", "/ja/search?q=x", undefined)).toBe(true);
    expect(proxyNeeded("GET", "/ja/contact?q=", undefined)).toBe(true);
    expect(proxyNeeded("GET", "/en/contact?guide=none&description=x", undefined)).toBe(true);
    expect(proxyNeeded("GET", "/ja/contact/?walk=a", undefined)).toBe(true);
    // A draft preview: the proxy checks the cookie is the real one.
    expect(proxyNeeded("GET", "/ja/guides/jaist-sso", "a=1; __prerender_bypass=abc")).toBe(true);
  });
});

describe("gateProxy", () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as unknown as IncomingMessage;

  it("drops a client's own mark and sets it only where needed", () => {
    const page = request("GET", "/ja/guides/jaist-sso", { [PROXY_GATE_HEADER]: "1" });
    gateProxy(page);
    expect(page.headers[PROXY_GATE_HEADER]).toBeUndefined();
    const action = request("POST", "/ja/contact?guide=jaist-sso");
    gateProxy(action);
    expect(action.headers[PROXY_GATE_HEADER]).toBe("1");
  });
});
