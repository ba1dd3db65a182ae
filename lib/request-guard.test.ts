import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, isCrossOrigin, isOverBodyLimit, refusalPage } from "@/lib/request-guard";

const h = (headers: Record<string, string>) => new Headers(headers);

describe("the proxy's checks on a POST to a page", () => {
  it("treats another site, an opaque origin and a malformed origin as cross-origin", () => {
    expect(isCrossOrigin(h({ host: "help.example.edu", origin: "http://evil.example" }))).toBe(true);
    expect(isCrossOrigin(h({ host: "help.example.edu", origin: "null" }))).toBe(true);
    expect(isCrossOrigin(h({ host: "help.example.edu", origin: "not a url" }))).toBe(true);
    expect(isCrossOrigin(h({ origin: "https://help.example.edu" }))).toBe(true);
  });

  it("lets the same host through, by Host or by the forwarded host, and a request without Origin", () => {
    expect(isCrossOrigin(h({ host: "help.example.edu", origin: "https://help.example.edu" }))).toBe(false);
    expect(isCrossOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "help.example.edu, proxy", origin: "https://help.example.edu" }))).toBe(false);
    expect(isCrossOrigin(h({ host: "help.example.edu" }))).toBe(false);
  });

  it("refuses a declared body over the limit", () => {
    expect(isOverBodyLimit(h({ "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }))).toBe(true);
    expect(isOverBodyLimit(h({ "content-length": String(ACTION_BODY_LIMIT_BYTES) }))).toBe(false);
    expect(isOverBodyLimit(h({}))).toBe(false);
  });

  it("answers in the page's language", () => {
    expect(refusalPage("forbidden", "ja")).toContain('lang="ja"');
    expect(refusalPage("forbidden", "en")).toContain("another site");
    expect(refusalPage("tooLarge", "ja")).toContain("16MB");
  });
});
