// Hostile input never gives a 500 and loses nothing typed (issue 8, defects 1-6). Each test sends
// its own X-Forwarded-For so the per-IP limits of one test server do not tie tests together.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./support/db";
import { forgeAtSubmit, submitAction } from "./support/forge";
import { apiBody } from "./support/intake";

const CERT_WALK = "cert-invalid,use-cert,cert-imported,cert-still-failing";

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.18.${randomUUID()}` });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/**
 * Files added under .next that are not a re-render of a page pre-rendered at build time. Real pages
 * are rewritten into the route cache once they are stale (30 s, by this or a parallel test); an
 * unknown URL must add nothing at all.
 */
function writesForUnknownPaths(nextDir: string, before: Set<string>): string[] {
  const prerendered = (page: string) => before.has(path.join(nextDir, "server", "app", `${page}.html`));
  return listFiles(nextDir)
    .filter((file) => !before.has(file))
    .filter((file) => {
      const page = file.match(/\/\$(\/.+?)\.(?:html|meta|rsc|body|segments\/)/)?.[1];
      return !(page && prerendered(page));
    });
}

const ticketsByEmail = async (email: string) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Ticket" WHERE email = $1`, [email])).rows[0].n;
const mailsTo = async (email: string) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMail" WHERE "to" = $1`, [email])).rows[0].n;

/** The SSO form after the certificate walk (what the walk left open), or the generic form's topic. */
async function fillRequired(page: Page, locale: "ja" | "en", email: string, form: "sso" | "generic" = "sso") {
  const L =
    locale === "ja"
      ? { student: "学生", webmail: "Webmail", network: "学外(自宅・外出先など)", topic: "その他・わからない" }
      : { student: "Student", webmail: "Webmail", network: "Off campus (home, mobile, elsewhere)", topic: "Something else, or not sure" };
  await page.locator("#f-name").fill("山田 太郎");
  await page.locator("#f-username").fill("s2412345");
  await page.getByRole("radio", { name: L.student, exact: true }).check();
  await page.locator("#f-email").fill(email);
  if (form === "sso") {
    await page.getByRole("radio", { name: L.webmail }).check();
    await page.getByRole("radio", { name: L.network }).check();
  } else {
    await page.getByRole("radio", { name: L.topic }).check();
  }
  await page.locator("#f-description").fill("証明書を選んでもログインできません。");
}

test("unknown guide, step and article URLs write nothing into the page cache and answer 404", async ({ request }) => {
  test.setTimeout(120_000);
  const long = "a".repeat(10_000);
  const urls: string[] = [];
  for (const locale of ["ja", "en"]) {
    for (let i = 0; i < 10; i++) {
      const n = randomUUID().slice(0, 8);
      urls.push(
        `/${locale}/guides/jaist-sso/nope-${n}`,
        `/${locale}/guides/jaist-sso/cert-invalid/use-cert/nope-${n}`,
        `/${locale}/guides/no-guide-${n}`,
        `/${locale}/articles/no-article-${n}`,
        // Paths with a file extension skip the proxy's locale redirect and reach /[locale] directly.
        i % 2 ? `/${locale}/no-page-${n}/deeper` : `/no-file-${n}.png`,
      );
    }
  }
  urls.splice(urls.length - 4, 4, `/ja/guides/jaist-sso/${long}`, `/en/articles/${long}`, `/ja/${long}`, `/en/guides/${long}`);
  expect(urls).toHaveLength(100);

  const nextDir = path.join(process.cwd(), ".next");
  const before = new Set(listFiles(nextDir));
  const statuses: number[] = [];
  for (const url of urls) {
    const response = await request.get(url, { maxRedirects: 0 });
    statuses.push(response.status());
    if (response.status() === 404) expect(await response.text(), url.slice(0, 80)).toContain("Page not found");
  }
  // A second pass over a few of them: a cache write that lagged behind the first answers shows by now.
  for (const url of urls.slice(0, 5)) await request.get(url, { maxRedirects: 0 });
  expect(writesForUnknownPaths(nextDir, before).map((f) => f.slice(0, 200))).toEqual([]);
  expect(statuses.filter((s) => s !== 404)).toEqual([]);

  // Valid walks are still pre-rendered at build time and served through the page cache (MISS only
  // right after a parallel test's revalidatePath; a dynamic page has no such header at all).
  expect(existsSync(path.join(nextDir, "server/app/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported.html"))).toBe(true);
  const valid = await request.get("/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported");
  expect(valid.status()).toBe(200);
  expect(valid.headers()["x-nextjs-cache"]).toMatch(/HIT|STALE|MISS/);
});

