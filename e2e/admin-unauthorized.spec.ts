// Unauthorized access to every staff resource: anonymous, deactivated (with a live session) and an
// agent where an admin is needed; with and without header tricks aimed at the proxy.
import { expect, test } from "@playwright/test";
import { attemptLockedOut, createInvitation, createStaffUser, createTicket, invitationState, login, setActive, setRole, ticketState } from "./support/admin";
import { sql } from "./support/db";

const HEADER_TRICKS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
];

async function createAttachment(ticketId: string) {
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "Attachment" ("ticketId", "filename", "contentType", "size", "sha256", "data")
     VALUES ($1, 'screen.png', 'image/png', 4, 'x', '\\x89504e47'::bytea) RETURNING "id"`,
    [ticketId],
  );
  return rows[0].id;
}

test.describe("anonymous", () => {
  test("every admin page sends to the login page and shows no ticket data, whatever the headers", async ({ request }) => {
    const ticket = await createTicket();
    for (const headers of HEADER_TRICKS) {
      for (const path of ["/admin", "/admin/tickets", "/admin/tickets?status=all", `/admin/tickets/${ticket.reference}`, "/admin/status", "/admin/staff"]) {
        const response = await request.get(path, { headers });
        expect(new URL(response.url()).pathname, `${path} ${JSON.stringify(headers)}`).toBe("/admin/login");
        const body = await response.text();
        expect(body).not.toContain(ticket.tag);
        expect(body).not.toContain(ticket.reference);
      }
    }
  });

  test("the export and attachment routes answer 401, whatever the headers", async ({ request }) => {
    const ticket = await createTicket();
    const attachment = await createAttachment(ticket.id);
    for (const headers of HEADER_TRICKS) {
      for (const path of ["/api/admin/tickets.csv", `/api/admin/tickets.csv?status=all&q=${ticket.tag}`, `/api/admin/attachments/${attachment}`]) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.text()).not.toContain(ticket.tag);
      }
    }
  });
});

test.describe("deactivated with a live session", () => {
  test("is refused at the next request: pages and routes", async ({ page }) => {
    const agent = await createStaffUser({ role: "agent" });
    const ticket = await createTicket();
    const attachment = await createAttachment(ticket.id);
    await login(page, agent, "/admin/tickets");
    await page.goto(`/admin/tickets/${ticket.reference}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ticket.reference);
    expect((await page.request.get(`/api/admin/attachments/${attachment}`)).status()).toBe(200);

    await setActive(agent.id, false);
    for (const path of ["/admin", "/admin/tickets", `/admin/tickets/${ticket.reference}`]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\/login/);
      await expect(page.getByRole("main").getByRole("alert")).toContainText("無効");
      await expect(page.locator("body")).not.toContainText(ticket.tag);
    }
    expect((await page.request.get(`/api/admin/attachments/${attachment}`, { maxRedirects: 0 })).status()).toBe(401);
    expect((await page.request.get(`/api/admin/tickets.csv`, { maxRedirects: 0 })).status()).toBe(401);
  });
});

