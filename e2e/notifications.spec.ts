// Staff notifications, end to end (issue 10, docs/decisions/0022): each kind triggered the way it
// happens (a ticket through the API in a followed guide, a requester's answer on the status page, an
// admin's assignment), seen in the in-app list that links to the ticket and, when chosen, in the SMTP
// sink; a reply mail's own status link; the admin-edited sign-off in the next mails.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login, type TestStaff } from "./support/admin";
import { sql } from "./support/db";
import { apiBody } from "./support/intake";
import { waitForMail } from "./support/mail";

const SSO_TITLE = "JAIST-SSOでログインに失敗する時は";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

async function apiTicket(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  const response = await request.post("/api/v1/tickets", { headers: { "x-forwarded-for": `198.22.${randomUUID()}` }, data: apiBody(overrides) });
  expect(response.status()).toBe(201);
  return (await response.json()) as { reference: string; statusUrl: string };
}

/** Notification mails queued for a staff member about a ticket (the outbox: what the sink will get). */
async function queuedNotices(staff: TestStaff, reference: string) {
  const { rows } = await sql(`SELECT 1 FROM "OutboxMail" WHERE "to" = $1 AND "kind" LIKE 'notify-%' AND "subject" LIKE $2`, [staff.email, `%${reference}%`]);
  return rows.length;
}

async function staffPage(browser: Browser, staff: TestStaff, path: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, staff, path);
  return page;
}

/** Sets one kind's two boxes on the settings page and saves. */
async function choose(page: Page, kindTitle: string, choice: { inApp?: boolean; mail?: boolean }, follow?: string) {
  await page.goto("/admin/settings/notifications");
  const group = page.getByRole("group", { name: kindTitle });
  if (choice.inApp !== undefined) await group.getByLabel("画面に表示").setChecked(choice.inApp);
  if (choice.mail !== undefined) await group.getByLabel("メール").setChecked(choice.mail);
  if (follow) await page.getByRole("group", { name: "フォローするガイド" }).getByLabel(follow).check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("保存しました。");
}

/** The in-app list shows the notification and its link opens the ticket; it can be marked read. */
async function expectListed(page: Page, reference: string, item: string) {
  await page.goto("/admin/notifications");
  const row = page.locator("[data-notification]").filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(item);
  await expect(row).toHaveAttribute("data-read", "false");
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: /^通知/ })).toContainText(/未読 \d+件/);
  await row.getByRole("link", { name: reference }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/tickets/${reference}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(reference);
  await page.goto("/admin/notifications");
  await page.locator("[data-notification]").filter({ hasText: reference }).getByRole("button", { name: "既読にする" }).click();
  await expect(page.locator("[data-notification]").filter({ hasText: reference })).toHaveAttribute("data-read", "true");
}

test("a new ticket in a followed guide: listed, linked, mailed when chosen and not when turned off", async ({ page, request }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin/settings/notifications");
  try {
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await choose(page, "フォロー中のガイドの新しいお問い合わせ", { mail: true }, SSO_TITLE);
    // What was saved is what the page shows again.
    await page.reload();
    await expect(page.getByRole("group", { name: "フォロー中のガイドの新しいお問い合わせ" }).getByLabel("メール")).toBeChecked();
    await expect(page.getByLabel(SSO_TITLE)).toBeChecked();

    const first = await apiTicket(request);
    const mail = await waitForMail(agent.email, (m) => m.subject?.includes(first.reference) ?? false);
    expect(mail.subject).toBe(`[Tebiki] 新しいお問い合わせ: ${first.reference}`);
    expect(mail.text).toContain(`/admin/tickets/${first.reference}`);
    await expectListed(page, first.reference, "新しいお問い合わせ");
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await choose(page, "フォロー中のガイドの新しいお問い合わせ", { mail: false });
    const second = await apiTicket(request);
    // The API answered after the ticket's transaction committed: no queued row, no mail ever.
    expect(await queuedNotices(agent, second.reference)).toBe(0);
    await expectListed(page, second.reference, "新しいお問い合わせ");

    // A ticket in a guide not followed notifies nothing.
    const generic = await apiTicket(request, { guide: undefined, topic: "other" });
    await page.goto("/admin/notifications");
    await expect(page.locator("[data-notification]").filter({ hasText: generic.reference })).toHaveCount(0);
  } finally {
    // Following the busiest guide would notify this account of every later spec's ticket.
    await sql(`DELETE FROM "GuideFollow" WHERE "staffId" = $1`, [agent.id]);
  }
});

test("a requester's answer on my ticket: listed, linked, mailed by default and not when turned off", async ({ page, request }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser({ role: "agent" });
  const created = await apiTicket(request);
  await sql(`UPDATE "Ticket" SET "assigneeId" = $1 WHERE "reference" = $2`, [agent.id, created.reference]);

  const answer = async (text: string) => {
    const requester = await (await page.context().browser()!.newContext()).newPage();
    await requester.goto(created.statusUrl);
    await requester.getByLabel("メッセージ", { exact: true }).fill(text);
    await requester.getByRole("button", { name: "送信する" }).click();
    await expect(requester.getByText("メッセージを送信しました。")).toBeVisible();
    await requester.context().close();
  };

  await answer("プライベートウィンドウでも同じでした。");
  const mail = await waitForMail(agent.email, (m) => m.subject?.includes(created.reference) ?? false);
  expect(mail.subject).toBe(`[Tebiki] 依頼者からの返信: ${created.reference}`);
  await login(page, agent, "/admin/notifications");
  await expectListed(page, created.reference, "依頼者からの返信");

  await choose(page, "依頼者の返信", { mail: false });
  await answer("別のブラウザでも試しました。");
  await page.goto("/admin/notifications");
  await expect(page.locator("[data-notification]").filter({ hasText: created.reference })).toHaveCount(2);
  expect(await queuedNotices(agent, created.reference)).toBe(1);
});

