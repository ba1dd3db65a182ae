// The reply box (issue 10 part D): canned replies from the admin page to the requester's mail, staff
// files from the reply to the requester's status page, and the box in reach without scrolling.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";
import { waitForMail } from "./support/mail";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A status link the test knows (the factory stores a random hash): made the way lib/tokens.ts makes one. */
async function statusToken(ticketId: string) {
  const token = randomBytes(16).toString("base64url");
  await sql(`UPDATE "Ticket" SET "statusTokenHash" = $2 WHERE "id" = $1`, [ticketId, createHash("sha256").update(token).digest("hex")]);
  return token;
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

test("an admin writes a canned reply; an agent inserts it on an English and a Japanese ticket; the mails carry it filled", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 8);
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/canned-replies");
  await expectNoSeriousAxeViolations(page);

  const title = `証明書の選び直し ${tag}`;
  const ja = "{{name}} 様\n受付番号 {{reference}} について。\n手順: {{guide:jaist-sso/step2-3}}\n記事: {{article:private-window}}\n状況: {{status_link}}";
  const en = "Dear {{name}},\nAbout {{reference}}.\nSteps: {{guide:jaist-sso/step2-3}}\nArticle: {{article:private-window}}\nStatus: {{status_link}}";
  await page.getByLabel("名前(担当者が選ぶときに表示)").fill(title);
  await page.getByLabel("本文(日本語)").fill(ja);
  await page.getByLabel("本文(英語)").fill(`${en}\n{{nmae}} {{guide:jaist-sso/nope}}`);
  await page.getByRole("button", { name: "保存" }).click();
  // Refused, naming the unknown placeholders, with everything typed still there.
  await expect(page.getByText("使えないプレースホルダーがあります: {{nmae}}、{{guide:jaist-sso/nope}}")).toBeVisible();
  await expect(page.getByLabel("本文(日本語)")).toHaveValue(ja);
  await expect(page.getByLabel("名前(担当者が選ぶときに表示)")).toHaveValue(title);
  expect((await sql(`SELECT 1 FROM "CannedReply" WHERE "title" = $1`, [title])).rows).toHaveLength(0);

  await page.getByLabel("本文(英語)").fill(en);
  await page.getByRole("button", { name: "プレビュー" }).click();
  await expect(page.getByTestId("preview-en")).toContainText("Dear Jane Doe,");
  await expect(page.getByTestId("preview-en")).toContainText(`${baseURL}/en/guides/jaist-sso/cert-invalid/use-cert`);
  await expect(page.getByTestId("preview-ja")).toContainText(`${baseURL}/ja/articles/private-window`);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("定型文を追加しました。");
  const { rows } = await sql<{ id: string }>(`SELECT "id" FROM "CannedReply" WHERE "title" = $1`, [title]);
  expect(rows).toHaveLength(1);

  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  const agent = await createStaffUser({ role: "agent" });

  // English ticket, with JavaScript: inserted at the cursor, after what was typed.
  const english = await createTicket({ locale: "en", name: `Jane ${tag}` });
  await login(agentPage, agent, `/admin/tickets/${english.reference}`);
  await agentPage.locator("#reply-body").fill("Hello.\n");
  await agentPage.getByLabel("定型文").selectOption({ label: title });
  await agentPage.getByRole("button", { name: "挿入" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/admin/tickets/${english.reference}$`));
  await expect(agentPage.locator("#reply-body")).toHaveValue(
    `Hello.\nDear Jane ${tag},\nAbout ${english.reference}.\nSteps: ${baseURL}/en/guides/jaist-sso/cert-invalid/use-cert\nArticle: ${baseURL}/en/articles/private-window\nStatus: {{status_link}}`,
  );
  await expect(agentPage.locator("#reply-body")).toBeFocused();
  await agentPage.getByRole("button", { name: "返信を送信" }).click();
  await expect(agentPage.getByText("返信を送信しました")).toBeVisible();
  const englishMail = await waitForMail(english.email, (m) => Boolean(m.subject?.includes(english.reference)));
  expect(englishMail.text).toContain(`Dear Jane ${tag},`);
  expect(englishMail.text).toContain(`${baseURL}/en/guides/jaist-sso/cert-invalid/use-cert`);
  expect(englishMail.text).toContain(`${baseURL}/en/articles/private-window`);
  expect(englishMail.text).not.toContain("{{");
  // The stored reply kept {{status_link}}; the requester's page shows its own address there.
  const englishToken = await statusToken(english.id);
  await agentPage.goto(`/en/requests/${englishToken}`);
  await expect(agentPage.getByRole("region", { name: "Messages" })).toContainText(`Status: ${baseURL}/en/requests/${englishToken}`);

  // Japanese ticket, through the server-side pre-fill that works without JavaScript.
  const japanese = await createTicket({ locale: "ja", name: `北陸 花子 ${tag}` });
  await agentPage.goto(`/admin/tickets/${japanese.reference}?compose=reply&canned=${rows[0].id}`);
  await expect(agentPage.locator("#reply-body")).toHaveValue(
    `北陸 花子 ${tag} 様\n受付番号 ${japanese.reference} について。\n手順: ${baseURL}/ja/guides/jaist-sso/cert-invalid/use-cert\n記事: ${baseURL}/ja/articles/private-window\n状況: {{status_link}}`,
  );
  await agentPage.getByRole("button", { name: "返信を送信" }).click();
  await expect(agentPage.getByText("返信を送信しました")).toBeVisible();
  const japaneseMail = await waitForMail(japanese.email, (m) => Boolean(m.subject?.includes(japanese.reference)));
  expect(japaneseMail.text).toContain(`北陸 花子 ${tag} 様`);
  expect(japaneseMail.text).toContain(`${baseURL}/ja/guides/jaist-sso/cert-invalid/use-cert`);
  expect(japaneseMail.text).not.toContain("{{");
  await agentContext.close();

  // Edit and delete.
  await page.getByRole("link", { name: `${title}を編集` }).click();
  await expect(page.getByRole("heading", { name: `定型文を編集: ${title}` })).toBeVisible();
  await page.getByLabel("本文(日本語)").fill(`${ja}\n追記`);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("定型文を更新しました。");
  expect((await sql<{ bodyJa: string }>(`SELECT "bodyJa" FROM "CannedReply" WHERE "id" = $1`, [rows[0].id])).rows[0].bodyJa).toContain("追記");
  await page.getByRole("button", { name: `${title}を削除` }).click();
  await expect(page.getByRole("status")).toHaveText("定型文を削除しました。");
  expect((await sql(`SELECT 1 FROM "CannedReply" WHERE "id" = $1`, [rows[0].id])).rows).toHaveLength(0);
});

test("staff files: a refused file keeps the text; a PNG and a PDF reach the thread and the requester's page with the same bytes", async ({ page }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser({ role: "agent" });
  const ticket = await createTicket();
  const token = await statusToken(ticket.id);
  await login(page, agent, `/admin/tickets/${ticket.reference}`);

  const text = `添付を確認してください ${ticket.tag}`;
  await page.locator("#reply-body").fill(text);
  await page.locator("#reply-files").setInputFiles([{ name: "請求書.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") }]);
  await page.getByRole("button", { name: "返信を送信" }).click();
  await expect(page.getByTestId("reply-error")).toContainText("「請求書.pdf」");
  await expect(page.locator("#reply-body")).toHaveValue(text);
  expect((await sql(`SELECT 1 FROM "TicketMessage" WHERE "ticketId" = $1`, [ticket.id])).rows).toHaveLength(0);

  await page.locator("#reply-files").setInputFiles([
    { name: "画面.png", mimeType: "image/png", buffer: PNG },
    { name: "manual.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  await page.getByRole("button", { name: "返信を送信" }).click();
  await expect(page.getByText("返信を送信しました")).toBeVisible();
  const thread = page.getByRole("region", { name: "やり取り" });
  for (const [name, bytes] of [["画面.png", PNG], ["manual.pdf", PDF]] as const) {
    const href = await thread.getByRole("link", { name }).getAttribute("href");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
  }
  const mail = await waitForMail(ticket.email, (m) => Boolean(m.subject?.includes(ticket.reference)));
  expect(mail.text).toContain("・画面.png\n・manual.pdf");

  await page.goto(`/ja/requests/${token}`);
  const conversation = page.getByRole("region", { name: "やりとり" });
  await expect(conversation).toContainText(text);
  for (const [name, bytes] of [["画面.png", PNG], ["manual.pdf", PDF]] as const) {
    const href = await conversation.getByRole("link", { name }).getAttribute("href");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
  }
  await expectNoSeriousAxeViolations(page);
});

test("the reply box is in view at 1440x900 without scrolling; reply and note are told apart; 375 px has no side scroll", async ({ page }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser({ role: "agent" });
  const ticket = await createTicket({ description: `長い説明 ${"証明書のエラーが続きます。".repeat(80)}` });
  for (let i = 0; i < 6; i++) {
    await sql(`INSERT INTO "TicketMessage" ("ticketId", "authorType", "visibility", "body") VALUES ($1, 'requester', 'public', $2)`, [ticket.id, `追加の情報 ${i}\n${"まだつながりません。".repeat(20)}`]);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(1800);
  await expect(page.locator("#reply-body")).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("button", { name: "返信を送信" })).toBeInViewport({ ratio: 1 });
  const box = await page.locator("#reply-body").boundingBox();
  test.info().annotations.push({ type: "reply-body-top-px", description: String(Math.round(box!.y)) });
  await expect(page.getByText("依頼者へ返信(メールで送信されます)")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  const background = (id: string) => page.evaluate((i) => getComputedStyle(document.getElementById(i)!).backgroundColor, id);
  const replyBackground = await background("reply-form");
  await page.getByRole("link", { name: "内部メモ" }).click();
  await expect(page.locator("#note-body")).toBeFocused();
  await expect(page.getByText("内部メモ(依頼者には見えません)")).toBeVisible();
  await expect(page.getByRole("button", { name: "メモを追加" })).toBeInViewport({ ratio: 1 });
  await expect(page.locator("#reply-form")).toHaveClass(/sr-only/);
  // Told apart by colour as well as by words.
  expect(await background("note-form")).not.toBe(replyBackground);
  // A shortcut that focuses #reply-body (part B) brings the reply form back.
  await page.evaluate(() => document.getElementById("reply-body")?.focus());
  await expect(page.getByRole("button", { name: "返信を送信" })).toBeInViewport({ ratio: 1 });
  await expectNoSeriousAxeViolations(page);

  // Without JavaScript the mode is a URL parameter rendered by the server.
  await page.goto(`/admin/tickets/${ticket.reference}?compose=note`);
  await expect(page.locator("#note-form")).not.toHaveClass(/sr-only/);
  await expect(page.locator("#reply-form")).toHaveClass(/sr-only/);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/admin/tickets/${ticket.reference}`);
  await expect(page.locator("#reply-body")).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole("link", { name: "返信・メモへ移動" }).click();
  await expect(page.locator("#reply-body")).toBeInViewport();
});
