// Staff accounts by mail (issue 10): invitation, "forgot password", and the login form keeping the
// address after a wrong password. Links are read from the mail the SMTP sink received.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, login, setActive } from "./support/admin";
import { sql } from "./support/db";
import { forgeAtSubmit } from "./support/forge";
import { receivedMail, waitForMail } from "./support/mail";

const linkIn = (text: string, route: "invitation" | "reset-password") => {
  const match = text.match(new RegExp(`https?://\\S+/admin/${route}/[A-Za-z0-9_-]+`));
  expect(match, `a ${route} link in:\n${text}`).not.toBeNull();
  return new URL(match![0]).pathname;
};

async function setPassword(page: Page, password: string, confirm = password) {
  await page.getByLabel("新しいパスワード(12文字以上)").fill(password);
  await page.getByLabel("新しいパスワード(確認)").fill(confirm);
  await page.getByRole("button", { name: /パスワードを(再)?設定/ }).click();
}

async function signIn(page: Page, password: string) {
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin", { timeout: 30_000 });
}

test("an admin invites an agent by mail; the link sets a password once; deactivation ends their access", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/staff");
  const email = `e2e-invited-${randomUUID().slice(0, 8)}@example.edu`;
  const form = page.getByRole("form", { name: "スタッフを招待" });
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByLabel("名前").fill("新人 担当");
  await form.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(page.getByTestId("invited-staff")).toContainText(email);
  await page.reload();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText("担当者");

  const mail = await waitForMail(email, (m) => Boolean(m.subject?.includes("招待")));
  expect(mail.text).toContain("新人 担当 様");
  const link = linkIn(mail.text, "invitation");

  const other = await browser.newContext();
  const invitee = await other.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("ヘルプデスク管理画面への招待");
  await expect(invitee.getByRole("main")).toContainText(email);
  await setPassword(invitee, "long-enough-password", "a-different-password");
  await expect(invitee.getByText("パスワードが一致しません")).toBeVisible();
  await setPassword(invitee, "short");
  await expect(invitee.getByText("12文字以上")).toBeVisible();
  await setPassword(invitee, "long-enough-password");

  await expect(invitee).toHaveURL(/\/admin\/login/);
  await expect(invitee.getByRole("status")).toContainText("パスワードを設定しました");
  await expect(invitee.getByLabel("メールアドレス")).toHaveValue(email);
  await signIn(invitee, "long-enough-password");
  await expect(invitee.getByRole("banner")).toContainText("新人 担当");

  // The link is spent, and the invitation has left the pending list.
  const stranger = await browser.newContext();
  const probe = await stranger.newPage();
  await probe.goto(link);
  await expect(probe.getByRole("main").getByRole("alert")).toContainText("すでに使われています");
  await expect(probe.getByLabel("新しいパスワード(12文字以上)")).toHaveCount(0);
  await stranger.close();
  await page.reload();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toHaveCount(0);

  await page.getByTestId("staff-row").filter({ hasText: email }).getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByRole("status")).toContainText("無効にしました");
  await invitee.goto("/admin/tickets");
  await expect(invitee).toHaveURL(/\/admin\/login/);
  await other.close();
});

test("resend replaces the link and revoke kills it; each dead link says so instead of failing", async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/staff");
  const email = `e2e-revoked-${randomUUID().slice(0, 8)}@example.edu`;
  const form = page.getByRole("form", { name: "スタッフを招待" });
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByLabel("名前").fill("取消 予定");
  await form.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(page.getByTestId("invited-staff")).toBeVisible();
  const first = linkIn((await waitForMail(email)).text, "invitation");

  // Inviting the same address again points to the pending invitation and keeps what was typed.
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByLabel("名前").fill("二重 招待");
  await form.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(form.getByText("招待を送信済みです")).toBeVisible();
  await expect(form.getByLabel("名前")).toHaveValue("二重 招待");

  const row = page.getByTestId("invitation-row").filter({ hasText: email });
  await row.getByRole("button", { name: "再送" }).click();
  await expect(page.getByRole("status")).toContainText("再送しました");
  await expect.poll(() => receivedMail().filter((m) => m.to.includes(email)).length, { timeout: 30_000 }).toBe(2);
  const second = linkIn(receivedMail().filter((m) => m.to.includes(email))[1].text, "invitation");
  expect(second).not.toBe(first);

  await page.goto(first);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("無効です");
  await page.goto("/admin/staff");
  await page.getByTestId("invitation-row").filter({ hasText: email }).getByRole("button", { name: "取り消す" }).click();
  await expect(page.getByRole("status")).toContainText("取り消しました");
  await page.goto(second);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("無効です");
  expect((await sql(`SELECT 1 FROM "StaffUser" WHERE "email" = $1`, [email])).rows).toHaveLength(0);
});

