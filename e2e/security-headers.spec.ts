// Security headers on every kind of response, and no CSP violation on the main pages. The check for
// violations is shown to catch one: the same check fails on a page served through the same response
// pipeline whose inline script adds a script the policy has no hash for.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { responsePipeline } from "@/lib/server/pipeline";
import { createResetLink, createStaffUser, login } from "./support/admin";

function directives(csp: string | undefined): Map<string, string> {
  return new Map((csp ?? "").split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)]));
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = directives(headers["content-security-policy"]);
  expect(csp.get("script-src"), what).toBeDefined();
  expect(csp.get("script-src"), what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(csp.get("default-src"), what).toBe("'self'");
  expect(csp.get("frame-ancestors"), what).toBe("'none'");
  expect(csp.get("object-src"), what).toBe("'none'");
  expect(csp.get("base-uri"), what).toBe("'self'");
  expect(csp.get("form-action"), what).toBe("'self'");
  expect(csp.get("style-src"), what).toBe("'self'");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
}

test("a step page, the contact page, an admin page and API routes carry the security headers", async ({ request }) => {
  const step = await request.get("/ja/guides/jaist-sso/cert-invalid/use-cert");
  expect(step.status()).toBe(200);
  expectSecurityHeaders(step.headers(), "step page");
  // Still pre-rendered and cacheable: the policy comes from hashes, not per-request nonces.
  expect(step.headers()["x-nextjs-prerender"]).toBeTruthy();
  expect(step.headers()["cache-control"]).toMatch(/s-maxage=30/);
  const hashes = directives(step.headers()["content-security-policy"]).get("script-src")!.match(/'sha256-[^']+'/g) ?? [];
  expect(hashes.length).toBeGreaterThan(0);

  const contact = await request.get("/ja/contact");
  expectSecurityHeaders(contact.headers(), "contact page");
  const admin = await request.get("/admin/login", { maxRedirects: 0 });
  expectSecurityHeaders(admin.headers(), "admin login");
  const health = await request.get("/api/health");
  expectSecurityHeaders(health.headers(), "/api/health");
  const api = await request.post("/api/v1/tickets", { headers: { "x-forwarded-for": "198.18.200.1" }, data: "{" });
  expect(api.status()).toBeLessThan(500);
  expectSecurityHeaders(api.headers(), "POST /api/v1/tickets");
});

/** Runs `visit` and returns every CSP violation and console error the page reported meanwhile. */
async function cspProblems(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on("console", (message) => {
    // The site has no favicon; the browser's automatic request for one is not a page problem.
    if (message.type() !== "error" || message.location().url.endsWith("/favicon.ico")) return;
    problems.push(`console: ${message.text()} (${where()} ${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message} (${where()})`));
  await page.exposeFunction("__reportViolation", (text: string) => problems.push(`violation: ${text} (${where()})`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      );
    });
  });
  await visit();
  return problems;
}

async function settled(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("load");
  // Hydration done: Next's router is running, so every bootstrap script has been allowed or refused.
  await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
}

test("the main pages run without a single CSP violation or console error, JavaScript navigation included", async ({ page }) => {
  test.setTimeout(120_000);
  const staff = await createStaffUser({ role: "admin" });
  const problems = await cspProblems(page, async () => {
    for (const url of ["/ja", "/en", "/ja/guides/jaist-sso", "/ja/guides/jaist-sso/cert-invalid/use-cert", "/ja/search?q=証明書", "/ja/contact", "/en/contact"]) {
      await settled(page, url);
    }
    // A client-side navigation through the guide (RSC payloads, no new document).
    await settled(page, "/ja/guides/jaist-sso");
    await page.getByRole("link").filter({ hasText: /証明書|certificate/i }).first().click();
    await expect(page).toHaveURL(/cert-invalid/);
    // The public staff-account pages: a live reset link shows the password form (a client component).
    for (const url of ["/admin/login/forgot", await createResetLink(staff.id, staff.email), "/admin/invitation/AAAAAAAAAAAAAAAAAAAAAA"]) await settled(page, url);
    await login(page, staff, "/admin/tickets");
    for (const url of ["/admin", "/admin/tickets", "/admin/status", "/admin/staff"]) await settled(page, url);
  });
  expect(problems).toEqual([]);
});

test("the same check catches a page whose inline script adds a script without a hash in the policy", async ({ context }) => {
  const pipeline = responsePipeline({ dev: false, trustProxy: false });
  const html = (inner: string) =>
    `<!DOCTYPE html><html><head><title>t</title></head><body><p id="p">page</p><script>${inner}</script></body></html>`;
  const server = http.createServer((req, res) => {
    pipeline(req, res);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (req.url === "/allowed") {
      res.end(html(`document.getElementById("p").textContent = "ran";`));
      return;
    }
    // The added script's text appears in no response, so no hash can cover it.
    res.end(html(`const s = document.createElement("script"); s.textContent = "document.title = 'injected'"; document.body.append(s); document.getElementById("p").textContent = "ran";`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // The page's own inline script is hashed and runs, and nothing is reported...
    const cleanPage = await context.newPage();
    const clean = await cspProblems(cleanPage, async () => {
      await cleanPage.goto(`${base}/allowed`);
      await expect(cleanPage.locator("#p")).toHaveText("ran");
    });
    expect(clean).toEqual([]);
    // ...while the script it injects is refused, and the check reports it.
    const dirtyPage = await context.newPage();
    const caught = await cspProblems(dirtyPage, async () => {
      await dirtyPage.goto(`${base}/injects`);
      await expect(dirtyPage.locator("#p")).toHaveText("ran");
    });
    await expect.poll(() => caught.filter((p) => p.startsWith("violation: script-src")).length).toBeGreaterThan(0);
    expect(await dirtyPage.title()).toBe("t");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
