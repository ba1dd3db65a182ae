// The suggestion route as the chooser calls it: real index, real handler.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET, SUGGEST_RATE } from "@/app/api/v1/suggest/route";
import { recordSearchClick } from "@/lib/data/search-log";
import { hashHelpSession } from "@/lib/help-session";
import type { Suggestion } from "@/lib/suggest";

const get = (query: string, ip = `203.0.113.${randomUUID()}`) =>
  GET(new Request(`http://localhost/api/v1/suggest?${query}`, { headers: { "x-forwarded-for": ip } }));
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

describe("GET /api/v1/suggest", () => {
  it("suggests the guide for a symptom and names the guide of each step; never cached (each answer is a logged search)", async () => {
    const response = await get(`q=${encodeURIComponent("ログインできない")}&locale=ja`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { query: string; results: Suggestion[] };
    expect(body.query).toBe("ログインできない");
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(6);
    expect(body.results.find((r) => r.kind === "guide")?.href).toBe("/ja/guides/jaist-sso");
    const steps = body.results.filter((r) => r.kind === "step");
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((s) => s.guide === "JAIST-SSOでログインに失敗する時は" && s.href.startsWith("/ja/guides/jaist-sso/"))).toBe(true);
    expect(body.results.every((r) => r.title.some((p) => p.mark) || r.snippet.some((p) => p.mark))).toBe(true);
  });

  it("starts the visitor's help session with the first typed query and logs the search under it (the chooser's page is pre-rendered)", async () => {
    const ip = `203.0.113.${randomUUID()}`;
    const first = await get(`q=${encodeURIComponent("証明書")}&locale=ja`, ip);
    const setCookie = first.headers.get("set-cookie");
    expect(setCookie).toMatch(/^tebiki_feedback_session=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax/);
    const id = setCookie!.split(";")[0].split("=")[1];
    const { results } = (await first.json()) as { results: Suggestion[] };
    const searchId = new URL(results[0].clickHref!, "http://x").searchParams.get("s")!;
    // Logged under that session: another session may not count a click on it, this one may.
    expect(await recordSearchClick(searchId, hashHelpSession("another-session"))).toBe(false);
    expect(await recordSearchClick(searchId, hashHelpSession(id))).toBe(true);
    // The session goes on: no second cookie.
    const again = await GET(
      new Request(`http://localhost/api/v1/suggest?q=${encodeURIComponent("証明書 失効")}&locale=ja`, {
        headers: { "x-forwarded-for": ip, cookie: `tebiki_feedback_session=${id}` },
      }),
    );
    expect(again.status).toBe(200);
    expect(again.headers.get("set-cookie")).toBeNull();
    // Nothing typed, nothing logged: no session either.
    expect((await get("q=&locale=ja", ip)).headers.get("set-cookie")).toBeNull();
  });

  it("answers in the asked language, articles included", async () => {
    const body = (await (await get("q=revoke&locale=en")).json()) as { results: Suggestion[] };
    expect(body.results.map((r) => text(r.title))).toContain("How to revoke a client certificate");
    expect(body.results.every((r) => r.href.startsWith("/en/"))).toBe(true);
  });

  it("no text, blanks or nothing found: an empty list, not an error", async () => {
    for (const q of ["", "q=", "q=%20%20", "q=zzqxv", `q=${"あ".repeat(5000)}`]) {
      const response = await get(`${q}&locale=ja`);
      expect(response.status, q.slice(0, 20)).toBe(200);
      expect((await response.json()).results).toEqual([]);
    }
  });

  it("refuses a missing or unknown locale with a 400 that says why", async () => {
    for (const q of ["q=x", "q=x&locale=fr", "q=x&locale=constructor"]) {
      const response = await get(q);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain("locale");
    }
  });

  it("limits each address, with Retry-After; other addresses go on", async () => {
    const ip = `198.51.100.${randomUUID()}`;
    for (let i = 0; i < SUGGEST_RATE.limit; i++) expect((await get("q=otp&locale=en", ip)).status).toBe(200);
    const limited = await get("q=otp&locale=en", ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect((await get("q=otp&locale=en")).status).toBe(200);
  });
});