test.describe("agent where an admin is needed", () => {
  test("status, staff and export are refused; tickets are allowed", async ({ page }) => {
    const agent = await createStaffUser({ role: "agent" });
    const ticket = await createTicket();
    const attachment = await createAttachment(ticket.id);
    await login(page, agent, "/admin/tickets");
    await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "スタッフ" })).toHaveCount(0);
    for (const headers of HEADER_TRICKS) {
      await page.setExtraHTTPHeaders(headers);
      for (const path of ["/admin/status", "/admin/staff"]) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/admin\/forbidden$/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("権限がありません");
      }
      expect((await page.request.get(`/api/admin/tickets.csv?status=all&q=${ticket.tag}`, { headers, maxRedirects: 0 })).status()).toBe(403);
    }
    await page.setExtraHTTPHeaders({});
    expect((await page.request.get(`/api/admin/attachments/${attachment}`)).status()).toBe(200);
  });
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`ticket actions change nothing for a ${persona} user`, async ({ page, context }) => {
    // Six sign-ins, one per action.
    test.setTimeout(180_000);
    const agent = await createStaffUser({ role: "agent" });
    const ticket = await createTicket();
    const before = await ticketState(ticket.id);
    const detail = `/admin/tickets/${ticket.reference}`;
    const actions = page.getByRole("complementary", { name: "チケットの操作" });

    // The one properties form (status, priority, assignee) and its "assign to me" button.
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await actions.getByLabel("状態").selectOption("open");
      await actions.getByLabel("優先度").selectOption("urgent");
      await actions.getByLabel("担当者").selectOption(agent.id);
      await actions.getByRole("button", { name: "変更を保存" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await page.locator("#assign-to-me").click();
    });
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await page.getByLabel("依頼者へ返信").fill("This must not be sent");
      await page.getByRole("button", { name: "返信を送信" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await page.getByLabel("内部メモ").fill("This must not be saved");
      await page.getByRole("button", { name: "メモを追加" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, `/admin/tickets?status=new&q=${ticket.tag}`, async () => {
      await page.getByLabel(`選択 ${ticket.reference}`).check();
      await page.getByLabel("変更内容").selectOption("status:closed");
      await page.getByRole("button", { name: "一括変更" }).click();
    });

    expect(await ticketState(ticket.id)).toEqual(before);
    const { rows } = await sql(`SELECT 1 FROM "OutboxMail" WHERE "ticketId" = $1`, [ticket.id]);
    expect(rows).toHaveLength(0);
  });
}

test("admin actions change nothing for a user who is an agent by the time they submit", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await createStaffUser({ role: "admin" });
  const other = await createStaffUser({ role: "agent" });

  await login(page, admin, "/admin/staff");
  await setRole(admin.id, "agent");
  const row = page.getByTestId("staff-row").filter({ hasText: other.email });
  await row.getByRole("combobox").selectOption("admin");
  await row.getByRole("button", { name: "権限を変更" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);

  await setRole(admin.id, "admin");
  await page.goto("/admin/staff");
  await setRole(admin.id, "agent");
  await page.getByTestId("staff-row").filter({ hasText: other.email }).getByRole("button", { name: "無効にする" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);

  await setRole(admin.id, "admin");
  await page.goto("/admin/staff");
  await setRole(admin.id, "agent");
  const newEmail = `e2e-never-${other.id.slice(0, 8)}@example.edu`;
  await page.getByLabel("メールアドレス").fill(newEmail);
  await page.getByLabel("名前").fill("Never Created");
  await page.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);

  const invitation = await createInvitation(admin.id);
  const invitationBefore = await invitationState(invitation.id);
  for (const button of ["再送", "取り消す"]) {
    await setRole(admin.id, "admin");
    await page.goto("/admin/staff");
    await setRole(admin.id, "agent");
    await page.getByTestId("invitation-row").filter({ hasText: invitation.email }).getByRole("button", { name: button }).click();
    await expect(page).toHaveURL(/\/admin\/forbidden$/);
  }

  await setRole(admin.id, "admin");
  await page.goto("/admin/status");
  await setRole(admin.id, "agent");
  const wifi = page.getByRole("form", { name: "学内Wi-Fi" });
  await wifi.getByLabel("状態").selectOption("outage");
  await wifi.getByLabel("お知らせ(日本語)").fill("never published");
  await wifi.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);

  const { rows: staff } = await sql<{ role: string; active: boolean }>(`SELECT "role"::text, "active" FROM "StaffUser" WHERE "id" = $1`, [other.id]);
  expect(staff[0]).toEqual({ role: "agent", active: true });
  expect((await sql(`SELECT 1 FROM "StaffUser" WHERE "email" = $1`, [newEmail])).rows).toHaveLength(0);
  expect((await sql(`SELECT 1 FROM "StaffToken" WHERE "email" = $1`, [newEmail])).rows).toHaveLength(0);
  expect(await invitationState(invitation.id)).toEqual(invitationBefore);
  const { rows: status } = await sql<{ messageJa: string | null }>(`SELECT "messageJa" FROM "ServiceStatus" WHERE "id" = 'wifi'`);
  expect(status[0].messageJa).not.toBe("never published");
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`staff invitation actions change nothing for a ${persona} admin`, async ({ page, context }) => {
    // Three sign-ins, one per action.
    test.setTimeout(120_000);
    const admin = await createStaffUser({ role: "admin" });
    const invitation = await createInvitation(admin.id);
    const before = await invitationState(invitation.id);
    const newEmail = `e2e-never-${persona}-${admin.id.slice(0, 8)}@example.edu`;
    const row = () => page.getByTestId("invitation-row").filter({ hasText: invitation.email });

    await attemptLockedOut(page, context, admin, persona, "/admin/staff", async () => {
      await page.getByLabel("メールアドレス").fill(newEmail);
      await page.getByLabel("名前").fill("Never Invited");
      await page.getByRole("button", { name: "招待メールを送信" }).click();
    });
    await attemptLockedOut(page, context, admin, persona, "/admin/staff", () => row().getByRole("button", { name: "再送" }).click());
    await attemptLockedOut(page, context, admin, persona, "/admin/staff", () => row().getByRole("button", { name: "取り消す" }).click());

    expect(await invitationState(invitation.id)).toEqual(before);
    expect((await sql(`SELECT 1 FROM "StaffToken" WHERE "email" = $1`, [newEmail])).rows).toHaveLength(0);
    expect((await sql(`SELECT 1 FROM "OutboxMail" WHERE "to" = $1`, [newEmail])).rows).toHaveLength(0);
  });
}
