// Insight (issue 13, docs/decisions/0031): a visitor's walk and ticket reach the deflection report, a
// search that found nothing reaches the editors' list, a "didn't work" comment reaches the feedback
// list and is marked handled; the pages pass axe and fit 375 px; the step pages stay pre-rendered.
import { createHash, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";
import { E2E_AUTH_SECRET } from "./support/server-env";

const WALK = ["cert-invalid", "use-cert", "cert-imported", "cert-still-failing"];
const LEAF = "/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(clientWidth);
}

/** This browser's help-center session as the server stores it: the cookie hashed with the test servers' secret. */
async function sessionHash(context: BrowserContext): Promise<string | null> {
  const id = (await context.cookies()).find((c) => c.name === "tebiki_feedback_session")?.value;
  return id ? createHash("sha256").update(`${E2E_AUTH_SECRET}:step-feedback:${id}`).digest("hex") : null;
}

/** A word no page contains, in letters only (so nothing of it is masked as a number). */
const nonsense = () => `qzx${randomUUID().replace(/[^a-f]/g, "").slice(0, 8)}vq`;

/** The deflection report's count in one column of one step. */
async function reportCell(page: Page, stepId: string, col: string): Promise<number> {
  await page.goto("/admin/reports/deflection?days=7");
  return Number(await page.getByTestId("deflection-jaist-sso").locator(`tr[data-step="${stepId}"] [data-col="${col}"]`).textContent());
}

test("a visitor walks the guide and files a ticket: the deflection report counts it at the step", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const staff = await createStaffUser({ role: "agent" });
  const desk = await browser.newContext();
  const staffPage = await desk.newPage();
  await login(staffPage, staff, "/admin/reports/deflection");
  const before = { sessions: await reportCell(staffPage, "step2-3-1", "sessions"), ticketed: await reportCell(staffPage, "step2-3-1", "ticketed") };

  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": `198.51.${randomUUID()}` });
  await page.goto("/ja/guides/jaist-sso");
  for (const choice of WALK) await page.locator(`[data-choice="${choice}"]`).click();
  await expect(page).toHaveURL(`/ja/guides/jaist-sso/${WALK.join("/")}`);
  const hash = await sessionHash(page.context());
  expect(hash).not.toBeNull();
  // The beacons noted each step this session reached (one row per step and day, only the hash stored).
  await expect
    .poll(async () => (await sql<{ stepId: string }>(`SELECT "stepId" FROM "StepVisit" WHERE "sessionHash" = $1 ORDER BY "firstAt"`, [hash])).rows.map((r) => r.stepId))
    .toEqual(["step0", "step2", "step2-3", "step2-3-1", "step3"]);

  await page.locator('main a[href^="/ja/contact?"]').first().click();
  await page.getByLabel("氏名").fill("分析 太郎");
  await page.getByLabel("ユーザ名").fill("s2499002");
  await page.getByRole("radio", { name: "学生" }).check();
  await page.getByLabel("返信先メールアドレス").fill(`insight.${randomUUID().slice(0, 8)}@example.com`);
  await page.getByRole("radio", { name: "Webmail" }).check();
  await page.getByRole("radio", { name: "学外(自宅・外出先など)" }).check();
  await page.getByLabel("状況の説明").fill("証明書を選んでもログインできません。");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  // The ticket carries the same session, nothing more about the visitor's browsing.
  const { rows } = await sql<{ helpSessionHash: string }>(`SELECT "helpSessionHash" FROM "Ticket" WHERE "reference" = $1`, [reference]);
  expect(rows[0].helpSessionHash).toBe(hash);

  // Other tests walk the same steps meanwhile: at least this visitor more, in both columns.
  expect(await reportCell(staffPage, "step2-3-1", "sessions")).toBeGreaterThanOrEqual(before.sessions + 1);
  expect(await reportCell(staffPage, "step2-3-1", "ticketed")).toBeGreaterThanOrEqual(before.ticketed + 1);
  // No rate on the page is above 100%.
  const rates = await staffPage.getByTestId("deflection-jaist-sso").locator('[data-col="ticket-rate"]').allTextContents();
  for (const r of rates.filter((t) => t !== "—")) expect(parseFloat(r)).toBeLessThanOrEqual(100);
  await expectNoSeriousAxeViolations(staffPage);
  await staffPage.setViewportSize({ width: 375, height: 800 });
  await expectNoSideScroll(staffPage);

  // The CSV says the same, for the same staff.
  const csv = await staffPage.request.get("/api/admin/reports/deflection.csv?days=7");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("step2-3-1");
  await desk.close();
});

