// Customer satisfaction (issue 13, docs/decisions/0030-csat.md): an agent resolves a ticket, the
// requester rates it from the mail and changes it on the status page, staff see it on the ticket,
// the dashboard and the report. Also: a mail scanner's GET records nothing, the JavaScript-off path,
// the 7-day limit and bad links.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";
import { waitForMail } from "./support/mail";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

const ratingOf = async (ticketId: string) =>
  (await sql<{ rating: string | null; comment: string | null }>(`SELECT "rating"::text, "comment" FROM "CsatRating" WHERE "ticketId" = $1`, [ticketId])).rows[0];

/** A resolved ticket with an offer and a status link we know, as lib/csat/offer.ts leaves it. */
async function resolvedWithToken(locale: "ja" | "en", resolvedAgo = "1 hour") {
  const ticket = await createTicket({ locale });
  const token = randomBytes(16).toString("base64url");
  await sql(`UPDATE "Ticket" SET "status" = 'resolved', "resolvedAt" = now() - $3::interval, "statusTokenHash" = $2 WHERE "id" = $1`, [
    ticket.id,
    createHash("sha256").update(token).digest("hex"),
    resolvedAgo,
  ]);
  await sql(`INSERT INTO "CsatRating" ("ticketId", "resolvedAt", "guideId", "endStep", "updatedAt") VALUES ($1, now() - $2::interval, 'jaist-sso', 'step2-3-1', now())`, [
    ticket.id,
    resolvedAgo,
  ]);
  return { ...ticket, token };
}

