// A staff member's day: log in, filter, open the ticket that came through the certificate path,
// work it (status, assignee, note, reply) and see every change in the history.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CERTIFICATE_WALK, createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("log in, filter, open the certificate-path ticket, work it, and see it all in the history", async ({ page }) => {
  // A whole working session with three axe scans: longer than the default minute on a busy machine.
  test.setTimeout(150_000);
  const admin = await createStaffUser({ role: "admin", name: "E2E 管理者" });
  const colleague = await createStaffUser({ role: "agent", name: "E2E 同僚" });
  const ticket = await createTicket();

  await login(page, admin, "/admin/tickets");

  // Filter: search, the guide, then the filters its declaration offers (end step, its answers), all
  // in the URL.
  await page.getByLabel("検索").fill(ticket.tag);
  await page.getByText("絞り込み").click();
  await page.getByLabel("ガイド", { exact: true }).selectOption("jaist-sso");
  await page.getByRole("button", { name: "適用" }).click();
  await page.getByLabel("ガイドの終了ステップ").selectOption(CERTIFICATE_WALK.endStep);
  await page.getByLabel("表示されたメッセージ").selectOption("cert-invalid-no-otp");
  await page.getByRole("button", { name: "適用" }).click();
  await expect(page).toHaveURL(new RegExp(`endStep=${CERTIFICATE_WALK.endStep}`));
  await expect(page).toHaveURL(new RegExp(`q=${ticket.tag}`));
  await expect(page).toHaveURL(/a\.messageShown=cert-invalid-no-otp/);
  const rows = page.getByTestId("ticket-row");
  await expect(rows).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);
  await rows.getByRole("link", { name: ticket.reference }).click();

  // The detail: the path as a checklist, each step linking to the public step.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ticket.reference);
  const path = page.getByRole("list", { name: "たどったステップ" });
  await expect(path.getByRole("listitem")).toHaveCount(CERTIFICATE_WALK.path.length);
  await expect(path.getByRole("link").nth(0)).toHaveAttribute("href", "/ja/guides/jaist-sso");
  await expect(path.getByRole("link").nth(3)).toHaveAttribute("href", `/ja/guides/jaist-sso/${CERTIFICATE_WALK.walk.slice(0, 3).join("/")}`);
  await expect(path.getByRole("listitem").nth(3)).toContainText("ここで解決せず");
  await expect(path.getByRole("link").nth(1)).toContainText("STEP2");
  // The changed answer is marked, and requester text is text, not HTML.
  await expect(page.getByRole("region", { name: "フォームの回答" }).getByText("変更あり")).toHaveCount(1);
  await expect(page.getByText("<script>alert(1)</script>", { exact: false })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // One properties form: status and assignee in one submit.
  const actions = page.getByRole("complementary", { name: "チケットの操作" });
  await actions.getByLabel("状態").selectOption("open");
  await actions.getByLabel("担当者").selectOption(colleague.id);
  await actions.getByRole("button", { name: "変更を保存" }).click();
  await expect(actions.getByRole("status")).toHaveText("保存しました(状態・担当者)。");
  await expect(page.locator("h1 + span")).toHaveText("対応中");
  await expect(page.getByText(`担当者: ${colleague.name}`)).toBeVisible();

  await page.getByLabel("内部メモ").fill("証明書のシリアル番号を確認中");
  await page.getByRole("button", { name: "メモを追加" }).click();
  await expect(page.getByText("メモを追加しました。")).toBeVisible();

  await page.getByLabel("依頼者へ返信").fill("証明書を選び直すため、プライベートウィンドウでお試しください。");
  await page.getByRole("button", { name: "返信を送信" }).click();
  await expect(page.getByText("返信を送信しました")).toBeVisible();

  const conversation = page.getByRole("region", { name: "やり取り" });
  await expect(conversation).toContainText("証明書のシリアル番号を確認中");
  await expect(conversation).toContainText("プライベートウィンドウでお試しください。");

  const history = page.getByTestId("history").getByRole("listitem");
  await expect(history).toHaveText([
    /受付.*依頼者/,
    new RegExp(`状態を変更: 新規 → 対応中.*${admin.name}`),
    new RegExp(`担当者を変更: 未割り当て → ${colleague.name}.*${admin.name}`),
    new RegExp(`内部メモを追加.*${admin.name}`),
    new RegExp(`依頼者へ返信.*${admin.name}`),
    new RegExp(`状態を変更: 対応中 → 回答待ち.*${admin.name}`),
  ]);

  // The reply is in the outbox, in the ticket's language, and the note is not.
  const { rows: mails } = await sql<{ to: string; subject: string; text: string; status: string }>(
    `SELECT "to", "subject", "text", "status"::text FROM "OutboxMail" WHERE "ticketId" = $1`,
    [ticket.id],
  );
  expect(mails).toHaveLength(1);
  expect(mails[0].to).toBe(ticket.email);
  expect(mails[0].subject).toBe(`[${ticket.reference}] ヘルプデスクからの返信`);
  expect(mails[0].text).toContain("プライベートウィンドウでお試しください。");
  expect(mails[0].text).not.toContain("シリアル番号");

  const { rows: t } = await sql<{ status: string; assigneeId: string; firstResponseAt: Date | null }>(
    `SELECT "status"::text, "assigneeId", "firstResponseAt" FROM "Ticket" WHERE "id" = $1`,
    [ticket.id],
  );
  expect(t[0]).toMatchObject({ status: "waiting", assigneeId: colleague.id });
  expect(t[0].firstResponseAt).not.toBeNull();

  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ダッシュボード");
  await expect(page.getByTestId("deflection-summary")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a reply that is empty is refused with a message, and typed text survives a refusal", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  const ticket = await createTicket();
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  await page.getByLabel("依頼者へ返信").fill("   ");
  await page.getByRole("button", { name: "返信を送信" }).click();
  await expect(page.getByText("本文を入力してください")).toBeVisible();
  expect((await sql(`SELECT 1 FROM "OutboxMail" WHERE "ticketId" = $1`, [ticket.id])).rows).toHaveLength(0);
});