test("the view beacon stores nothing for a step id that is an Object.prototype name", async ({ request }) => {
  const views = async () =>
    (await sql<{ n: number }>(`SELECT coalesce(sum(views), 0)::int AS n FROM "StepView" WHERE "stepId" IN ('constructor', '__proto__', 'toString', 'hasOwnProperty')`)).rows[0].n;
  const before = await views();
  for (const step of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    const response = await request.get(`/api/views?guide=jaist-sso&step=${step}`);
    expect(response.status(), step).toBe(400);
  }
  expect(await views()).toBe(before);
});

for (const locale of ["ja", "en"] as const) {
  test(`tampered tried values and a 10,000-character walk get named field errors in ${locale}, nothing stored`, async ({ page }) => {
    const email = `e2e.${randomUUID().slice(0, 8)}@example.com`;
    await page.goto(`/${locale}/contact?guide=jaist-sso&walk=${CERT_WALK}`);
    await fillRequired(page, locale, email);
    const send = page.getByRole("button", { name: locale === "ja" ? "送信する" : "Send" });
    const summary = page.getByRole("alert").filter({ has: page.locator("#error-summary-title") });
    const tried = locale === "ja" ? "すでに試したこと" : "Already tried";

    // A tampered checkbox whose value is a name every plain object has. The server has answered and
    // the form is rendered anew when submitAction returns: the counts are final, and each step reads
    // its own answer, not the previous step's summary (which names the same field).
    await forgeAtSubmit(page, 'input[name="tried"]', "constructor", 0);
    await submitAction(page, send, { remounts: true });
    await expect(summary).toContainText(tried);
    await expect(summary.getByRole("listitem")).toHaveCount(1);
    await expect(page.locator("#f-description")).toHaveValue("証明書を選んでもログインできません。");
    expect(await ticketsByEmail(email)).toBe(0);
    expect(await mailsTo(email)).toBe(0);

    // A value outside the id pattern: the message is in the form's language, not zod's English.
    await forgeAtSubmit(page, 'input[name="tried"]', "<script>", 1);
    await submitAction(page, send, { remounts: true });
    await expect(summary).toContainText(tried);
    await expect(summary.getByRole("listitem")).toHaveCount(1);
    if (locale === "ja") expect((await summary.textContent()) ?? "").not.toMatch(/Invalid|string|expected|pattern/i);
    expect(await ticketsByEmail(email)).toBe(0);

    // The hidden walk, tampered to 10,000 characters: the form names what is wrong, in the user's language.
    await forgeAtSubmit(page, 'input[name="walk"]', "x".repeat(10_000));
    await submitAction(page, send, { remounts: true });
    await expect(summary).toContainText(locale === "ja" ? "ガイドでたどった手順" : "Your path through the guide");
    await expect(summary).not.toContainText(locale === "ja" ? "(0件)" : "0 items");
    expect(await ticketsByEmail(email)).toBe(0);
    // Nothing typed is lost, and the 10,000 characters are not sent back into the page.
    await expect(page.locator("#f-description")).toHaveValue("証明書を選んでもログインできません。");
    await expect(page.locator('input[name="walk"][value^="xxxxxxxxxx"]')).toHaveCount(0);
  });
}

test("tried=constructor through the API is a 400 naming tried, and nothing is stored", async ({ request }) => {
  const body = apiBody({ guide: "jaist-sso", walk: CERT_WALK, tried: ["constructor"] });
  const response = await request.post("/api/v1/tickets", { data: body });
  expect(response.status()).toBe(400);
  expect(Object.keys((await response.json()).errors)).toEqual(["tried"]);
  expect(await ticketsByEmail(body.email)).toBe(0);
});

