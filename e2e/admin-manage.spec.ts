// Admin-only work: staff accounts, service status, CSV export, the incident hint's one click.
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";

// The invitation journey itself (mail, link, password, sign-in) is in staff-accounts.spec.ts.
test("an invitation to a bad address is refused and the typed fields come back", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/staff");
  const form = page.getByRole("form", { name: "スタッフを招待" });
  // The browser takes a dotless domain; the server's stricter check does not.
  await form.getByLabel("メールアドレス").fill("someone@localhost");
  await form.getByLabel("名前").fill("宛先 まちがい");
  await form.getByLabel("権限").selectOption("admin");
  await form.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(form.getByText("メールアドレスの形式が正しくありません")).toBeVisible();
  await expect(form.getByLabel("メールアドレス")).toHaveValue("someone@localhost");
  await expect(form.getByLabel("名前")).toHaveValue("宛先 まちがい");
  await expect(form.getByLabel("権限")).toHaveValue("admin");
  expect((await sql(`SELECT 1 FROM "StaffToken" WHERE "email" = 'someone@localhost'`)).rows).toHaveLength(0);
});

test("an admin edits a service status; a bad date range is explained, not a 500", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  await login(page, admin, "/admin/status");
  const wifi = page.getByRole("form", { name: "学内Wi-Fi" });
  try {
    await wifi.getByLabel("状態").selectOption("maintenance");
    await wifi.getByLabel("お知らせ(日本語)").fill("11月30日 9:00〜12:00 に学内Wi-Fiのメンテナンスを行います。");
    await wifi.getByLabel("お知らせ(英語)").fill("Campus Wi-Fi maintenance on 30 November, 9:00–12:00.");
    await wifi.getByLabel("開始(日本時間)").fill("2026-11-30T09:00");
    await wifi.getByLabel("終了予定(日本時間)").fill("2026-11-30T08:00");
    await wifi.getByRole("button", { name: "保存" }).click();
    await expect(wifi.getByText("終了は開始より後にしてください。")).toBeVisible();
    await expect(wifi.getByLabel("お知らせ(英語)")).toHaveValue("Campus Wi-Fi maintenance on 30 November, 9:00–12:00.");

    await wifi.getByLabel("終了予定(日本時間)").fill("2026-11-30T12:00");
    await wifi.getByRole("button", { name: "保存" }).click();
    await expect(wifi.getByText("保存しました")).toBeVisible();
    const { rows } = await sql<{ state: string; messageEn: string; since: Date; until: Date; updatedBy: string }>(
      `SELECT "state"::text, "messageEn", "since", "until", "updatedBy" FROM "ServiceStatus" WHERE "id" = 'wifi'`,
    );
    expect(rows[0]).toMatchObject({ state: "maintenance", messageEn: "Campus Wi-Fi maintenance on 30 November, 9:00–12:00.", updatedBy: admin.email });
    expect(rows[0].since.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(rows[0].until.toISOString()).toBe("2026-11-30T03:00:00.000Z");
  } finally {
    await sql(`UPDATE "ServiceStatus" SET "state" = 'operational', "messageJa" = NULL, "messageEn" = NULL, "since" = NULL, "until" = NULL WHERE "id" = 'wifi'`);
  }
});

test("the CSV export has a BOM, quoted fields and only the filtered tickets", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  const a = await createTicket({ description: 'He said "it fails", then left' });
  await createTicket();
  await login(page, admin, "/admin/tickets");
  await page.goto(`/admin/tickets?status=all&q=${a.tag}`);
  const href = await page.getByRole("link", { name: "CSVでダウンロード" }).getAttribute("href");
  expect(href).toContain(`q=${a.tag}`);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]).toContain("受付番号");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(a.reference);
  expect(lines[1]).toContain('"He said ""it fails"", then left"');
});

test("the incident hint publishes a status notice in one click", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  for (let i = 0; i < 5; i++) await createTicket({ messageShown: "oath-screen", network: "other-vpn" });
  await login(page, admin, "/admin");
  try {
    // Network and message both: tickets of other tests running beside this one may make a hint of
    // their own with the same network and another message.
    const hint = page.getByTestId("incident-hint").filter({ hasText: "その他のVPN" }).filter({ hasText: "OATH" });
    await expect(hint).toContainText("件");
    await hint.getByRole("button", { name: /お知らせを掲載/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "お知らせを掲載しました" })).toBeVisible();
    const { rows } = await sql<{ state: string; messageJa: string; messageEn: string }>(
      `SELECT "state"::text, "messageJa", "messageEn" FROM "ServiceStatus" WHERE "id" = 'jaist-sso'`,
    );
    expect(rows[0].state).toBe("degraded");
    expect(rows[0].messageJa).toContain("その他のVPN");
    expect(rows[0].messageEn).toContain("Another VPN");
  } finally {
    await sql(`UPDATE "ServiceStatus" SET "state" = 'operational', "messageJa" = NULL, "messageEn" = NULL, "since" = NULL, "until" = NULL WHERE "id" = 'jaist-sso'`);
  }
});
