// The whole guide works with JavaScript off: plain links for choices, a server-rendered trail,
// and the feedback form posting to the server action of a pre-rendered page.
import { createHash, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sql } from "./support/db";
import { guideTitle, stepText } from "./support/guide";
import { E2E_AUTH_SECRET } from "./support/server-env";

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
    await page.locator(`[data-choice="${choice}"]`).click();
    walked.push(choice);
    await expect(page).toHaveURL(`/ja/guides/jaist-sso/${walked.join("/")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", stepId).title);
  }
  await expect(page.locator('[aria-current="step"]')).toHaveText(stepText("jaist-sso", "ja", "step3").title);
  await expect(page.getByTestId("status-check")).toBeVisible();
  await expect(page.locator('main a[href^="/ja/contact?"]')).toHaveAttribute(
    "href",
    "/ja/contact?guide=jaist-sso&walk=cert-invalid,use-cert,cert-imported,cert-still-failing",
  );
  // Back works: the previous step is a URL of its own.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", "step2-3-1").title);
});

test("without JavaScript, 'not solved' on a leaf stores the vote and leads on; the comment is optional", async ({ page, context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.23.${randomUUID()}` });
  const stepId = "step2-3-1";
  const leaf = "/ja/guides/jaist-sso/cert-invalid/use-cert/cert-imported";
  // This browser's own vote (other tests vote on the same step in parallel), found as the server
  // keys it: the session cookie hashed with the test servers' secret.
  const myVote = async () => {
    const id = (await context.cookies()).find((c) => c.name === "tebiki_feedback_session")?.value;
    if (!id) return [];
    const hash = createHash("sha256").update(`${E2E_AUTH_SECRET}:step-feedback:${id}`).digest("hex");
    return (await sql(`SELECT helpful, comment, locale FROM "StepFeedback" WHERE "stepId" = $1 AND "sessionHash" = $2`, [stepId, hash])).rows;
  };

  // No comment: one click from the leaf to STEP3.
  await page.goto(leaf);
  const feedback = page.getByTestId("step-feedback");
  await feedback.getByRole("button", { name: /^いいえ、解決しない/ }).click();
  await expect(page).toHaveURL(`${leaf}/cert-still-failing`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(stepText("jaist-sso", "ja", "step3").title);
  expect(await myVote()).toEqual([{ helpful: false, comment: null, locale: "ja" }]);

  // With a comment: the same one click, and the comment is kept with the vote.
  await page.goto(leaf);
  await feedback.getByText("うまくいかなかった点を書き添える(任意)").click();
  const comment = `JSなしのコメント ${randomUUID().slice(0, 8)}`;
  await feedback.getByLabel(/うまくいかなかった点/).fill(comment);
  await feedback.getByRole("button", { name: /^いいえ、解決しない/ }).click();
  await expect(page).toHaveURL(`${leaf}/cert-still-failing`);
  expect(await myVote()).toEqual([{ helpful: false, comment, locale: "ja" }]);
});
