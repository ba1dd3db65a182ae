// Unauthorized use of the content core's routes (issue 12): the draft preview is for editors and
// admins only (anonymous and deactivated users 401, agents 403, and none of them gets the draft-mode
// cookie); the local revalidation route answers nobody without this process's secret; and a forged
// draft-mode cookie neither shows drafts nor reopens unknown paths to rendering.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, login, setActive } from "./support/admin";

const PREVIEW = `/api/admin/content/preview?to=${encodeURIComponent("/ja/articles/password-reset")}`;
const draftCookie = (setCookie: string | undefined) => /__prerender_bypass=/.test(setCookie ?? "");

test("anonymous: the preview route refuses and sets no draft-mode cookie", async ({ request }) => {
  const response = await request.get(PREVIEW, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(draftCookie(response.headers()["set-cookie"])).toBe(false);
});

test("deactivated with a live session: the preview route refuses", async ({ page }) => {
  const editor = await createStaffUser({ role: "editor" });
  await login(page, editor, "/admin");
  await setActive(editor.id, false);
  const response = await page.request.get(PREVIEW, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(draftCookie(response.headers()["set-cookie"])).toBe(false);
});

test("agent: the preview route is forbidden; an editor gets it, only for help pages of this site", async ({ page, browser }) => {
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin");
  const refused = await page.request.get(PREVIEW, { maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(draftCookie(refused.headers()["set-cookie"])).toBe(false);

  const context = await browser.newContext();
  const editorPage = await context.newPage();
  await login(editorPage, await createStaffUser({ role: "editor" }), "/admin");
  const allowed = await editorPage.request.get(PREVIEW, { maxRedirects: 0 });
  expect(allowed.status()).toBe(303);
  expect(allowed.headers().location).toBe("/ja/articles/password-reset");
  for (const to of ["https://evil.example/", "//evil.example/ja", "/admin/staff", "/ja/../admin"]) {
    const bad = await editorPage.request.get(`/api/admin/content/preview?to=${encodeURIComponent(to)}`, { maxRedirects: 0 });
    expect(bad.status(), to).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining("/ja または /en") });
  }
  await context.close();
});

test("the local revalidation route answers 404 without this process's secret", async ({ request }) => {
  expect((await request.post("/api/internal/content-revalidate")).status()).toBe(404);
  expect((await request.post("/api/internal/content-revalidate", { headers: { "x-tebiki-revalidate": "0".repeat(64) } })).status()).toBe(404);
});

test("a forged draft-mode cookie shows no drafts and renders no unknown path", async ({ browser }) => {
  const context = await browser.newContext();
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: "__prerender_bypass", value: "forged", domain: hostname, path: "/" }]);
  const page = await context.newPage();
  expect((await page.goto(`/ja/articles/no-article-${randomUUID().slice(0, 8)}`))?.status()).toBe(404);
  expect((await page.goto("/ja/articles/password-reset"))?.status()).toBe(200);
  await expect(page.getByTestId("preview-bar")).toHaveCount(0);
  await context.close();
});