test("an admin assigns a ticket to me: listed, linked, mailed by default and not when turned off", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const admin = await createStaffUser({ role: "admin" });
  const agent = await createStaffUser({ role: "agent" });
  const [a, b] = [await createTicket(), await createTicket()];
  const adminPage = await staffPage(browser, admin, `/admin/tickets/${a.reference}`);
  const assign = async (reference: string) => {
    await adminPage.goto(`/admin/tickets/${reference}`);
    const actions = adminPage.getByRole("complementary", { name: "チケットの操作" });
    await actions.getByLabel("担当者").selectOption(agent.id);
    await actions.getByRole("button", { name: "変更を保存" }).click();
    await expect(adminPage.getByText(`担当者: ${agent.name}`)).toBeVisible();
  };

  await assign(a.reference);
  const mail = await waitForMail(agent.email, (m) => m.subject?.includes(a.reference) ?? false);
  expect(mail.subject).toBe(`[Tebiki] 担当の割り当て: ${a.reference}`);
  // The admin did it and is told nothing.
  expect((await sql(`SELECT 1 FROM "Notification" WHERE "staffId" = $1`, [admin.id])).rows).toHaveLength(0);
  await login(page, agent, "/admin/notifications");
  await expectListed(page, a.reference, "あなたに割り当て");

  await choose(page, "担当の割り当て", { mail: false });
  await assign(b.reference);
  await page.goto("/admin/notifications");
  await expect(page.locator("[data-notification]").filter({ hasText: b.reference })).toHaveCount(1);
  expect(await queuedNotices(agent, b.reference)).toBe(0);

  // Mark all read empties the nav's count.
  await page.getByRole("button", { name: "すべて既読にする" }).click();
  await expect(page.locator('[data-notification][data-read="false"]')).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: /^通知/ })).toHaveAttribute("data-unread", "0");
  await adminPage.context().close();
});

test("a staff reply mail carries a status link that opens the requester's page; the edited sign-off ends the next mails", async ({ page, request }) => {
  test.setTimeout(150_000);
  const admin = await createStaffUser({ role: "admin" });
  const { rows: before } = await sql<{ signOffJa: string; signOffEn: string }>(`SELECT "signOffJa", "signOffEn" FROM "HelpDeskSetting" WHERE "id" = 'default'`);
  const tag = randomUUID().slice(0, 6);
  const signOff = { ja: `北陸大学 サポート窓口 ${tag}`, en: `Hokuriku Support Desk ${tag}` };
  await login(page, admin, "/admin/settings");
  try {
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    const form = page.getByRole("form", { name: "メールの署名" });
    // Bad input is explained and keeps what was typed.
    await form.getByLabel("署名(日本語)").fill("");
    await form.getByLabel("署名(英語)").fill(signOff.en);
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByText("署名を入力してください。")).toBeVisible();
    await expect(form.getByLabel("署名(英語)")).toHaveValue(signOff.en);
    await form.getByLabel("署名(日本語)").fill(signOff.ja);
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByText("保存しました")).toBeVisible();

    const ja = await apiTicket(request, { locale: "ja" });
    const en = await apiTicket(request, { locale: "en" });
    const { rows } = await sql<{ email: string; reference: string }>(`SELECT "email", "reference" FROM "Ticket" WHERE "reference" = ANY($1)`, [[ja.reference, en.reference]]);
    const emailOf = (reference: string) => rows.find((r) => r.reference === reference)!.email;
    const lastLine = (text: string) => text.trimEnd().split(/\r?\n/).at(-1);
    expect(lastLine((await waitForMail(emailOf(ja.reference), (m) => m.subject?.includes("受け付けました") ?? false)).text)).toBe(signOff.ja);
    expect(lastLine((await waitForMail(emailOf(en.reference), (m) => m.subject?.includes("We received") ?? false)).text)).toBe(signOff.en);

    for (const created of [ja, en]) {
      await page.goto(`/admin/tickets/${created.reference}`);
      const body = `ブラウザのキャッシュを削除してお試しください ${tag}`;
      await page.getByLabel("依頼者へ返信").fill(body);
      await page.getByRole("button", { name: "返信を送信" }).click();
      const reply = await waitForMail(emailOf(created.reference), (m) => m.text.includes(body));
      expect(lastLine(reply.text)).toBe(created === ja ? signOff.ja : signOff.en);
      const link = /https?:\/\/\S+\/(?:ja|en)\/requests\/[A-Za-z0-9_-]{22}/.exec(reply.text)?.[0];
      expect(link, reply.text).toBeTruthy();
      expect(link).not.toBe(created.statusUrl);
      const requester = await (await page.context().browser()!.newContext()).newPage();
      expect((await requester.goto(link!))?.status()).toBe(200);
      await expect(requester.getByTestId("reference")).toHaveText(created.reference);
      await expect(requester.getByText(body)).toBeVisible();
      await requester.context().close();
    }
  } finally {
    await sql(`UPDATE "HelpDeskSetting" SET "signOffJa" = $1, "signOffEn" = $2 WHERE "id" = 'default'`, [before[0].signOffJa, before[0].signOffEn]);
  }
});
