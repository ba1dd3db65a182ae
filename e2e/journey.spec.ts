// The whole help desk, across the three features: a student walks the guide by clicking, reaches
// STEP3, follows the contact link, submits the pre-filled form without logging in, gets the mail;
// staff find the ticket, see the path, reply; the requester's status page shows the reply, the
// SMTP server received it, and a requester message reopens the ticket.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";
import { stepText } from "./support/guide";
import { waitForMail } from "./support/mail";

const WALK = ["cert-invalid", "use-cert", "cert-imported", "cert-still-failing"];
const STEPS = ["step0", "step2", "step2-3", "step2-3-1", "step3"];

test("guide → contact form → mail → staff reply → requester sees the reply", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": `198.19.${randomUUID()}` });
  const email = `journey.${randomUUID().slice(0, 8)}@example.com`;

  // The guide, by clicking the choices.
  await page.goto("/ja/guides/jaist-sso");
  for (const choice of WALK) await page.locator(`[data-choice="${choice}"]`).click();
  await expect(page).toHaveURL(`/ja/guides/jaist-sso/${WALK.join("/")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", "step3").title);

  // STEP3 hands the path to the contact form, which shows it and pre-selects the answers.
  await page.locator('main a[href^="/ja/contact?"]').first().click();
  await expect(page).toHaveURL(/\/ja\/contact\?guide=jaist-sso&walk=cert-invalid,use-cert,cert-imported,cert-still-failing$/);
  await expect(page.getByTestId("walk-path").getByRole("listitem")).toHaveText(
    STEPS.slice(0, -1).map((s) => stepText("jaist-sso", "ja", s).title),
  );
  // What the walk answered is folded with its answer; the STEP1 login test is not asked on this walk.
  await expect(page.getByTestId("answered-factor").locator("summary")).toContainText("クライアント証明書");
  await expect(page.locator('input[name="factor"][value="certificate"]')).toBeChecked();

  await page.getByLabel("氏名").fill("北陸 花子");
  await page.getByLabel("ユーザ名").fill("s2499001");
  await page.getByRole("radio", { name: "学生" }).check();
  await page.getByLabel("返信先メールアドレス").fill(email);
  await page.getByRole("radio", { name: "Webmail" }).check();
  await page.getByRole("radio", { name: "学外(自宅・外出先など)" }).check();
  await expect(page.getByRole("radio", { name: "試していない" })).toHaveCount(0);
  await page.getByLabel("状況の説明").fill("自宅から証明書を選んでもログインできません。");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("heading", { name: "お問い合わせを受け付けました" })).toBeVisible();
  const reference = (await page.getByTestId("reference").textContent())!.trim();

  const confirmation = await waitForMail(email, (m) => Boolean(m.subject?.includes(reference)));
  const statusUrl = confirmation.text.match(/https?:\/\/\S+\/ja\/requests\/[A-Za-z0-9_-]+/)![0];

  // Staff: find it by reference, see the path, reply.
  const staff = await createStaffUser({ role: "agent" });
  const desk = await browser.newContext();
  const staffPage = await desk.newPage();
  await login(staffPage, staff, "/admin/tickets");
  await staffPage.goto(`/admin/tickets?q=${encodeURIComponent(reference)}`);
  await staffPage.getByRole("link", { name: reference }).first().click();
  await expect(staffPage.getByRole("heading", { level: 1 })).toContainText(reference);
  for (const s of STEPS.slice(0, -1)) {
    await expect(staffPage.getByRole("link", { name: stepText("jaist-sso", "ja", s).title })).toBeVisible();
  }
  const reply = `証明書を選び直してください (${randomUUID().slice(0, 6)})`;
  await staffPage.getByLabel("依頼者へ返信").fill(reply);
  await staffPage.getByRole("button", { name: "返信を送信" }).click();
  await expect(staffPage.getByText("返信を送信しました")).toBeVisible();
  await desk.close();

  // The reply reaches the requester twice: by mail and on the status page.
  const replyMail = await waitForMail(email, (m) => m.text.includes(reply));
  expect(replyMail.subject).toContain(reference);
  await page.goto(statusUrl);
  await expect(page.getByText(reply)).toBeVisible();
  await expect(page.getByTestId("status")).toHaveText("回答待ち");

  // The requester answers; a waiting ticket reopens.
  await page.getByLabel("メッセージ", { exact: true }).fill("別のブラウザでもだめでした。");
  await page.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByText("メッセージを送信しました。")).toBeVisible();
  const { rows } = await sql<{ status: string }>(`SELECT status::text FROM "Ticket" WHERE reference = $1`, [reference]);
  expect(rows[0].status).toBe("open");
});
