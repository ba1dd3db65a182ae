// Issue 10, part A: no silent overwrite (two agents on one ticket), the one properties form, merging
// a duplicate. Decision 0018.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login, type TestStaff } from "./support/admin";
import { sql } from "./support/db";
import { waitForMail } from "./support/mail";

async function agentPage(browser: Browser, staff: TestStaff, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, staff, path);
  return page;
}

const propertiesOf = (page: Page) => page.getByRole("complementary", { name: "チケットの操作" });

test("two agents change the assignee: the second is refused with who changed what, and keeps the reply being typed", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await createStaffUser({ name: `山田 ${randomUUID().slice(0, 4)}` });
  const second = await createStaffUser({ name: `佐藤 ${randomUUID().slice(0, 4)}` });
  const ticket = await createTicket();
  const detail = `/admin/tickets/${ticket.reference}`;
  const a = await agentPage(browser, first, detail);
  const b = await agentPage(browser, second, detail);

  const typed = "お手数ですが、証明書をいったん削除してから入れ直してください。";
  await b.locator("#reply-body").fill(typed);

  await a.locator("#assign-to-me").click();
  await expect(propertiesOf(a).getByRole("status")).toHaveText("保存しました(担当者)。");

  await propertiesOf(b).getByLabel("担当者").selectOption(second.id);
  await propertiesOf(b).getByLabel("優先度").selectOption("high");
  await propertiesOf(b).getByRole("button", { name: "変更を保存" }).click();
  const alert = propertiesOf(b).getByRole("alert");
  await expect(alert).toContainText("この画面を開いた後に、チケットが変更されました。");
  await expect(alert).toContainText(new RegExp(`\\d{2}:\\d{2} ${first.name} さんが担当者を「未割り当て」から「${first.name}」に変更しました。`));
  // Nothing typed or chosen is lost, and nothing of it was applied.
  await expect(b.locator("#reply-body")).toHaveValue(typed);
  await expect(propertiesOf(b).getByLabel("担当者")).toHaveValue(second.id);
  await expect(propertiesOf(b).getByLabel("優先度")).toHaveValue("high");
  // The page behind the form now shows the new state.
  await expect(b.getByText(`担当者: ${first.name}`)).toBeVisible();
  const { rows } = await sql<{ assigneeId: string; priority: string }>(`SELECT "assigneeId", "priority"::text FROM "Ticket" WHERE "id" = $1`, [ticket.id]);
  expect(rows[0]).toEqual({ assigneeId: first.id, priority: "normal" });

  // Applying the kept choices on top of the new state, on purpose.
  await propertiesOf(b).getByRole("button", { name: "最新の状態にこの内容を適用" }).click();
  await expect(propertiesOf(b).getByRole("status")).toHaveText("保存しました(優先度・担当者)。");
  await expect(b.getByText(`担当者: ${second.name}`)).toBeVisible();
  // An assignee change does not hold back a reply (decision 0018): the kept text goes out.
  await b.getByRole("button", { name: "返信を送信" }).click();
  await expect(b.getByText("返信を送信しました")).toBeVisible();

  // A's reply box, typed before B's reply arrived, is refused and keeps its text.
  await a.locator("#reply-body").fill("Aの返信");
  await a.getByRole("button", { name: "返信を送信" }).click();
  await expect(a.getByRole("region", { name: "返信・メモ" }).getByRole("alert")).toContainText(`${second.name} さんが依頼者へ返信しました。`);
  await expect(a.locator("#reply-body")).toHaveValue("Aの返信");
  const { rows: mails } = await sql(`SELECT 1 FROM "OutboxMail" WHERE "ticketId" = $1`, [ticket.id]);
  expect(mails).toHaveLength(1);
  await a.context().close();
  await b.context().close();
});

