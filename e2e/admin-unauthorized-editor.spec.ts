// Unauthorized probes for the guide editor (issue 12): its pages refuse anonymous visitors,
// deactivated editors with a live session and agents; its three actions (save a step, save the form
// fields, publish) change nothing when the session is gone, the account deactivated or the editor
// demoted to agent between opening the page and submitting.
import { expect, test } from "@playwright/test";
import { attemptLockedOut, createStaffUser, login, setActive } from "./support/admin";
import { createGuide } from "./support/content-guide";
import { sql } from "./support/db";

const state = async (guideId: string) =>
  (await sql<{ headNumber: number; liveVersionId: string | null }>(`SELECT "headNumber", "liveVersionId" FROM "ContentItem" WHERE "kind" = 'guide' AND "key" = $1`, [guideId])).rows[0];

const pages = (guideId: string) => [`/admin/content/guides/${guideId}`, `/admin/content/guides/${guideId}/steps/step0`, `/admin/content/guides/${guideId}/form`, `/admin/content/guides/${guideId}/publish`];

test("anonymous visitors are sent to sign in from every editor page, and see nothing of the guide", async ({ request }) => {
  const guideId = await createGuide();
  for (const url of pages(guideId)) {
    const response = await request.get(url);
    expect(new URL(response.url()).pathname, url).toBe("/admin/login");
    expect(await response.text()).not.toContain(guideId);
  }
});

test("an agent is refused every editor page; a deactivated editor with a live session is sent to sign in", async ({ page }) => {
  test.setTimeout(120_000);
  const guideId = await createGuide();
  const agent = await createStaffUser({ role: "agent" });
  await login(page, agent, "/admin");
  for (const url of pages(guideId)) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/admin\/forbidden/);
  }
  const editor = await createStaffUser({ role: "editor" });
  await page.context().clearCookies();
  await login(page, editor, pages(guideId)[0]);
  await setActive(editor.id, false);
  for (const url of pages(guideId)) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/admin\/login/);
  }
});

for (const persona of ["anonymous", "deactivated", "agent"] as const) {
  test(`the editor's actions change nothing for ${persona === "agent" ? "an editor demoted to agent" : `a ${persona} user`}`, async ({ page, context }) => {
    test.setTimeout(150_000);
    const guideId = await createGuide();
    const editor = await createStaffUser({ role: "editor" });
    const before = await state(guideId);

    await attemptLockedOut(page, context, editor, persona, `/admin/content/guides/${guideId}/steps/step0`, async () => {
      await page.getByLabel("本文(日本語・Markdown)").fill("never saved");
      await page.getByRole("button", { name: "下書きを保存" }).click();
    });
    await attemptLockedOut(page, context, editor, persona, `/admin/content/guides/${guideId}/form`, async () => {
      await page.getByLabel("「situation」のラベル(日本語)").fill("never saved");
      await page.getByRole("button", { name: "下書きを保存" }).click();
    });
    await attemptLockedOut(page, context, editor, persona, `/admin/content/guides/${guideId}/publish`, async () => {
      await page.getByRole("button", { name: "第1版を公開する" }).click();
    });

    expect(await state(guideId)).toEqual(before);
  });
}
