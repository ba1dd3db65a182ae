// Unauthorized probes for the reply box (issue 10 part D): the canned-reply admin page and its actions
// (anonymous, deactivated with a live session, an agent), and staff file uploads (anonymous, deactivated).
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login, setRole, attemptLockedOut } from "./support/admin";
import { sql } from "./support/db";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function createCannedReply() {
  const title = `E2E probe ${randomUUID().slice(0, 8)}`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "CannedReply" ("title", "bodyJa", "bodyEn", "updatedAt") VALUES ($1, '元の本文', 'original', now()) RETURNING "id"`,
    [title],
  );
  return { id: rows[0].id, title };
}

const cannedState = async (id: string) =>
  (await sql<{ title: string; bodyJa: string }>(`SELECT "title", "bodyJa" FROM "CannedReply" WHERE "id" = $1`, [id])).rows[0] ?? null;

test("the canned-reply page sends anonymous users to the login page and agents to the forbidden page", async ({ page, request }) => {
  const canned = await createCannedReply();
  for (const path of ["/admin/canned-replies", `/admin/canned-replies?edit=${canned.id}`]) {
    const response = await request.get(path);
    expect(new URL(response.url()).pathname).toBe("/admin/login");
    expect(await response.text()).not.toContain(canned.title);
  }
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin/tickets");
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "定型文" })).toHaveCount(0);
  await page.goto(`/admin/canned-replies?edit=${canned.id}`);
  await expect(page).toHaveURL(/\/admin\/forbidden$/);
  await expect(page.locator("body")).not.toContainText(canned.title);
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`canned-reply actions and staff uploads change nothing for a ${persona} user`, async ({ page, context }) => {
    test.setTimeout(180_000);
    const admin = await createStaffUser({ role: "admin" });
    const canned = await createCannedReply();
    const newTitle = `never-${randomUUID().slice(0, 8)}`;

    await attemptLockedOut(page, context, admin, persona, "/admin/canned-replies", async () => {
      await page.getByLabel("名前(担当者が選ぶときに表示)").fill(newTitle);
      await page.getByLabel("本文(日本語)").fill("作られない");
      await page.getByLabel("本文(英語)").fill("never");
      await page.getByRole("button", { name: "保存" }).click();
    });
    await attemptLockedOut(page, context, admin, persona, `/admin/canned-replies?edit=${canned.id}`, async () => {
      await page.getByLabel("本文(日本語)").fill("書き換えられない");
      await page.getByRole("button", { name: "保存" }).click();
    });
    await attemptLockedOut(page, context, admin, persona, "/admin/canned-replies", () => page.getByRole("button", { name: `${canned.title}を削除` }).click());

    const ticket = await createTicket();
    for (const kind of ["reply", "note"] as const) {
      await attemptLockedOut(page, context, admin, persona, `/admin/tickets/${ticket.reference}`, async () => {
        if (kind === "note") await page.getByRole("link", { name: "内部メモ" }).click();
        await page.locator(`#${kind}-body`).fill("must not be stored");
        await page.locator(`#${kind}-files`).setInputFiles([{ name: "x.png", mimeType: "image/png", buffer: PNG }]);
        await page.getByRole("button", { name: kind === "reply" ? "返信を送信" : "メモを追加" }).click();
      });
    }

    expect(await cannedState(canned.id)).toEqual({ title: canned.title, bodyJa: "元の本文" });
    expect((await sql(`SELECT 1 FROM "CannedReply" WHERE "title" = $1`, [newTitle])).rows).toHaveLength(0);
    expect((await sql(`SELECT 1 FROM "Attachment" WHERE "ticketId" = $1`, [ticket.id])).rows).toHaveLength(0);
    expect((await sql(`SELECT 1 FROM "TicketMessage" WHERE "ticketId" = $1`, [ticket.id])).rows).toHaveLength(0);
    expect((await sql(`SELECT 1 FROM "OutboxMail" WHERE "ticketId" = $1`, [ticket.id])).rows).toHaveLength(0);
  });
}

test("canned-reply actions are refused for a user who is an agent by the time they submit", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await createStaffUser({ role: "admin" });
  const canned = await createCannedReply();
  const newTitle = `never-${randomUUID().slice(0, 8)}`;
  await login(page, admin, "/admin/canned-replies");

  await setRole(admin.id, "agent");
  await page.getByLabel("名前(担当者が選ぶときに表示)").fill(newTitle);
  await page.getByLabel("本文(日本語)").fill("作られない");
  await page.getByLabel("本文(英語)").fill("never");
  await page.getByRole("button", { name: "プレビュー" }).click();
  await expect(page).toHaveURL(/\/admin\/forbidden$/);

  for (const submit of [
    async () => {
      await page.getByLabel("本文(日本語)").fill("書き換えられない");
      await page.getByRole("button", { name: "保存" }).click();
    },
    () => page.getByRole("button", { name: `${canned.title}を削除` }).click(),
  ]) {
    await setRole(admin.id, "admin");
    await page.goto(`/admin/canned-replies?edit=${canned.id}`);
    await setRole(admin.id, "agent");
    await submit();
    await expect(page).toHaveURL(/\/admin\/forbidden$/);
  }
  expect(await cannedState(canned.id)).toEqual({ title: canned.title, bodyJa: "元の本文" });
  expect((await sql(`SELECT 1 FROM "CannedReply" WHERE "title" = $1`, [newTitle])).rows).toHaveLength(0);
});