test("a NUL character is a field error on the form and a 400 naming the field on the API", async ({ page, request }) => {
  const email = `e2e.${randomUUID().slice(0, 8)}@example.com`;
  const api = await request.post("/api/v1/tickets", { data: apiBody({ email, name: "Null\u0000Byte", description: "bell\u0007 here" }) });
  expect(api.status()).toBe(400);
  expect(Object.keys((await api.json()).errors).sort()).toEqual(["description", "name"]);
  // Tab and newlines are ordinary text.
  const ok = await request.post("/api/v1/tickets", { data: apiBody({ description: "line one\r\nline\ttwo\n" }) });
  expect(ok.status()).toBe(201);

  await page.goto("/en/contact?guide=none");
  await fillRequired(page, "en", email, "generic");
  await page.locator("#f-description").fill("before\u0000after");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#f-description-error")).toContainText("control character");
  await expect(page.locator("#f-description")).toHaveValue("before\u0000after");
  expect(await ticketsByEmail(email)).toBe(0);
});

test("a cross-origin form post to a page is refused with a 403 page in the page's language", async ({ request }) => {
  for (const [origin, url, text] of [
    ["http://evil.example", "/ja/contact", "403"],
    ["null", "/en/contact", "403"],
    ["http://evil.example", "/ja/guides/jaist-sso/cert-invalid", "403"],
  ] as const) {
    const response = await request.post(url, {
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      data: "name=x",
      maxRedirects: 0,
    });
    expect(response.status(), `${origin} ${url}`).toBe(403);
    const body = await response.text();
    expect(body).toContain(text);
    expect(body).toContain(url.startsWith("/ja") ? "別のサイト" : "another site");
  }
  const multipart = await request.post("/ja/contact", {
    headers: { origin: "http://evil.example" },
    multipart: { name: "x" },
    maxRedirects: 0,
  });
  expect(multipart.status()).toBe(403);
});

test.describe("screenshots over the limit without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const mb of [6, 9]) {
    test(`a ${mb} MB file brings the form back with every value and a message`, async ({ page }) => {
      test.setTimeout(90_000);
      const email = `e2e.${randomUUID().slice(0, 8)}@example.com`;
      await page.goto(`/ja/contact?guide=jaist-sso&walk=${CERT_WALK}`);
      await fillRequired(page, "ja", email);
      // The device is guessed from the browser and folded: unfold it to correct it.
      await page.getByTestId("answered-device").locator("summary").click();
      await page.locator("#f-device").fill("Windows 11 / Edge");
      // A PNG signature followed by padding: a real image type, just too large.
      const big = Buffer.alloc(mb * 1024 * 1024, 0);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
      await page.locator("#f-screenshot").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: big });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "送信する" }).click(),
      ]);
      expect(response.status()).toBeLessThan(500);
      await expect(page.locator("#f-screenshot-error")).toContainText("5MB");
      await expect(page.locator("#f-name")).toHaveValue("山田 太郎");
      await expect(page.locator("#f-email")).toHaveValue(email);
      await expect(page.locator("#f-device")).toHaveValue("Windows 11 / Edge");
      await expect(page.locator("#f-description")).toHaveValue("証明書を選んでもログインできません。");
      await expect(page.getByRole("radio", { name: "学生" })).toBeChecked();
      expect(await ticketsByEmail(email)).toBe(0);
    });
  }
});

test("a page post over the raised body limit gets a 413 page in the page's language, not a bare 500", async ({ request }) => {
  const response = await request.post("/en/contact", {
    multipart: { name: "x", screenshot: { name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(17 * 1024 * 1024) } },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("Back button");
});

test("the API answers 413 JSON for a body carrying an over-limit screenshot", async ({ request }) => {
  const response = await request.post("/api/v1/tickets", { data: apiBody({ screenshot: "A".repeat(6 * 1024 * 1024) }) });
  expect(response.status()).toBe(413);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect((await response.json()).error).toMatch(/at most/);
});
