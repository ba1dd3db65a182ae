// Unauthorized access to the notification list, the notification settings and the sign-off setting
// (issue 10, part E): anonymous, deactivated with a live session, an agent where an admin is needed,
// and one staff member against another's notifications.
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login, setActive, attemptLockedOut } from "./support/admin";
import { sql } from "./support/db";
import { forgeAtSubmit } from "./support/forge";

const PAGES = ["/admin/notifications", "/admin/settings/notifications", "/admin/settings"];

async function notify(staffId: string, ticketId: string) {
  const { rows } = await sql<{ id: string }>(`INSERT INTO "Notification" ("staffId", "kind", "ticketId") VALUES ($1, 'assigned', $2) RETURNING "id"`, [staffId, ticketId]);
  return rows[0].id;
}
const readAt = async (id: string) => (await sql<{ readAt: Date | null }>(`SELECT "readAt" FROM "Notification" WHERE "id" = $1`, [id])).rows[0].readAt;
const signOff = async () => (await sql<{ signOffJa: string; signOffEn: string }>(`SELECT "signOffJa", "signOffEn" FROM "HelpDeskSetting" WHERE "id" = 'default'`)).rows[0];
const settingsOf = async (staffId: string) => ({
  prefs: (await sql(`SELECT "kind"::text, "inApp", "mail" FROM "NotificationPreference" WHERE "staffId" = $1 ORDER BY 1`, [staffId])).rows,
  follows: (await sql(`SELECT "guideKey" FROM "GuideFollow" WHERE "staffId" = $1 ORDER BY 1`, [staffId])).rows,
});

test("anonymous: every new page sends to the login page and shows no notification", async ({ request }) => {
  const ticket = await createTicket();
  const agent = await createStaffUser();
  await notify(agent.id, ticket.id);
  for (const path of PAGES) {
    const response = await request.get(path);
    expect(new URL(response.url()).pathname, path).toBe("/admin/login");
    expect(await response.text()).not.toContain(ticket.reference);
  }
});

test("deactivated with a live session: every new page is refused at the next request", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  const ticket = await createTicket();
  await notify(admin.id, ticket.id);
  await login(page, admin, "/admin/notifications");
  await expect(page.locator("[data-notification]").filter({ hasText: ticket.reference })).toHaveCount(1);
  await setActive(admin.id, false);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("無効");
    await expect(page.locator("body")).not.toContainText(ticket.reference);
  }
});

test("an agent may use notifications and their settings but not the sign-off setting", async ({ page }) => {
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin/notifications");
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "設定" })).toHaveCount(0);
  await page.goto("/admin/settings/notifications");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知の設定");
  await page.goto("/admin/settings");
  await expect(page).toHaveURL(/\/admin\/forbidden$/);
});

test("a sign-off submitted by a user who is an agent by then changes nothing", async ({ page }) => {
  const admin = await createStaffUser({ role: "admin" });
  const before = await signOff();
  await login(page, admin, "/admin/settings");
  await sql(`UPDATE "StaffUser" SET "role" = 'agent' WHERE "id" = $1`, [admin.id]);
  const form = page.getByRole("form", { name: "メールの署名" });
  await form.getByLabel("署名(日本語)").fill("never saved");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);
  expect(await signOff()).toEqual(before);
});

test("a staff member can neither see nor mark another's notifications", async ({ page }) => {
  const me = await createStaffUser();
  const other = await createStaffUser();
  const [mine, theirs] = [await createTicket(), await createTicket()];
  const myId = await notify(me.id, mine.id);
  const theirId = await notify(other.id, theirs.id);
  await login(page, me, "/admin/notifications");
  await expect(page.locator("[data-notification]").filter({ hasText: mine.reference })).toHaveCount(1);
  await expect(page.locator("body")).not.toContainText(theirs.reference);

  // A forged id in my own mark-read form.
  const form = page.locator("[data-notification]").filter({ hasText: mine.reference }).locator("form");
  await forgeAtSubmit(page, `[data-notification] input[name="id"][value="${myId}"]`, theirId);
  await form.getByRole("button", { name: "既読にする" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("見つかりません");
  expect(await readAt(theirId)).toBeNull();
  expect(await readAt(myId)).toBeNull();

  // "Mark all read" is mine only.
  await page.getByRole("button", { name: "すべて既読にする" }).click();
  await expect(page.locator('[data-notification][data-read="false"]')).toHaveCount(0);
  expect(await readAt(myId)).not.toBeNull();
  expect(await readAt(theirId)).toBeNull();
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`notification and settings actions change nothing for a ${persona} user`, async ({ page, context }) => {
    // Four sign-ins, one per action.
    test.setTimeout(150_000);
    const admin = await createStaffUser({ role: "admin" });
    const ticket = await createTicket();
    const id = await notify(admin.id, ticket.id);
    const before = { settings: await settingsOf(admin.id), signOff: await signOff() };

    await attemptLockedOut(page, context, admin, persona, "/admin/notifications", () =>
      page.locator("[data-notification]").filter({ hasText: ticket.reference }).getByRole("button", { name: "既読にする" }).click(),
    );
    await attemptLockedOut(page, context, admin, persona, "/admin/notifications", () => page.getByRole("button", { name: "すべて既読にする" }).click());
    await attemptLockedOut(page, context, admin, persona, "/admin/settings/notifications", async () => {
      await page.getByRole("group", { name: "担当の割り当て" }).getByLabel("メール").uncheck();
      await page.getByLabel("JAIST-SSOでログインに失敗する時は").check();
      await page.getByRole("button", { name: "保存" }).click();
    });
    await attemptLockedOut(page, context, admin, persona, "/admin/settings", async () => {
      await page.getByLabel("署名(日本語)").fill("never saved");
      await page.getByRole("button", { name: "保存" }).click();
    });

    expect(await readAt(id)).toBeNull();
    expect(await settingsOf(admin.id)).toEqual(before.settings);
    expect(await signOff()).toEqual(before.signOff);
  });
}