test("a search that finds nothing shows in the editors' no-result list; a result click is counted", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const word = nonsense();
  await page.goto("/ja");
  await page.getByRole("searchbox", { name: "ヘルプを検索" }).first().fill(word.toUpperCase());
  await page.getByRole("searchbox", { name: "ヘルプを検索" }).first().press("Enter");
  await expect(page.getByTestId("no-results")).toBeVisible();

  // A search that finds something: its result link counts the click and lands on the page.
  await page.goto(`/ja/search?q=${encodeURIComponent("失効")}`);
  const link = page.getByTestId("search-results").getByRole("link", { name: "クライアント証明書の失効手順" });
  const searchId = new URL((await link.getAttribute("href"))!, "http://x").searchParams.get("s")!;
  await link.click();
  await expect(page).toHaveURL("/ja/articles/certificate-revoke");
  expect((await sql<{ clicks: number }>(`SELECT "clicks" FROM "SearchLog" WHERE "id" = $1`, [searchId])).rows[0].clicks).toBe(1);

  const staff = await createStaffUser({ role: "agent" });
  const desk = await browser.newContext();
  const staffPage = await desk.newPage();
  await login(staffPage, staff, "/admin/reports/search");
  await staffPage.goto("/admin/reports/search?days=7");
  // Stored normalised (lower case), as editors read it.
  await expect(staffPage.getByTestId("no-result-queries")).toContainText(word);
  await expect(staffPage.getByTestId("search-per-locale").locator('tr[data-locale="ja"]')).toBeVisible();
  await expectNoSeriousAxeViolations(staffPage);
  await staffPage.setViewportSize({ width: 375, height: 800 });
  await expectNoSideScroll(staffPage);
  const csv = await staffPage.request.get("/api/admin/reports/search.csv?days=7");
  expect(await csv.text()).toContain(word);
  await desk.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the chooser's matches link through the click route and land on the page", async ({ page }) => {
    await page.goto(`/en/contact?q=${encodeURIComponent("revoke certificate")}`);
    await page.getByTestId("suggestions").getByRole("link", { name: "How to revoke a client certificate" }).click();
    await expect(page).toHaveURL("/en/articles/certificate-revoke");
  });
});

test("a 'didn't work' comment reaches the feedback list; an admin marks it handled, an agent only reads", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": `198.51.${randomUUID()}` });
  const comment = `手順どおりにしても証明書が出てきません ${randomUUID().slice(0, 8)}`;
  await page.goto(LEAF);
  const feedback = page.getByTestId("step-feedback");
  await feedback.getByText("うまくいかなかった点を書き添える(任意)").click();
  await feedback.getByLabel(/うまくいかなかった点/).fill(comment);
  await feedback.getByRole("button", { name: /^いいえ、解決しない/ }).click();
  await expect(page).toHaveURL(`${LEAF}/cert-still-failing`);

  const agent = await createStaffUser({ role: "agent" });
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await login(agentPage, agent, "/admin/reports/feedback");
  const agentItem = agentPage.locator("[data-feedback]").filter({ hasText: comment });
  await expect(agentItem).toBeVisible();
  await expect(agentItem.getByRole("button")).toHaveCount(0);
  await agentContext.close();

  const admin = await createStaffUser({ role: "admin", name: `E2E 編集 ${randomUUID().slice(0, 4)}` });
  const desk = await browser.newContext();
  const staffPage = await desk.newPage();
  await login(staffPage, admin, "/admin/reports/feedback");
  const item = staffPage.locator("[data-feedback]").filter({ hasText: comment });
  await expect(item).toHaveAttribute("data-handled", "false");
  // Links to the step's public page and to its editor page.
  await expect(item.getByRole("link", { name: "公開ページで見る" })).toHaveAttribute("href", LEAF);
  await expect(item.getByRole("link", { name: "この手順を編集" })).toHaveAttribute("href", "/admin/content/guides/jaist-sso/steps/step2-3-1");
  await expectNoSeriousAxeViolations(staffPage);
  await item.getByRole("button", { name: "対応済みにする" }).click();
  // Handled leaves the open list; the handled list says who.
  await expect(staffPage.locator("[data-feedback]").filter({ hasText: comment })).toHaveCount(0);
  await staffPage.goto("/admin/reports/feedback?state=handled");
  const handled = staffPage.locator("[data-feedback]").filter({ hasText: comment });
  await expect(handled).toHaveAttribute("data-handled", "true");
  await expect(handled.getByTestId("handled-by")).toContainText(admin.name);
  await staffPage.setViewportSize({ width: 375, height: 800 });
  await expectNoSideScroll(staffPage);
  const csv = await staffPage.request.get("/api/admin/reports/feedback.csv?state=handled");
  expect(await csv.text()).toContain(comment);
  await desk.close();
});

test("the step pages stay pre-rendered: cached, no cookie set by the page itself", async ({ request }) => {
  const step = await request.get(LEAF);
  expect(step.status()).toBe(200);
  expect(step.headers()["x-nextjs-prerender"]).toBeTruthy();
  expect(step.headers()["cache-control"]).toMatch(/s-maxage=30/);
  expect(step.headers()["set-cookie"]).toBeUndefined();
  // The dynamic search page starts the session itself (a page cannot set cookies; the proxy does).
  const search = await request.get(`/ja/search?q=${nonsense()}`);
  expect(search.headers()["set-cookie"]).toMatch(/^tebiki_feedback_session=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax/);
});
