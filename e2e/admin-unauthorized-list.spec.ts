// Unauthorized use of the saved-view actions (issue 10 part B): anonymous and deactivated users with a
// live session are sent to sign in, and a view that is not yours by the time you submit is not
// changed, whatever the form said.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, login, setRole, attemptLockedOut } from "./support/admin";
import { sql } from "./support/db";

async function createView(ownerId: string, shared = false) {
  const name = `view-${randomUUID().slice(0, 8)}`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "SavedView" ("ownerId", "name", "query", "shared", "updatedAt") VALUES ($1, $2, 'status=open', $3, now()) RETURNING "id"`,
    [ownerId, name, shared],
  );
  return { id: rows[0].id, name };
}

const viewState = async (id: string) =>
  (await sql<{ name: string; ownerId: string }>(`SELECT "name", "ownerId" FROM "SavedView" WHERE "id" = $1`, [id])).rows[0];
const viewsOf = async (ownerId: string) => (await sql(`SELECT 1 FROM "SavedView" WHERE "ownerId" = $1`, [ownerId])).rows.length;

test("anonymous: the list and its views are not shown", async ({ request }) => {
  const owner = await createStaffUser();
  const view = await createView(owner.id, true);
  const response = await request.get("/admin/tickets?assignee=unassigned");
  expect(new URL(response.url()).pathname).toBe("/admin/login");
  expect(await response.text()).not.toContain(view.name);
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`saved-view actions change nothing for a ${persona} user`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const agent = await createStaffUser();
    const view = await createView(agent.id);
    const item = () => page.locator(`[data-saved-view="${view.name}"]`);

    await attemptLockedOut(page, context, agent, persona, "/admin/tickets", async () => {
      await page.getByLabel("今の条件をビューとして保存").fill("never saved");
      await page.getByRole("button", { name: "ビューを保存" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, "/admin/tickets", async () => {
      await item().getByText("編集").click();
      await item().getByLabel(`「${view.name}」の新しい名前`).fill("never renamed");
      await item().getByRole("button", { name: "名前を変更" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, "/admin/tickets", async () => {
      await item().getByText("編集").click();
      await item().getByRole("button", { name: `「${view.name}」を削除` }).click();
    });

    expect(await viewState(view.id)).toEqual({ name: view.name, ownerId: agent.id });
    expect(await viewsOf(agent.id)).toBe(1);
  });
}

test("a view that stopped being yours before you submit is not renamed or deleted; an admin may tidy shared views", async ({ page }) => {
  test.setTimeout(120_000);
  const agent = await createStaffUser();
  const other = await createStaffUser();
  const view = await createView(agent.id, true);
  const item = page.locator(`[data-saved-view="${view.name}"]`);
  await login(page, agent, "/admin/tickets");

  // The form was rendered for the owner; the view is handed to someone else before submitting.
  await item.getByText("編集").click();
  await sql(`UPDATE "SavedView" SET "ownerId" = $2 WHERE "id" = $1`, [view.id, other.id]);
  await item.getByLabel(`「${view.name}」の新しい名前`).fill("taken over");
  await item.getByRole("button", { name: "名前を変更" }).click();
  await expect(item.getByText("このビューは変更できません")).toBeVisible();
  await expect(item.getByLabel(`「${view.name}」の新しい名前`)).toHaveValue("taken over");
  await item.getByRole("button", { name: `「${view.name}」を削除` }).click();
  await expect(page.getByRole("status")).toContainText("このビューは削除できません");
  expect(await viewState(view.id)).toEqual({ name: view.name, ownerId: other.id });

  // As an admin (by the time of the next request) the agent may delete a colleague's shared view.
  await setRole(agent.id, "admin");
  await page.reload();
  await item.getByText("編集").click();
  await item.getByRole("button", { name: `「${view.name}」を削除` }).click();
  await expect(page.getByRole("status")).toHaveText("ビューを削除しました。");
  expect(await viewState(view.id)).toBeUndefined();
});
