// The whole guide works with JavaScript off: plain links for choices, a server-rendered trail,
// and the feedback form posting to the server action of a pre-rendered page.
import { expect, test } from "@playwright/test";
import { sql } from "./support/db";
import { guideTitle, stepText } from "./support/guide";

test.use({ javaScriptEnabled: false });

test("a full path from STEP0 to the contact form, without JavaScript", async ({ page }) => {
  const path = [
    ["cert-invalid", "step2"],
    ["use-cert", "step2-3"],
    ["cert-imported", "step2-3-1"],
    ["cert-still-failing", "step3"],
  ] as const;
  await page.goto("/ja/guides/jaist-sso");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(guideTitle("jaist-sso", "ja"));
  const walked: string[] = [];
  for (const [choice, stepId] of path) {
    await page.locator(`a[data-choice="${choice}"]`).click();
    walked.push(choice);
    await expect(page).toHaveURL(`/ja/guides/jaist-sso/${walked.join("/")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", stepId).title);
  }
  await expect(page.locator('[aria-current="step"]')).toHaveText("STEP3");
  await expect(page.getByTestId("status-check")).toBeVisible();
  await expect(page.locator('main a[href^="/ja/contact?"]')).toHaveAttribute(
    "href",
    "/ja/contact?guide=jaist-sso&walk=cert-invalid,use-cert,cert-imported,cert-still-failing",
  );
  // Back works: the previous step is a URL of its own.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", "step2-3-1").title);
});

test("feedback is stored without JavaScript: a no, then a comment, on a pre-rendered step", async ({ page }) => {
  const stepId = "step2-3-1";
  const count = async () =>
    (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "StepFeedback" WHERE "guideId" = 'jaist-sso' AND "stepId" = $1`, [stepId])).rows[0].n;
  const before = await count();
  await page.goto("/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported");
  const feedback = page.getByTestId("step-feedback");
  await feedback.getByRole("button", { name: "いいえ、解決しない" }).click();
  await expect(feedback).toContainText("うまくいかなかった点があれば教えてください");
  const comment = `JSなしのコメント ${Date.now()}`;
  await feedback.getByLabel(/ご意見/).fill(comment);
  await feedback.getByRole("button", { name: "送信する" }).click();
  await expect(feedback).toContainText("ご意見ありがとうございます");
  expect(await count()).toBe(before + 1);
  const row = await sql(`SELECT helpful, comment, locale FROM "StepFeedback" WHERE "stepId" = $1 AND comment = $2`, [stepId, comment]);
  expect(row.rows).toEqual([{ helpful: false, comment, locale: "ja" }]);
});