test("forgot password: the same answer for any address, a mailed link, every old session ended", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const staff = await createStaffUser({ role: "agent" });
  const elsewhere = await browser.newContext();
  const oldSession = await elsewhere.newPage();
  await login(oldSession, staff, "/admin/tickets");

  await page.goto("/admin/login");
  await page.getByRole("link", { name: "パスワードを忘れた場合" }).click();
  // The login page has a field with the same label: wait until it is gone.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("パスワードを忘れた場合");
  const unknown = `e2e-nobody-${randomUUID().slice(0, 8)}@example.edu`;
  await page.getByLabel("メールアドレス").fill(unknown);
  await page.getByRole("button", { name: "再設定のリンクを送る" }).click();
  const answerForUnknown = (await page.getByTestId("forgot-sent").textContent())!.replace(unknown, "<address>");
  await expect(page.getByLabel("メールアドレス")).toHaveValue(unknown);

  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByRole("button", { name: "再設定のリンクを送る" }).click();
  await expect(page.getByTestId("forgot-sent")).toContainText(staff.email);
  expect((await page.getByTestId("forgot-sent").textContent())!.replace(staff.email, "<address>")).toBe(answerForUnknown);

  const mail = await waitForMail(staff.email, (m) => Boolean(m.subject?.includes("パスワードの再設定")));
  expect((await sql(`SELECT 1 FROM "OutboxMail" WHERE "to" = $1`, [unknown])).rows).toHaveLength(0);
  await page.goto(linkIn(mail.text, "reset-password"));
  await expect(page.getByRole("main")).toContainText(staff.email);
  await setPassword(page, "brand-new-password-1");
  await expect(page.getByRole("status")).toContainText("パスワードを再設定しました");
  await expect(page.getByLabel("メールアドレス")).toHaveValue(staff.email);
  await signIn(page, "brand-new-password-1");

  // The session signed in before the reset is over.
  await oldSession.goto("/admin/tickets");
  await expect(oldSession).toHaveURL(/\/admin\/login/);
  await oldSession.getByLabel("メールアドレス").fill(staff.email);
  await oldSession.getByLabel("パスワード", { exact: true }).fill(staff.password);
  await oldSession.getByRole("button", { name: "ログイン" }).click();
  await expect(oldSession.getByRole("main").getByRole("alert")).toContainText("メールアドレスまたはパスワードが違います");
  await elsewhere.close();
});

test("a wrong password keeps the e-mail address in the login form, until a sign-in succeeds", async ({ page, context }) => {
  const staff = await createStaffUser({ role: "agent" });
  const kept = async () => (await context.cookies()).some((c) => c.name === "tebiki-login-email");
  await page.goto("/admin/login");
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("メールアドレスまたはパスワードが違います");
  await expect(page.getByLabel("メールアドレス")).toHaveValue(staff.email);
  await expect(page.getByLabel("パスワード", { exact: true })).toHaveValue("");
  expect(await kept()).toBe(true);
  await signIn(page, staff.password);
  expect(await kept()).toBe(false);
});

test.describe("dead and forged links answer with a clear message, never a 500", () => {
  test("wrong, expired, and deactivated-account tokens", async ({ page, request }) => {
    for (const path of [
      "/admin/reset-password/AAAAAAAAAAAAAAAAAAAAAA",
      "/admin/reset-password/x",
      `/admin/reset-password/${"A".repeat(3000)}`,
      "/admin/reset-password/not%20a%20token",
      "/admin/invitation/AAAAAAAAAAAAAAAAAAAAAA",
      "/admin/invitation/not-a-token",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(await response.text(), path).toContain("無効です");
    }

    // A reset link for an account deactivated after the mail went out, and one that expired.
    const staff = await createStaffUser({ role: "agent" });
    await page.goto("/admin/login/forgot");
    await page.getByLabel("メールアドレス").fill(staff.email);
    await page.getByRole("button", { name: "再設定のリンクを送る" }).click();
    await expect(page.getByTestId("forgot-sent")).toBeVisible();
    const link = linkIn((await waitForMail(staff.email)).text, "reset-password");
    await page.goto(link);
    await expect(page.getByLabel("新しいパスワード(12文字以上)")).toBeVisible();
    await setActive(staff.id, false);
    await setPassword(page, "brand-new-password-2");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("アカウントは無効");
    await page.goto(link);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("アカウントは無効");

    await setActive(staff.id, true);
    await sql(`UPDATE "StaffToken" SET "expiresAt" = now() - interval '1 minute' WHERE "staffId" = $1`, [staff.id]);
    await page.goto(link);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("有効期限が切れています");
    await expect(page.getByRole("link", { name: "もう一度再設定を依頼する" })).toBeVisible();
  });

  test("a forged form post with a made-up token changes nothing", async ({ page }) => {
    const staff = await createStaffUser({ role: "agent" });
    await page.goto("/admin/login/forgot");
    await page.getByLabel("メールアドレス").fill(staff.email);
    await page.getByRole("button", { name: "再設定のリンクを送る" }).click();
    const link = linkIn((await waitForMail(staff.email)).text, "reset-password");
    await page.goto(link);
    await forgeAtSubmit(page, 'input[name="token"]', "AAAAAAAAAAAAAAAAAAAAAA");
    await setPassword(page, "brand-new-password-3");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("無効です");
    await login(page, staff, "/admin");
  });
});
