// Issue 10: an agent finds a ticket by a word that is only in one of its internal notes, and the row
// says why it matched. The word is written through the note form, so the whole path (form, use
// case, the messages' search text, the trigram search, the match line) is the real one.
import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";

test("an agent finds a ticket by a word that is only in its internal note", async ({ page }) => {
  test.setTimeout(90_000);
  const agent = await createStaffUser({ role: "agent", name: "E2E 検索担当" });
  const ticket = await createTicket();
  const other = await createTicket();
  const word = `カモノハシ${randomUUID().slice(0, 6)}`;

  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  await page.getByLabel("内部メモ").fill(`ベンダーに確認中。合言葉は ${word} です。`);
  await page.getByRole("button", { name: "メモを追加" }).click();
  await expect(page.getByText("メモを追加しました。")).toBeVisible();

  await page.goto("/admin/tickets?status=all");
  const search = page.getByRole("searchbox", { name: "検索" });
  // The rule for short queries is stated next to the box, and read with it.
  await expect(search).toHaveAccessibleDescription(/1〜2文字: 氏名・ユーザ名の語頭/);
  await search.fill(word);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));

  const rows = page.getByTestId("ticket-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole("link", { name: ticket.reference })).toBeVisible();
  await expect(rows.getByText(other.reference)).toHaveCount(0);
  const match = rows.locator("[data-search-match]");
  await expect(match).toHaveAttribute("data-search-match", "note");
  await expect(match).toContainText("内部メモに一致");
  await expect(match.locator("mark")).toHaveText(word);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // 375 px: the match line wraps instead of widening the page.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
