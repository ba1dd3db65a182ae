// Two agents at once (issue 10, part C): what one does shows up on the other's screen without a
// reload, the other's half-written reply stays, and each sees the other on the ticket.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login, type TestStaff } from "./support/admin";
import { apiBody } from "./support/intake";

async function agentPage(browser: Browser, staff: TestStaff, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, staff, path);
  return page;
}

/** Set once; still there later only if the page was never reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark?: string }).liveMark = "same document"));
const documentMark = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark);

test("a reply and a status change by one agent appear on the other's ticket page; the other's drafts stay", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 6);
  const alice = await createStaffUser({ name: `E2E 有田 ${tag}` });
  const bob = await createStaffUser({ name: `E2E 坂東 ${tag}` });
  const ticket = await createTicket();
  const a = await agentPage(browser, alice, `/admin/tickets/${ticket.reference}`);
  const b = await agentPage(browser, bob, `/admin/tickets/${ticket.reference}`);

  // Presence: each sees the other on the ticket, and Alice sees Bob typing a reply.
  await expect(a.getByTestId("presence")).toContainText(`表示中: ${bob.name}`);
  await expect(b.getByTestId("presence")).toContainText(`表示中: ${alice.name}`);
  const replyDraft = `坂東の返信の下書き ${tag}`;
  const noteDraft = `坂東のメモの下書き ${tag}`;
  await b.locator("#reply-body").pressSequentially(replyDraft);
  await b.locator("#note-body").fill(noteDraft);
  await expect(a.getByTestId("presence")).toContainText(`返信を入力中: ${bob.name}`);
  await expect(b.getByTestId("presence")).not.toContainText("返信を入力中");
  await markDocument(b);

  const reply = `有田からの返信 ${tag}`;
  await a.locator("#reply-body").fill(reply);
  await a.getByRole("button", { name: "返信を送信" }).click();
  await expect(a.getByText("返信を送信しました")).toBeVisible();
  await expect(b.getByRole("region", { name: "やり取り" })).toContainText(reply);

  const actions = a.getByRole("complementary", { name: "チケットの操作" });
  await actions.getByLabel("状態").selectOption("resolved");
  await actions.getByRole("button", { name: "変更を保存" }).click();
  await expect(b.locator("h1 + span")).toHaveText("解決済み");
  await expect(b.getByRole("complementary", { name: "チケットの操作" }).getByLabel("状態")).toHaveValue("resolved");

  expect(await documentMark(b)).toBe("same document");
  await expect(b.locator("#reply-body")).toHaveValue(replyDraft);
  await expect(b.locator("#note-body")).toHaveValue(noteDraft);

  const results = await new AxeBuilder({ page: a }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Leaving the page leaves the other's presence list.
  await b.context().close();
  await expect(a.getByTestId("presence")).not.toContainText(bob.name);
  await a.context().close();
});

test("a ticket created through the API appears in an open list; ticked rows stay ticked", async ({ browser, request }) => {
  const agent = await createStaffUser();
  const older = await createTicket();
  const page = await agentPage(browser, agent, "/admin/tickets?status=all");
  const olderBox = page.getByRole("checkbox").and(page.locator(`[value="${older.id}"]`));
  await olderBox.check();
  await markDocument(page);

  const created = await request.post("/api/v1/tickets", { headers: { "x-forwarded-for": `198.19.${randomUUID()}` }, data: apiBody() });
  expect(created.status()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
  expect(await documentMark(page)).toBe("same document");
  await expect(olderBox).toBeChecked();
  await page.context().close();
});