test("the properties form shows that it is saving, then confirms, in one round trip", async ({ page }) => {
  const agent = await createStaffUser();
  const ticket = await createTicket();
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Hold the server action's request until the pending state has been seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let actionPosts = 0;
  await page.route(`**/admin/tickets/${ticket.reference}`, async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      actionPosts++;
      await held;
    }
    await route.continue();
  });
  const form = propertiesOf(page);
  await form.getByLabel("状態").selectOption("open");
  await form.getByLabel("優先度").selectOption("urgent");
  await form.getByRole("button", { name: "変更を保存" }).click();
  await expect(form.getByRole("button", { name: "保存しています…" })).toBeDisabled();
  await expect(form.locator("#assign-to-me")).toBeDisabled();
  release();
  await expect(form.getByRole("status")).toHaveText("保存しました(状態・優先度)。");
  await expect(form.getByRole("button", { name: "変更を保存" })).toBeEnabled();
  expect(actionPosts).toBe(1);
  // Only the transitions the workflow allows from the new status are offered.
  await expect(form.getByLabel("状態").locator("option")).toHaveText(["対応中", "回答待ち", "解決済み", "終了"]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the properties form posts, redirects and says it saved", async ({ page }) => {
    const agent = await createStaffUser();
    const ticket = await createTicket();
    await login(page, agent, `/admin/tickets/${ticket.reference}`);
    await propertiesOf(page).getByLabel("優先度").selectOption("low");
    await propertiesOf(page).getByRole("button", { name: "変更を保存" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/tickets/${ticket.reference}\\?notice=saved$`));
    await expect(propertiesOf(page).getByRole("status")).toHaveText("保存しました。");
    const { rows } = await sql<{ priority: string }>(`SELECT "priority"::text FROM "Ticket" WHERE "id" = $1`, [ticket.id]);
    expect(rows[0].priority).toBe("low");
  });
});

test("merging a duplicate: the survivor holds the conversation, the requester is mailed, the old status link points on", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser({ name: `統合 ${randomUUID().slice(0, 4)}` });
  const source = await createTicket({ locale: "en", name: "Li Wei", description: "Cannot sign in to webmail (second try)" });
  const target = await createTicket();
  // Same person: the duplicate carries the survivor's address, and a status link we know.
  const token = randomBytes(16).toString("base64url");
  await sql(`UPDATE "Ticket" SET "email" = $2, "statusTokenHash" = $3 WHERE "id" = $1`, [source.id, target.email, createHash("sha256").update(token).digest("hex")]);
  await sql(`INSERT INTO "TicketMessage" ("ticketId", "authorType", "visibility", "body") VALUES ($1, 'requester', 'public', $2)`, [source.id, `It still fails ${source.tag}`]);

  await login(page, agent, `/admin/tickets/${source.reference}`);
  await page.getByLabel("統合先の受付番号").fill(target.reference.toLowerCase());
  await page.getByRole("button", { name: "統合する" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/tickets/${target.reference}\\?notice=merged`));
  await expect(page.getByRole("status").filter({ hasText: "統合しました" })).toContainText(source.reference);
  const conversation = page.getByRole("region", { name: "やり取り" });
  await expect(conversation).toContainText(`It still fails ${source.tag}`);
  await expect(conversation).toContainText(`${source.reference} を統合`);
  await expect(page.getByTestId("history").getByRole("listitem").last()).toContainText(`チケットを統合: ${source.reference} から`);
  await expect(page.getByTestId(`history-${source.reference}`)).toContainText("他のチケットに統合");

  await page.goto(`/admin/tickets/${source.reference}`);
  await expect(page.getByTestId("merged-into")).toContainText(target.reference);
  await expect(page.locator("h1 + span")).toHaveText("終了");

  const mail = await waitForMail(target.email, (m) => (m.subject ?? "").includes(source.reference));
  expect(mail.subject).toBe(`[${source.reference}] Your request continues as ${target.reference}`);
  expect(mail.text).toContain(`Your status page link for ${source.reference} still works`);

  // The requester's old link: points to the survivor, and what they send lands there.
  const requester = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` } });
  const status = await requester.newPage();
  await status.goto(`/en/requests/${token}`);
  await expect(status.getByTestId("merged-into")).toContainText(`We continue under ${target.reference}`);
  await expect(status.getByText(`It still fails ${source.tag}`)).toBeVisible();
  // Plain words: a hex tag here would look like an OTP secret to the requester form's check.
  const later = "Still failing in Firefox this morning";
  await status.getByLabel("Message", { exact: true }).fill(later);
  await status.getByRole("button", { name: "Send" }).click();
  await expect(status.getByText("Your message was sent.")).toBeVisible();
  const { rows } = await sql<{ ticketId: string; visibility: string }>(
    `SELECT "ticketId", "visibility"::text FROM "TicketMessage" WHERE "body" = $1 AND "ticketId" = ANY($2::uuid[])`,
    [later, [source.id, target.id]],
  );
  expect(rows).toEqual([{ ticketId: target.id, visibility: "public" }]);
  await requester.close();
});

test("merge refusals explain themselves and keep the typed reference", async ({ page }) => {
  const agent = await createStaffUser();
  const ticket = await createTicket();
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  const target = page.getByLabel("統合先の受付番号");
  await target.fill(ticket.reference);
  await page.getByRole("button", { name: "統合する" }).click();
  const actions = propertiesOf(page);
  await expect(actions.getByRole("alert")).toHaveText("チケットをそれ自身に統合することはできません。");
  await expect(target).toHaveValue(ticket.reference);
  await target.fill("not a reference");
  await page.getByRole("button", { name: "統合する" }).click();
  await expect(actions.getByRole("alert")).toContainText("「SSO-2026-000123」の形で");
  await expect(target).toHaveValue("not a reference");
  const { rows } = await sql<{ mergedIntoId: string | null; status: string }>(`SELECT "mergedIntoId", "status"::text FROM "Ticket" WHERE "id" = $1`, [ticket.id]);
  expect(rows[0]).toEqual({ mergedIntoId: null, status: "new" });
});
