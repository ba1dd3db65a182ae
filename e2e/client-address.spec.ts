// What the server believes about the client: its address (per-IP limits) and whether it used https
// (Secure cookies, HSTS). The main test server runs with TRUST_PROXY=true and stands for "behind a
// proxy"; an instance of its own here runs with TRUST_PROXY=false, exposed directly.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { insecureHttpsGet, startAppServer, type AppServer } from "../reliability/support/app-server";
import { createStaffUser } from "./support/admin";
import { apiBody } from "./support/intake";

test.describe.configure({ mode: "serial" });

let direct: AppServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  direct = await startAppServer({ env: { TRUST_PROXY: "false" } });
});

test.afterAll(async () => {
  await direct?.stop();
});

// A loopback address of our own (Linux routes all of 127/8 to lo): this test's limit key is then
// unused by every other test, which all come from 127.0.0.1.
const ownLoopback = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;

function post(url: string, localAddress: string, headers: Record<string, string>, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      url,
      { method: "POST", localAddress, agent: false, headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

test("without a trusted proxy, a client's own X-Forwarded-For does not choose its limit key", async () => {
  const from = ownLoopback();
  const forged = () => ({ "x-forwarded-for": `198.18.${randomUUID()}`, "x-real-ip": `198.19.${randomUUID()}`, forwarded: `for=198.20.0.${Math.floor(Math.random() * 250)}` });
  const statuses: number[] = [];
  // INTAKE_LIMIT_10MIN is 5; every request claims another address.
  for (let i = 0; i < 6; i++) statuses.push(await post(`${direct!.url}/api/v1/tickets`, from, forged(), apiBody()));
  expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  // Right after the 429: fresh forged addresses change nothing (they were 6 of 6 accepted before).
  const after: number[] = [];
  for (let i = 0; i < 6; i++) after.push(await post(`${direct!.url}/api/v1/tickets`, from, forged(), apiBody()));
  expect(after).toEqual([429, 429, 429, 429, 429, 429]);
  // Another client (another socket address) is not affected.
  expect(await post(`${direct!.url}/api/v1/tickets`, ownLoopback(), {}, apiBody())).toBe(201);
});

test("without a trusted proxy, a client's own X-Forwarded-Proto makes nothing Secure", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: direct!.url });
  try {
    const res = await api.get("/api/admin/csrf", { headers: { "x-forwarded-proto": "https" }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    const cookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
    expect(cookie).toMatch(/^next-auth\.csrf-token=/);
    expect(cookie).not.toMatch(/;\s*secure/i);
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
  } finally {
    await api.dispose();
  }
});

test("served over https directly (no proxy), cookies are Secure and HSTS is sent, whatever the client claims", async () => {
  test.setTimeout(120_000);
  const tls = await startAppServer({ https: true, env: { TRUST_PROXY: "false" } });
  try {
    const res = await insecureHttpsGet(`${tls.url}/api/admin/csrf`, { "x-forwarded-proto": "http" });
    expect(res.status).toBe(303);
    const cookie = [res.headers["set-cookie"] ?? []].flat().join("\n");
    expect(cookie).toMatch(/^__Host-next-auth\.csrf-token=.*;\s*secure/im);
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000");
  } finally {
    await tls.stop();
  }
});

test.describe("behind the trusted proxy, a request that came over https", () => {
  const https = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" };
  const setCookies = (headers: { name: string; value: string }[]) => headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);

  test("gets Secure next-auth cookies (csrf and session) and HSTS; the same over http gets neither", async ({ request }) => {
    const plain = await request.get("/api/admin/csrf", { headers: { "x-forwarded-for": "203.0.113.7" }, maxRedirects: 0 });
    expect(setCookies(plain.headersArray())[0]).not.toMatch(/;\s*secure/i);
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();

    const csrf = await request.get("/api/admin/csrf", { headers: https, maxRedirects: 0 });
    const csrfCookie = setCookies(csrf.headersArray())[0];
    expect(csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=/);
    expect(csrfCookie).toMatch(/;\s*secure/i);
    expect(csrf.headers()["strict-transport-security"]).toBe("max-age=31536000");

    // Sign in over "https": the session cookie is Secure with next-auth's __Secure- name.
    const staff = await createStaffUser({ role: "agent" });
    const pair = csrfCookie.split(";")[0];
    const token = decodeURIComponent(pair.split("=")[1]).split("|")[0];
    const signIn = await request.post("/api/auth/callback/credentials", {
      headers: { ...https, cookie: pair },
      form: { csrfToken: token, email: staff.email, password: staff.password, callbackUrl: "/admin" },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBe(302);
    const session = setCookies(signIn.headersArray()).find((c) => c.startsWith("__Secure-next-auth.session-token="));
    expect(session, setCookies(signIn.headersArray()).join("\n")).toBeDefined();
    expect(session).toMatch(/;\s*secure/i);
  });

  test("gets a Secure feedback cookie", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { ...https, "x-forwarded-for": `198.18.${randomUUID()}` } });
    try {
      const page = await context.newPage();
      // The session cookie is set by whichever response starts the session: the step-view beacon
      // since the help-center sessions (docs/decisions/0031), else the feedback action.
      const cookies: string[] = [];
      page.on("response", (r) => void r.headersArray().then((h) => cookies.push(...setCookies(h))));
      // A leaf step (STEP1-2): only leaves ask "did this solve it?".
      await page.goto("/ja/guides/jaist-sso/auth-failed/form-login-failed");
      const action = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByTestId("step-feedback").getByRole("button", { name: "はい、解決した" }).click();
      await action;
      await expect.poll(() => cookies.find((c) => c.startsWith("tebiki_feedback_session=")) ?? "").toMatch(/;\s*secure/i);
    } finally {
      await context.close();
    }
  });
});