test("bulk actions assign and set status on the selected tickets", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  const a = await createTicket({ description: "bulk one" });
  const b = await createTicket({ description: "bulk two" });
  await login(page, agent, "/admin/tickets");
  for (const t of [a, b]) {
    await page.goto(`/admin/tickets?q=${t.tag}`);
    await page.getByLabel(`選択 ${t.reference}`).check();
    await page.getByLabel("変更内容").selectOption(`assign:${agent.id}`);
    await page.getByRole("button", { name: "一括変更" }).click();
    await expect(page.getByRole("status")).toContainText("1件を変更しました");
  }
  await page.goto(`/admin/tickets?assignee=me`);
  await page.getByLabel(`選択 ${a.reference}`).check();
  await page.getByLabel(`選択 ${b.reference}`).check();
  await page.getByLabel("変更内容").selectOption("status:open");
  await page.getByRole("button", { name: "一括変更" }).click();
  await expect(page.getByRole("status")).toContainText("2件を変更しました");
  const { rows } = await sql<{ status: string; assigneeId: string }>(`SELECT "status"::text, "assigneeId" FROM "Ticket" WHERE "id" = ANY($1::uuid[])`, [[a.id, b.id]]);
  expect(rows).toEqual([
    { status: "open", assigneeId: agent.id },
    { status: "open", assigneeId: agent.id },
  ]);
});

test("failed logins are limited per account, with a generic message until then", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  for (let i = 0; i < 5; i++) {
    await page.goto("/admin/login");
    await page.getByLabel("メールアドレス").fill(agent.email);
    await page.getByLabel("パスワード").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("メールアドレスまたはパスワードが違います。");
  }
  await page.getByLabel("メールアドレス").fill(agent.email);
  await page.getByLabel("パスワード").fill(agent.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("しばらくログインできません");
  await page.goto("/admin/tickets");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("logging out ends the session", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin/tickets");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.goto("/admin/tickets");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("an outside callbackUrl is not followed after login", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  await page.goto(`/admin/login?callbackUrl=${encodeURIComponent("https://evil.example/phish")}`);
  await page.getByLabel("メールアドレス").fill(agent.email);
  await page.getByLabel("パスワード").fill(agent.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin" && url.hostname === "127.0.0.1");
});

test("the list and the detail fit a 375 px phone without sideways scrolling @mobile", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const agent = await createStaffUser({ role: "agent" });
  const ticket = await createTicket();
  await login(page, agent, "/admin/tickets");
  for (const path of ["/admin/tickets", `/admin/tickets/${ticket.reference}`, "/admin"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
});