test("an agent resolves; the requester rates Good from the mail with a comment, then changes to Bad on the status page; staff see it", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const agent = await createStaffUser({ name: `満足 ${randomUUID().slice(0, 4)}` });
  const ticket = await createTicket();
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  const properties = page.getByRole("complementary", { name: "チケットの操作" });
  await properties.getByLabel("状態").selectOption("resolved");
  await properties.getByLabel("担当者").selectOption(agent.id);
  await properties.getByRole("button", { name: "変更を保存" }).click();
  await expect(properties.getByRole("status")).toContainText("保存しました");

  const mail = await waitForMail(ticket.email, (m) => (m.subject ?? "").includes("解決済み"));
  const good = mail.text.match(/解決しました・満足: (\S+)/)?.[1];
  const bad = mail.text.match(/不満: (\S+)/)?.[1];
  expect(good).toMatch(/\/ja\/requests\/[A-Za-z0-9_-]+\/satisfaction\?rating=good$/);
  expect(bad).toMatch(/\/satisfaction\?rating=bad$/);

  // A mail scanner opens both links: nothing is recorded by a GET.
  for (const url of [good!, bad!]) expect((await request.get(url)).status()).toBe(200);
  expect(await ratingOf(ticket.id)).toEqual({ rating: null, comment: null });

  const requester = await (await browser.newContext()).newPage();
  await requester.goto(good!);
  await expect(requester.getByRole("heading", { level: 1 })).toHaveText("対応の評価");
  await expect(requester.getByRole("radio", { name: "解決しました・満足" })).toBeChecked();
  await expectNoSeriousAxeViolations(requester);
  const comment = `証明書の入れ直しで直りました ${ticket.tag}`;
  await requester.getByLabel("コメント(任意)").fill(comment);
  await requester.getByRole("button", { name: "評価を送信する" }).click();
  await expect(requester.getByRole("status")).toHaveText("評価を送信しました。ありがとうございました。");
  await expect.poll(() => ratingOf(ticket.id)).toEqual({ rating: "good", comment });
  // The same click again changes nothing and says so.
  await requester.getByRole("button", { name: "評価を変更する" }).click();
  await expect(requester.getByRole("status")).toHaveText("この評価はすでに受け付けています。");

  const statusPage = good!.replace(/\/satisfaction\?rating=good$/, "");
  await requester.goto(statusPage);
  const section = requester.getByRole("region", { name: "対応の評価" });
  await expect(section.getByTestId("csat-current")).toContainText("現在の評価: 解決しました・満足");
  await expect(section.getByTestId("csat-current")).toContainText(comment);
  await expect(section.getByLabel("コメント(任意)")).toHaveValue(comment);
  await expectNoSeriousAxeViolations(requester);
  await section.getByRole("radio", { name: "不満" }).check();
  await section.getByRole("button", { name: "評価を変更する" }).click();
  await expect(section.getByRole("status")).toHaveText("評価を送信しました。ありがとうございました。");
  await expect.poll(() => ratingOf(ticket.id)).toEqual({ rating: "bad", comment });
  await requester.reload();
  await expect(requester.getByTestId("csat-current")).toContainText("現在の評価: 不満");
  await expectNoSideScroll(requester);
  await requester.context().close();

  // Staff: the ticket, the dashboard's block and the report.
  await page.goto(`/admin/tickets/${ticket.reference}`);
  await expect(page.getByTestId("csat-ticket-rating")).toHaveText("不満");
  await expect(page.getByTestId("csat-ticket-comment")).toHaveText(comment);
  await expect(page.getByTestId("csat-ticket")).toContainText(`解決時の担当者: ${agent.name}`);
  await page.goto("/admin");
  const block = page.getByTestId("csat-summary");
  await expect(block.getByRole("heading")).toHaveText("顧客満足度(直近30日)");
  await expect(block.getByTestId("csat-summary-good")).toHaveText(/^\d+%$/);
  await block.getByRole("link", { name: "満足度レポートを見る" }).click();
  await expect(page).toHaveURL(/\/admin\/reports\/csat$/);
  const item = page.getByTestId("csat-comment-list").getByRole("listitem").filter({ hasText: comment });
  await expect(item).toContainText(ticket.reference);
  await expect(item).toContainText("不満");
  await expect(page.getByTestId("csat-by-agent").getByRole("row").filter({ hasText: agent.name })).toContainText("0%");
  await expectNoSeriousAxeViolations(page);

  const csv = await page.request.get("/api/admin/reports/csat.csv?part=comments");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.startsWith("\uFEFF受付番号,評価,コメント")).toBe(true);
  expect(text).toContain(`${ticket.reference},不満,${comment}`);
  const counts = await (await page.request.get("/api/admin/reports/csat.csv")).text();
  expect(counts).toMatch(new RegExp(`担当者別,,,${agent.name},1,1,0,1,0,100`));
  expect((await page.request.get("/api/admin/reports/csat.csv?from=2026-13-01")).status()).toBe(400);
  await expectNoSideScroll(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the status page's rating form posts and records; a missing choice is named, and the comment is kept", async ({ page }) => {
    const ticket = await resolvedWithToken("en");
    await page.goto(`/en/requests/${ticket.token}`);
    const section = page.getByRole("region", { name: "Rate our help" });
    await section.getByLabel("Comment (optional)").fill("Quick and clear");
    await section.getByRole("button", { name: "Send rating" }).click();
    await expect(page.getByRole("region", { name: "Rate our help" }).getByText("Choose Good or Bad.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Rate our help" }).getByLabel("Comment (optional)")).toHaveValue("Quick and clear");
    expect(await ratingOf(ticket.id)).toEqual({ rating: null, comment: null });

    await page.getByRole("region", { name: "Rate our help" }).getByRole("radio", { name: "Good" }).check();
    await page.getByRole("region", { name: "Rate our help" }).getByRole("button", { name: "Send rating" }).click();
    await expect(page.getByRole("region", { name: "Rate our help" }).getByRole("status")).toHaveText("Thank you: your rating was saved.");
    expect(await ratingOf(ticket.id)).toEqual({ rating: "good", comment: "Quick and clear" });
    await expect(page.getByTestId("csat-current")).toContainText("Your rating: Good");
  });
});

test("after 7 days the rating is read-only with a reason; a bad link is a clear page in the user's language", async ({ page }) => {
  const ticket = await resolvedWithToken("ja", "8 days");
  await sql(`UPDATE "CsatRating" SET "rating" = 'good', "comment" = '助かりました' WHERE "ticketId" = $1`, [ticket.id]);
  await page.goto(`/ja/requests/${ticket.token}/satisfaction?rating=bad`);
  await expect(page.getByTestId("csat-current")).toContainText("現在の評価: 解決しました・満足");
  await expect(page.getByTestId("csat-closed")).toHaveText("評価を変更できる期間(解決から7日間)を過ぎました。");
  await expect(page.getByTestId("csat-form")).toHaveCount(0);

  for (const [locale, title] of [["ja", "リンクを開けませんでした"], ["en", "This link cannot be opened"]] as const) {
    const response = await page.goto(`/${locale}/requests/${randomBytes(16).toString("base64url")}/satisfaction?rating=good`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const odd = await page.goto(`/${locale}/requests/${"%00".repeat(3)}x/satisfaction?rating=%3Cscript%3E`);
    expect(odd?.status()).toBeLessThan(500);
  }
});
